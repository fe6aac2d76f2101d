package io.fathom.targets;

import java.util.Arrays;

/**
 * Primality and factorization of numbers below 2^63, used once per scan to find a primitive root.
 *
 * <p>Primality: Miller-Rabin with the twelve prime bases 2..37, which is deterministic for every n below
 * 3.3 * 10^24 (Sorenson and Webster, 2015). Factoring: trial division by small numbers, then Pollard's rho with
 * Brent's cycle finding on the rest: a composite's smallest prime factor f shows up after about sqrt(f) steps,
 * at most about 2^16 multiplications here.
 */
final class PrimeFactors {
  private static final long[] WITNESSES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  private static final int TRIAL_LIMIT = 1000;
  private static final int BATCH = 128; // rho differences multiplied together per gcd

  private PrimeFactors() {}

  static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    for (long witness : WITNESSES) {
      if (n % witness == 0) {
        return n == witness;
      }
    }
    MontgomeryModulus mod = new MontgomeryModulus(n);
    long d = n - 1;
    int twos = Long.numberOfTrailingZeros(d);
    d >>>= twos;
    for (long witness : WITNESSES) {
      if (!passesRound(mod, witness, d, twos)) {
        return false;
      }
    }
    return true;
  }

  /** The distinct prime factors of {@code n} (1 <= n < 2^63), ascending. */
  static long[] distinct(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    long[] found = new long[64]; // a number below 2^63 has fewer than 63 prime factors
    int count = 0;
    long rest = n;
    for (long q = 2; q < TRIAL_LIMIT && q * q <= rest; q++) {
      if (rest % q == 0) {
        found[count++] = q;
        while (rest % q == 0) {
          rest /= q;
        }
      }
    }
    count = collect(rest, found, count);
    long[] result = Arrays.copyOf(found, count);
    Arrays.sort(result);
    int unique = 0;
    for (int i = 0; i < result.length; i++) {
      if (unique == 0 || result[unique - 1] != result[i]) {
        result[unique++] = result[i];
      }
    }
    return Arrays.copyOf(result, unique);
  }

  private static int collect(long n, long[] found, int count) {
    if (n == 1) {
      return count;
    }
    if (isPrime(n)) {
      found[count] = n;
      return count + 1;
    }
    long factor = findFactor(n);
    return collect(n / factor, found, collect(factor, found, count));
  }

  private static boolean passesRound(MontgomeryModulus mod, long witness, long oddPart, int twos) {
    long n = mod.modulus();
    long x = mod.pow(witness % n, oddPart);
    if (x == 1 || x == n - 1) {
      return true;
    }
    for (int i = 1; i < twos; i++) {
      x = mod.multiply(x, x);
      if (x == n - 1) {
        return true;
      }
    }
    return false;
  }

  /** A nontrivial factor of an odd composite n (trial division has removed every factor below 1000). */
  private static long findFactor(long n) {
    MontgomeryModulus mod = new MontgomeryModulus(n);
    for (long c = 1; ; c++) {
      long factor = brent(n, mod, c);
      if (factor != n) {
        return factor;
      }
    }
  }

  /** One run of Pollard-Brent with the map y -> y^2 + c (in Montgomery form); returns n when it fails. */
  private static long brent(long n, MontgomeryModulus mod, long c) {
    long y = 2;
    long x = y;
    long saved = y;
    long product = 1;
    long g = 1;
    for (long r = 1; g == 1; r <<= 1) {
      x = y;
      for (long i = 0; i < r; i++) {
        y = step(mod, y, c);
      }
      for (long k = 0; k < r && g == 1; k += BATCH) {
        saved = y;
        for (long i = 0; i < Math.min(BATCH, r - k); i++) {
          y = step(mod, y, c);
          product = mod.reduceProduct(product, Math.abs(x - y));
        }
        g = gcd(product, n);
      }
    }
    if (g == n) { // the batch overshot: retrace it one difference at a time
      do {
        saved = step(mod, saved, c);
        g = gcd(Math.abs(x - saved), n);
      } while (g == 1);
    }
    return g;
  }

  private static long step(MontgomeryModulus mod, long y, long c) {
    long next = mod.reduceProduct(y, y) + c;
    return next >= mod.modulus() ? next - mod.modulus() : next;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
