package io.fathom.targets;

/**
 * Steele, Lea and Flood's SplitMix64 generator, written out here so that a seed reproduces the same scan order on
 * every JDK (java.util's generators do not promise a fixed algorithm).
 */
final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** A uniform value in [0, bound), without modulo bias (rejects the short top slice of the 64-bit range). */
  long nextBelow(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
    long value;
    do {
      value = nextLong() >>> 1;
    } while (value >= limit);
    return value % bound;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
