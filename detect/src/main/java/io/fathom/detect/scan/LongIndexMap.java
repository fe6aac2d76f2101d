package io.fathom.detect.scan;

import java.util.Arrays;

/**
 * Maps non-negative long keys to int indexes by open addressing with linear probing; deletion shifts later
 * entries back, so there are no tombstones. Grows by doubling; no boxing.
 */
final class LongIndexMap {
  private static final long EMPTY = -1L;
  private long[] keys;
  private int[] values;
  private int size;

  LongIndexMap(int initialCapacity) {
    int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1);
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(keys, EMPTY);
  }

  /** The index stored for {@code key}, or -1. */
  int get(long key) {
    int mask = keys.length - 1;
    int i = Hashing.slot(Hashing.mix64(key), mask);
    long held;
    while ((held = keys[i]) != EMPTY) {
      if (held == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  void put(long key, int value) {
    int mask = keys.length - 1;
    int i = Hashing.slot(Hashing.mix64(key), mask);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    if (++size * 2 > keys.length) {
      rehash();
    }
  }

  void remove(long key) {
    int mask = keys.length - 1;
    int i = Hashing.slot(Hashing.mix64(key), mask);
    while (keys[i] != key) {
      if (keys[i] == EMPTY) {
        return;
      }
      i = (i + 1) & mask;
    }
    size--;
    int gap = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (keys[j] == EMPTY) {
        break;
      }
      int home = Hashing.slot(Hashing.mix64(keys[j]), mask);
      // Move j back into the gap unless its home lies cyclically in (gap, j].
      boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
      if (!stays) {
        keys[gap] = keys[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    keys[gap] = EMPTY;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  int size() {
    return size;
  }

  long bytes() {
    return 32L + 12L * keys.length;
  }
}
