package io.fathom.detect.scan;

/**
 * An open-addressing set of ints that grows by doubling up to {@code maxSize} members and then refuses more.
 * Zero is stored in a flag, so the table needs no sentinel.
 */
final class IntSet {
  static final int ADDED = 1;
  static final int PRESENT = 0;
  static final int FULL = -1;

  private final int maxSize;
  private int[] table;
  private boolean hasZero;
  private int size;

  IntSet(int initialCapacity, int maxSize) {
    this.maxSize = maxSize;
    this.table = new int[Math.max(4, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1)];
  }

  /** Returns {@link #ADDED}, {@link #PRESENT} or {@link #FULL} (not added: the set holds maxSize members). */
  int add(int value) {
    return add(value, Hashing.address(value));
  }

  /** As {@link #add(int)}, given the value's {@link Hashing#address}. */
  int add(int value, long hash) {
    if (value == 0) {
      if (hasZero) {
        return PRESENT;
      }
      if (size >= maxSize) {
        return FULL;
      }
      hasZero = true;
      size++;
      return ADDED;
    }
    int mask = table.length - 1;
    int i = Hashing.slot(hash, mask);
    while (table[i] != 0) {
      if (table[i] == value) {
        return PRESENT;
      }
      i = (i + 1) & mask;
    }
    if (size >= maxSize) {
      return FULL;
    }
    table[i] = value;
    size++;
    if (size * 2 > table.length) {
      grow();
    }
    return ADDED;
  }

  boolean contains(int value) {
    if (value == 0) {
      return hasZero;
    }
    int mask = table.length - 1;
    int i = Hashing.slot(Hashing.address(value), mask);
    while (table[i] != 0) {
      if (table[i] == value) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  private void grow() {
    int[] old = table;
    table = new int[old.length * 2];
    int mask = table.length - 1;
    for (int value : old) {
      if (value != 0) {
        int i = Hashing.slot(Hashing.address(value), mask);
        while (table[i] != 0) {
          i = (i + 1) & mask;
        }
        table[i] = value;
      }
    }
  }

  int size() {
    return size;
  }

  /** Copies the members, in no particular order, into {@code out} (which holds at least {@link #size}). */
  int copyTo(int[] out) {
    int n = 0;
    if (hasZero) {
      out[n++] = 0;
    }
    for (int value : table) {
      if (value != 0) {
        out[n++] = value;
      }
    }
    return n;
  }

  void clear() {
    java.util.Arrays.fill(table, 0);
    hasZero = false;
    size = 0;
  }

  long bytes() {
    return 16L + 4L * table.length;
  }
}
