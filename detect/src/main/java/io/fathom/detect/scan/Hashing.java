package io.fathom.detect.scan;

import io.fathom.common.SplitMix;

/** 64-bit finalizers (the SplitMix64 / MurmurHash3 mixing steps) for keys of the detection tables. */
final class Hashing {
  private Hashing() {}

  static long mix64(long z) {
    return SplitMix.mix64(z);
  }

  /** A well-spread 64-bit hash of an address, the same for every table and sketch. */
  static long address(int address) {
    return mix64((address & 0xFFFF_FFFFL) + 0x9E3779B97F4A7C15L);
  }

  static int slot(long hash, int mask) {
    return (int) hash & mask;
  }

  /**
   * For backward-shift deletion in a linear-probing table of {@code mask + 1} slots: true when an entry at slot
   * {@code j} whose home is {@code home} stays where it is after slot {@code gap} (before {@code j}) empties, its
   * home lying cyclically in (gap, j]. By distances, so that a run wrapping past the table's end takes no path of its
   * own (a branch taken so rarely the JIT would compile it as a trap).
   */
  static boolean staysAfterGap(int home, int gap, int j, int mask) {
    return ((home - gap - 1) & mask) < ((j - gap) & mask);
  }
}
