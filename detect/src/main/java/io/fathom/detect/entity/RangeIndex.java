package io.fathom.detect.entity;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Address ranges flattened into sorted, disjoint segments, so that a lookup is one binary search (O(log n))
 * and millions of sources cost little. Where prefixes nest, the longest wins; where the same prefix
 * is given twice, the later one (a user catalogue over the built-in one) wins. CIDR blocks either nest or are
 * disjoint, which the sweep below relies on.
 */
final class RangeIndex {
  /** One range and its owner; {@code order} ranks equal prefixes. */
  record Entry(Cidr cidr, int owner, int order) {}

  /** One range's winning owner for a lookup, or none. */
  record Hit(Cidr cidr, int owner) {}

  private final long[] starts;
  private final long[] ends;
  private final Entry[] owners;

  private RangeIndex(long[] starts, long[] ends, Entry[] owners) {
    this.starts = starts;
    this.ends = ends;
    this.owners = owners;
  }

  static RangeIndex of(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong((Entry e) -> e.cidr().first())
        .thenComparingInt(e -> e.cidr().prefix())
        .thenComparingInt(Entry::order));
    Builder builder = new Builder(sorted.size() * 2 + 1);
    Deque<Entry> open = new ArrayDeque<>();
    long cursor = 0;
    for (Entry entry : sorted) {
      while (!open.isEmpty() && open.peek().cidr().last() < entry.cidr().first()) {
        cursor = builder.emit(cursor, open.pop());
      }
      if (!open.isEmpty()) {
        builder.emit(cursor, entry.cidr().first() - 1, open.peek());
      }
      cursor = entry.cidr().first();
      open.push(entry);
    }
    while (!open.isEmpty()) {
      cursor = builder.emit(cursor, open.pop());
    }
    return builder.build();
  }

  /** The most specific range holding {@code address}, or null. */
  Hit lookup(int address) {
    long key = address & 0xFFFF_FFFFL;
    int i = Arrays.binarySearch(starts, key);
    if (i < 0) {
      i = -i - 2;
    }
    if (i < 0 || key > ends[i]) {
      return null;
    }
    return new Hit(owners[i].cidr(), owners[i].owner());
  }

  int segments() {
    return starts.length;
  }

  private static final class Builder {
    private long[] starts;
    private long[] ends;
    private Entry[] owners;
    private int size;

    Builder(int capacity) {
      starts = new long[capacity];
      ends = new long[capacity];
      owners = new Entry[capacity];
    }

    /** Emits the rest of {@code entry} from {@code cursor}; returns the next unemitted address. */
    long emit(long cursor, Entry entry) {
      emit(cursor, entry.cidr().last(), entry);
      return Math.max(cursor, entry.cidr().last() + 1);
    }

    void emit(long from, long to, Entry entry) {
      if (from > to) {
        return;
      }
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
        owners = Arrays.copyOf(owners, size * 2);
      }
      starts[size] = from;
      ends[size] = to;
      owners[size++] = entry;
    }

    RangeIndex build() {
      return new RangeIndex(Arrays.copyOf(starts, size), Arrays.copyOf(ends, size), Arrays.copyOf(owners, size));
    }
  }
}
