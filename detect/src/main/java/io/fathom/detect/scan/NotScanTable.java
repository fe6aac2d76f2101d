package io.fathom.detect.scan;

import io.fathom.detect.NotScanRecord;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Aggregates labelled non-scan packets per (source, reason) in primitive arrays: no object per source, none per
 * packet; an entry's key, count and times lie side by side, in one cache line. Entries idle for the timeout are
 * emitted as {@link NotScanRecord}s; beyond {@code maxEntries} the stalest of a small sample is emitted early
 * (counted as evicted).
 */
final class NotScanTable {
  private static final int EVICTION_SAMPLE = 16;
  private static final NotScanReason[] REASONS = NotScanReason.values();

  private final int maxEntries;
  private final LongIndexMap index = new LongIndexMap(64);
  /** Per entry: key, packets (0: free), first and last time. */
  private long[] entries = new long[4 * 64];
  private int[] free = new int[64];
  private int freeCount;
  private int high;
  private int live;
  private int evictCursor;
  private long evicted;

  NotScanTable(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  void add(int src, NotScanReason reason, long nowNanos, Consumer<NotScanRecord> sink) {
    long key = (src & 0xFFFF_FFFFL) << 8 | reason.ordinal();
    int i = index.get(key);
    if (i < 0) {
      if (live >= maxEntries) {
        evictOne(sink);
      }
      i = allocate();
      entries[4 * i] = key;
      entries[4 * i + 1] = 0;
      entries[4 * i + 2] = nowNanos;
      entries[4 * i + 3] = nowNanos;
      index.put(key, i);
      live++;
    }
    entries[4 * i + 1]++;
    if (nowNanos > entries[4 * i + 3]) {
      entries[4 * i + 3] = nowNanos;
    }
  }

  private int allocate() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    if (high == free.length) {
      int grown = Math.min(Math.max(free.length * 2, 64), Math.max(maxEntries, 64));
      entries = Arrays.copyOf(entries, 4 * grown);
      free = Arrays.copyOf(free, grown);
    }
    return high++;
  }

  private void evictOne(Consumer<NotScanRecord> sink) {
    int oldest = -1;
    // Called only when full, so every slot below high is live.
    for (int n = 0; n < Math.min(high, EVICTION_SAMPLE); n++) {
      int i = evictCursor;
      evictCursor = (evictCursor + 1) % high;
      if (entries[4 * i + 1] > 0 && (oldest < 0 || entries[4 * i + 3] < entries[4 * oldest + 3])) {
        oldest = i;
      }
    }
    if (oldest >= 0) {
      emit(oldest, sink);
      evicted++;
    }
  }

  /** Emits entries idle for more than {@code idleNanos} at {@code nowNanos}. */
  void expire(long nowNanos, long idleNanos, Consumer<NotScanRecord> sink) {
    for (int i = 0; i < high; i++) {
      if (entries[4 * i + 1] > 0 && nowNanos - entries[4 * i + 3] > idleNanos) {
        emit(i, sink);
      }
    }
  }

  void emitAll(Consumer<NotScanRecord> sink) {
    for (int i = 0; i < high; i++) {
      if (entries[4 * i + 1] > 0) {
        emit(i, sink);
      }
    }
  }

  private void emit(int i, Consumer<NotScanRecord> sink) {
    long key = entries[4 * i];
    sink.accept(new NotScanRecord((int) (key >>> 8), REASONS[(int) (key & 0xFF)].label(), entries[4 * i + 1],
        entries[4 * i + 2], entries[4 * i + 3]));
    index.remove(key);
    entries[4 * i + 1] = 0;
    free[freeCount++] = i;
    live--;
  }

  int live() {
    return live;
  }

  long evicted() {
    return evicted;
  }

  long bytes() {
    return index.bytes() + 8L * entries.length + 4L * free.length;
  }
}
