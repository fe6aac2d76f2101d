package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MontgomeryModulus}, {@link PrimeFactors} and {@link SplitMix64} against BigInteger and known values. */
class ModularArithmeticTest {
  @Test
  void montgomeryProductsMatchBigInteger() {
    SplittableRandom random = new SplittableRandom(2);
    for (int trial = 0; trial < 2000; trial++) {
      long modulus = random.nextLong(3, random.nextBoolean() ? 1L << 20 : Long.MAX_VALUE) | 1;
      MontgomeryModulus mod = new MontgomeryModulus(modulus);
      BigInteger m = BigInteger.valueOf(modulus);
      for (int probe = 0; probe < 20; probe++) {
        long a = random.nextLong(modulus);
        long b = probe == 0 ? modulus - 1 : random.nextLong(modulus);
        long exponent = random.nextLong(Long.MAX_VALUE);
        BigInteger big = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(m);
        assertThat(mod.multiply(a, b)).isEqualTo(big.longValueExact());
        assertThat(mod.pow(a, exponent)).isEqualTo(BigInteger.valueOf(a).modPow(BigInteger.valueOf(exponent), m)
            .longValueExact());
        // Plain times Montgomery form is the plain product, which is what the cyclic walk relies on.
        assertThat(mod.reduceProduct(a, mod.toMontgomery(b))).isEqualTo(big.longValueExact());
      }
    }
  }

  @Test
  void primalityMatchesBigIntegerIncludingPseudoprimes() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 20_000; trial++) {
      long n = trial < 2000 ? trial : random.nextLong(random.nextBoolean() ? 1L << 32 : Long.MAX_VALUE);
      assertThat(PrimeFactors.isPrime(n)).as("%d", n).isEqualTo(BigInteger.valueOf(n).isProbablePrime(64));
    }
    // Carmichael numbers and strong pseudoprimes to small bases.
    for (long composite : new long[] {561, 1105, 2047, 3215031751L, 3825123056546413051L, 318665857834031151L}) {
      assertThat(PrimeFactors.isPrime(composite)).as("%d", composite).isFalse();
    }
  }

  @Test
  void distinctPrimeFactorsMultiplyBackToTheNumber() {
    SplittableRandom random = new SplittableRandom(4);
    for (int trial = 0; trial < 300; trial++) {
      long n = trial == 0 ? 1 : random.nextLong(1, trial % 2 == 0 ? 1L << 40 : Long.MAX_VALUE);
      long rest = n;
      long previous = 1;
      for (long q : PrimeFactors.distinct(n)) {
        assertThat(q).isGreaterThan(previous);
        previous = q;
        assertThat(BigInteger.valueOf(q).isProbablePrime(64)).isTrue();
        assertThat(rest % q).isZero();
        while (rest % q == 0) {
          rest /= q;
        }
      }
      assertThat(rest).as("%d", n).isEqualTo(1);
    }
    // Semiprimes with two large factors, the slowest case for rho.
    assertThat(PrimeFactors.distinct(2147483647L * 2147483629L)).containsExactly(2147483629L, 2147483647L);
    assertThat(PrimeFactors.distinct(1_000_003L * 1_000_003L)).containsExactly(1_000_003L);
  }

  @Test
  void splitMixMatchesTheReferenceSequence() {
    // First outputs of SplitMix64 seeded with 0 (the reference C implementation).
    SplitMix64 random = new SplitMix64(0);
    assertThat(random.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(random.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    SplitMix64 bounded = new SplitMix64(1);
    for (int i = 0; i < 10_000; i++) {
      assertThat(bounded.nextBelow(7)).isBetween(0L, 6L);
    }
  }
}
