package io.fathom.targets;

/**
 * The primes the cyclic-group order chooses from: for each k in 1..62 the smallest prime above 2^k. One rung per
 * power of two keeps the walk's wasted steps (group elements past the target space) below one half. ZMap's
 * ladder (2^8+1, 2^16+1, 2^24+43, 2^28+3, 2^32+15, ... 2^48+21) is a subset of this one.
 */
final class PrimeLadder {
  /** OFFSETS[k - 1] = (smallest prime above 2^k) - 2^k. */
  private static final int[] OFFSETS = {
    1, 1, 3, 1, 5, 3, 3, 1, 9, 7, 5, 3, 17, 27, 3, 1, 29, 3, 21, 7, 17, 15, 9, 43, 35, 15, 29, 3, 11, 3, 11, 15,
    17, 25, 53, 31, 9, 7, 23, 15, 27, 15, 29, 7, 59, 15, 5, 21, 69, 55, 21, 21, 5, 159, 3, 81, 9, 69, 131, 33, 15,
    135
  };

  /** The largest size a ladder prime can serve: the top rung minus one. */
  static final long MAX_SIZE = prime(OFFSETS.length) - 1;

  private PrimeLadder() {}

  static int rungs() {
    return OFFSETS.length;
  }

  /** The smallest prime above 2^k, for k in 1..{@link #rungs()}. */
  static long prime(int k) {
    return (1L << k) + OFFSETS[k - 1];
  }

  /** The smallest ladder prime p with p > size, so that the group's p - 1 elements cover [0, size). */
  static long smallestAbove(long size) {
    for (int k = 1; k <= OFFSETS.length; k++) {
      if (prime(k) > size) {
        return prime(k);
      }
    }
    throw new IllegalArgumentException("size beyond the prime ladder: " + size);
  }
}
