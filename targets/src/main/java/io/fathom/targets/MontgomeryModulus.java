package io.fathom.targets;

/**
 * Multiplication modulo an odd {@code p < 2^63} without division and without 128-bit types.
 *
 * <p>Montgomery's reduction with R = 2^64: for {@code t = a*b < p*2^64}, let {@code m = (t mod R) * p^-1 mod R};
 * then {@code t - m*p} is divisible by R and {@code (t - m*p) / R = hi(t) - hi(m*p)} lies in (-p, p) and is congruent
 * to {@code a*b*R^-1} mod p. So {@link #reduceProduct} costs three multiplications and a conditional add. Values
 * kept "in Montgomery form" carry the extra factor R; multiplying a plain value by a factor in Montgomery form
 * gives a plain product, which is how the cyclic walk stays in plain numbers.
 */
final class MontgomeryModulus {
  private final long modulus;
  private final long inverse; // modulus^-1 mod 2^64
  private final long rSquared; // R^2 mod modulus

  MontgomeryModulus(long modulus) {
    if (modulus < 3 || (modulus & 1) == 0) {
      throw new IllegalArgumentException("modulus must be odd and at least 3: " + modulus);
    }
    this.modulus = modulus;
    long inv = modulus; // correct to 3 bits for odd numbers; each Newton step doubles the correct bits
    for (int i = 0; i < 5; i++) {
      inv *= 2 - modulus * inv;
    }
    this.inverse = inv;
    long r = 1;
    for (int i = 0; i < 128; i++) {
      r = doubleMod(r);
    }
    this.rSquared = r;
  }

  long modulus() {
    return modulus;
  }

  /** {@code a * b * R^-1 mod p}, for a and b in [0, p). */
  long reduceProduct(long a, long b) {
    long low = a * b;
    long high = Math.multiplyHigh(a, b); // a, b < 2^63, so signed and unsigned high halves agree
    long m = low * inverse;
    long r = high - Math.unsignedMultiplyHigh(m, modulus);
    return r < 0 ? r + modulus : r;
  }

  /** {@code a * R mod p}: the Montgomery form of a plain value in [0, p). */
  long toMontgomery(long a) {
    return reduceProduct(a, rSquared);
  }

  /** Plain {@code a * b mod p}, for a and b in [0, p). */
  long multiply(long a, long b) {
    return reduceProduct(toMontgomery(a), b);
  }

  /** {@code base^exponent mod p} for base in [0, p) and exponent >= 0. */
  long pow(long base, long exponent) {
    long result = toMontgomery(1);
    long square = toMontgomery(base);
    for (long e = exponent; e != 0; e >>>= 1) {
      if ((e & 1) != 0) {
        result = reduceProduct(result, square);
      }
      square = reduceProduct(square, square);
    }
    return reduceProduct(result, 1);
  }

  private long doubleMod(long a) {
    long twice = a << 1; // a < p < 2^63, so 2a < 2^64 fits unsigned
    return Long.compareUnsigned(twice, modulus) >= 0 ? twice - modulus : twice;
  }
}
