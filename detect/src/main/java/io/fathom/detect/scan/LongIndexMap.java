package io.fathom.detect.scan;

import java.util.Arrays;

/**
 * Maps non-negative long keys to int indexes by open addressing with linear probing; deletion shifts later
 * entries back, so there are no tombstones. Grows by doubling; no boxing. Each key and its value lie side by side
 * in one array, so a lookup touches one cache line.
 */
final class LongIndexMap {
  private static final long EMPTY = -1L;
  /** Slot i: key at 2i, value at 2i + 1. */
  private long[] table;
  private int size;

  LongIndexMap(int initialCapacity) {
    int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1);
    table = new long[2 * capacity];
    Arrays.fill(table, EMPTY);
  }

  /** The index stored for {@code key}, or -1. */
  int get(long key) {
    long[] t = table;
    int mask = (t.length >>> 1) - 1;
    int i = Hashing.slot(Hashing.mix64(key), mask);
    long held;
    while ((held = t[2 * i]) != EMPTY) {
      if (held == key) {
        return (int) t[2 * i + 1];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  void put(long key, int value) {
    long[] t = table;
    int mask = (t.length >>> 1) - 1;
    int i = Hashing.slot(Hashing.mix64(key), mask);
    long held;
    while ((held = t[2 * i]) != EMPTY) {
      if (held == key) {
        t[2 * i + 1] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    t[2 * i] = key;
    t[2 * i + 1] = value;
    if (++size * 2 > mask + 1) {
      rehash();
    }
  }

  void remove(long key) {
    long[] t = table;
    int mask = (t.length >>> 1) - 1;
    int i = Hashing.slot(Hashing.mix64(key), mask);
    while (t[2 * i] != key) {
      if (t[2 * i] == EMPTY) {
        return;
      }
      i = (i + 1) & mask;
    }
    size--;
    int gap = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (t[2 * j] == EMPTY) {
        break;
      }
      int home = Hashing.slot(Hashing.mix64(t[2 * j]), mask);
      // Move j back into the gap unless its home lies cyclically in (gap, j].
      boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
      if (!stays) {
        t[2 * gap] = t[2 * j];
        t[2 * gap + 1] = t[2 * j + 1];
        gap = j;
      }
    }
    t[2 * gap] = EMPTY;
  }

  private void rehash() {
    long[] old = table;
    table = new long[2 * old.length];
    Arrays.fill(table, EMPTY);
    size = 0;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != EMPTY) {
        put(old[i], (int) old[i + 1]);
      }
    }
  }

  int size() {
    return size;
  }

  long bytes() {
    return 32L + 8L * table.length;
  }
}
