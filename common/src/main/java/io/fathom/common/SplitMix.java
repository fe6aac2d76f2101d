package io.fathom.common;

/** SplitMix64's finalizer (Steele, Lea and Flood 2014; MurmurHash3's constants): a bijection of 64-bit values. */
public final class SplitMix {
  private SplitMix() {}

  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
