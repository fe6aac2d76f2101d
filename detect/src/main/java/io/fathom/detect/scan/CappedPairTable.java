package io.fathom.detect.scan;

import java.util.Arrays;

/**
 * For one source: how many distinct values each key has (distinct hosts per port, or ports per host), counted
 * exactly up to {@code limit}. At most {@code maxKeys} keys are tracked (first come; later keys are ignored), so
 * memory is bounded by about maxKeys * (limit + 4) ints whatever the traffic. Used only until a threshold is met.
 */
final class CappedPairTable {
  private final int limit;
  private final int maxKeys;
  /** Open addressing: key and (index + 1) per slot, 0 meaning empty. */
  private int[] slotKeys;
  private int[] slotIndex;
  private int[][] values;
  private int[] counts;
  private int keyCount;
  private int best;

  CappedPairTable(int limit, int maxKeys) {
    this.limit = limit;
    this.maxKeys = maxKeys;
    this.slotKeys = new int[8];
    this.slotIndex = new int[8];
    this.values = new int[4][];
    this.counts = new int[4];
  }

  /** Adds the pair; returns the key's distinct value count afterwards (0 when the key is not tracked). */
  int add(int key, int value) {
    int index = indexOf(key);
    if (index < 0) {
      if (keyCount >= maxKeys) {
        return 0;
      }
      index = newKey(key);
    }
    int count = counts[index];
    if (count >= limit) {
      return count;
    }
    int[] held = values[index];
    for (int i = 0; i < count; i++) {
      if (held[i] == value) {
        return count;
      }
    }
    if (count == held.length) {
      held = Arrays.copyOf(held, Math.min(limit, held.length * 2));
      values[index] = held;
    }
    held[count] = value;
    counts[index] = ++count;
    best = Math.max(best, count);
    return count;
  }

  private int indexOf(int key) {
    int mask = slotKeys.length - 1;
    int i = Hashing.slot(Hashing.address(key), mask);
    while (slotIndex[i] != 0) {
      if (slotKeys[i] == key) {
        return slotIndex[i] - 1;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private int newKey(int key) {
    if (keyCount == counts.length) {
      values = Arrays.copyOf(values, keyCount * 2);
      counts = Arrays.copyOf(counts, keyCount * 2);
    }
    if (values[keyCount] == null) {
      values[keyCount] = new int[Math.min(limit, 2)];
    }
    counts[keyCount] = 0;
    insert(key, keyCount);
    keyCount++;
    if (keyCount * 2 > slotKeys.length) {
      rehash(slotKeys.length * 2);
    }
    return keyCount - 1;
  }

  private void insert(int key, int index) {
    int mask = slotKeys.length - 1;
    int i = Hashing.slot(Hashing.address(key), mask);
    while (slotIndex[i] != 0) {
      i = (i + 1) & mask;
    }
    slotKeys[i] = key;
    slotIndex[i] = index + 1;
  }

  private void rehash(int capacity) {
    int[] oldKeys = slotKeys;
    int[] oldIndex = slotIndex;
    slotKeys = new int[capacity];
    slotIndex = new int[capacity];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldIndex[i] != 0) {
        insert(oldKeys[i], oldIndex[i] - 1);
      }
    }
  }

  /** The largest distinct count of any key. */
  int best() {
    return best;
  }

  int keys() {
    return keyCount;
  }

  /** Forgets every pair, keeping the arrays for the next window. */
  void clear() {
    Arrays.fill(slotIndex, 0);
    keyCount = 0;
    best = 0;
  }

  long bytes() {
    long bytes = 48 + 8L * slotKeys.length + 12L * counts.length;
    for (int[] held : values) {
      if (held != null) {
        bytes += 16 + 4L * held.length;
      }
    }
    return bytes;
  }
}
