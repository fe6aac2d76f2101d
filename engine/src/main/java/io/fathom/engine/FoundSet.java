package io.fathom.engine;

/**
 * The target indices that have already answered, for suppressing duplicates: an open-addressing hash set of
 * longs (no boxing). Memory grows with the answers, not with the target space; it allocates only when it
 * doubles.
 */
public final class FoundSet {
  private static final long EMPTY = -1;
  private long[] slots = newTable(1 << 12);
  private int size;

  /** Adds {@code index} (non-negative); false when it was already present. */
  public boolean add(long index) {
    if (size * 2 >= slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = (int) mix(index) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == index) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = index;
    size++;
    return true;
  }

  public int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    slots = newTable(old.length * 2);
    size = 0;
    for (long value : old) {
      if (value != EMPTY) {
        add(value);
      }
    }
  }

  private static long[] newTable(int capacity) {
    long[] table = new long[capacity];
    java.util.Arrays.fill(table, EMPTY);
    return table;
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    return x;
  }
}
