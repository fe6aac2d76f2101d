package io.fathom.detect.scan;

import io.fathom.detect.NotScanRecord;

/**
 * Aggregates labelled non-scan packets per (source, reason) in one primitive array: no object per source, none per
 * packet. Open addressing with linear probing and backward-shift deletion; a slot is four longs side by side (key,
 * packets, first and last time; zero packets marks it empty), so adding a packet reads one cache line. Entries idle
 * for the timeout are handed to a {@link NotScanSink} (a {@link NotScanRecord}'s fields); beyond {@code maxEntries}
 * the stalest of a small sample is handed over early (counted as evicted). Beside the slots, a byte per slot says
 * whether it is occupied and a second holds the coarse time of its latest packet (as the source table's: epochs of
 * 2^{@code epochShift} ns, modulo 256), so that a pass for idle entries ({@link #expireIdle}) reads a long for eight
 * slots and only the slots that may be idle: a telescope's table holds hundreds of thousands of aggregates (the
 * benchmark capture: 16 MiB of slots read at each of its 83 sweeps, 1.3 GB in all, where the two bytes a slot are
 * 1 MiB). Not thread-safe.
 */
final class NotScanTable {
  private static final int EVICTION_SAMPLE = 16;
  private static final int SLOT = 4;
  private static final NotScanReason[] REASONS = NotScanReason.values();

  private final int maxEntries;
  private long[] slots = new long[SLOT * 64];
  /** Per slot: 1 when occupied, else 0. */
  private byte[] used = new byte[64];
  /** Per slot: the epoch of its latest packet, modulo 256. */
  private byte[] epochs = new byte[64];
  private final int epochShift;
  private int mask = 63;
  private int live;
  private int evictCursor;
  private long evicted;

  /**
   * Packets staged before they are added, {@value #STAGED} at a time: a backscatter victim's aggregate is seldom in
   * the core's cache when its next packet comes (thousands of other packets between), and one add waiting on its
   * line held up the work behind it; added together after a loop that only loads their home slots, the misses
   * overlap. Every method that reads the table adds the staged packets first, in order.
   */
  static final int STAGED = 256;
  private final long[] stagedKeys = new long[STAGED];
  private final long[] stagedNanos = new long[STAGED];
  private int staged;
  private NotScanSink stagedSink;
  /** What the loads ahead read, kept so that the compiler cannot drop them. */
  private long loadedSum;

  /** A table whose entries' epochs last 2^{@code epochShift} ns (the detector's: {@link ScanDetector#epochShift}). */
  NotScanTable(int maxEntries, int epochShift) {
    this.maxEntries = maxEntries;
    this.epochShift = epochShift;
  }

  private int epochOf(long nanos) {
    return (int) (nanos >>> epochShift) & 0xFF;
  }

  private static long key(int src, NotScanReason reason) {
    return (src & 0xFFFF_FFFFL) << 8 | reason.ordinal();
  }

  private int home(long key) {
    return Hashing.slot(Hashing.mix64(key), mask);
  }

  /** Counts a packet of {@code src} labelled {@code reason}; {@code sink} takes the aggregates evicted by the cap. */
  void add(int src, NotScanReason reason, long nowNanos, NotScanSink sink) {
    stagedKeys[staged] = key(src, reason);
    stagedNanos[staged] = nowNanos;
    stagedSink = sink;
    if (++staged == STAGED) {
      flush();
    }
  }

  /** Adds the staged packets, in order, their home slots loaded first. */
  private void flush() {
    int n = staged;
    if (n == 0) {
      return;
    }
    staged = 0;
    long[] s = slots;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += s[SLOT * home(stagedKeys[i])];
    }
    loadedSum += sum;
    for (int i = 0; i < n; i++) {
      addNow(stagedKeys[i], stagedNanos[i], stagedSink);
    }
  }

  private void addNow(long key, long nowNanos, NotScanSink sink) {
    long[] s = slots;
    int i = home(key);
    while (s[SLOT * i + 1] != 0) {
      if (s[SLOT * i] == key) {
        s[SLOT * i + 1]++;
        // no branch: a packet no later than the last (the same microsecond) would be a path the JIT compiled as a trap
        long last = Math.max(s[SLOT * i + 3], nowNanos);
        s[SLOT * i + 3] = last;
        epochs[i] = (byte) epochOf(last);
        return;
      }
      i = (i + 1) & mask;
    }
    if (live >= maxEntries) {
      evictOne(sink);
    }
    if ((live + 1) * 2 > mask + 1) {
      grow();
    }
    s = slots;
    i = home(key);
    while (s[SLOT * i + 1] != 0) {
      i = (i + 1) & mask;
    }
    s[SLOT * i] = key;
    s[SLOT * i + 1] = 1;
    s[SLOT * i + 2] = nowNanos;
    s[SLOT * i + 3] = nowNanos;
    used[i] = 1;
    epochs[i] = (byte) epochOf(nowNanos);
    live++;
  }

  private void grow() {
    long[] old = slots;
    byte[] oldEpochs = epochs;
    slots = new long[old.length * 2];
    mask = slots.length / SLOT - 1;
    used = new byte[mask + 1];
    epochs = new byte[mask + 1];
    for (int j = 0; j < old.length; j += SLOT) {
      if (old[j + 1] != 0) {
        int i = home(old[j]);
        while (slots[SLOT * i + 1] != 0) {
          i = (i + 1) & mask;
        }
        System.arraycopy(old, j, slots, SLOT * i, SLOT);
        used[i] = 1;
        epochs[i] = oldEpochs[j / SLOT];
      }
    }
  }

  /** Empties slot {@code i}, moving later entries of its run back so that every one stays findable. */
  private void remove(int i) {
    long[] s = slots;
    int gap = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (s[SLOT * j + 1] == 0) {
        break;
      }
      int home = home(s[SLOT * j]);
      if (!Hashing.staysAfterGap(home, gap, j, mask)) {
        System.arraycopy(s, SLOT * j, s, SLOT * gap, SLOT);
        epochs[gap] = epochs[j];
        gap = j;
      }
    }
    s[SLOT * gap + 1] = 0;
    used[gap] = 0;
    live--;
  }

  private void evictOne(NotScanSink sink) {
    int oldest = -1;
    for (int seen = 0, n = 0; seen < EVICTION_SAMPLE && n <= mask; n++) {
      int i = evictCursor;
      evictCursor = (evictCursor + 1) & mask;
      if (slots[SLOT * i + 1] != 0) {
        seen++;
        if (oldest < 0 || slots[SLOT * i + 3] < slots[SLOT * oldest + 3]) {
          oldest = i;
        }
      }
    }
    if (oldest >= 0) {
      emit(oldest, sink);
      evicted++;
    }
  }

  /** Emits entries idle for more than {@code idleNanos} at {@code nowNanos}. */
  void expire(long nowNanos, long idleNanos, NotScanSink sink) {
    flush();
    // Removing an entry moves later ones back into its place, so the same slot is looked at again.
    for (int i = 0; i <= mask; ) {
      if (slots[SLOT * i + 1] != 0 && nowNanos - slots[SLOT * i + 3] > idleNanos) {
        emit(i, sink);
      } else {
        i++;
      }
    }
  }

  /**
   * As {@link #expire}, reading only the slots whose epoch is at least {@code idleEpochs} (1 to 127) behind
   * {@code epoch} (that of {@code nowNanos}), eight slots' bytes at a time. Exact as long as no slot's epoch has
   * wrapped since: the caller passes over every slot ({@link #expire}) after a pause of nearly 256 epochs.
   */
  void expireIdle(long nowNanos, long idleNanos, int epoch, int idleEpochs, NotScanSink sink) {
    flush();
    for (int e = 0; e <= mask; e += 8) {
      int candidates = SourceTable.idleCandidates(used, epochs, e, epoch, idleEpochs);
      int settled = 0; // slots e .. e + settled - 1 are done with
      while ((candidates & (-1 << settled)) != 0) {
        int bit = Integer.numberOfTrailingZeros(candidates & (-1 << settled));
        if (nowNanos - slots[SLOT * (e + bit) + 3] > idleNanos) {
          emit(e + bit, sink);
          // later slots may have moved back into this one's place: look again from there
          candidates = SourceTable.idleCandidates(used, epochs, e, epoch, idleEpochs);
          settled = bit;
        } else {
          settled = bit + 1;
        }
      }
    }
  }

  void emitAll(NotScanSink sink) {
    flush();
    for (int i = 0; i <= mask; ) {
      if (slots[SLOT * i + 1] != 0) {
        emit(i, sink);
      } else {
        i++;
      }
    }
  }

  /** Emits slot {@code i} and removes it. */
  private void emit(int i, NotScanSink sink) {
    long key = slots[SLOT * i];
    NotScanReason reason = REASONS[(int) (key & 0xFF)];
    long packets = slots[SLOT * i + 1];
    long first = slots[SLOT * i + 2];
    long last = slots[SLOT * i + 3];
    remove(i);
    sink.accept(reason, (int) (key >>> 8), packets, first, last);
  }

  int live() {
    flush();
    return live;
  }

  long evicted() {
    flush();
    return evicted;
  }

  long bytes() {
    return 48L + 8L * slots.length + 2L * (16 + used.length) + 2L * (16 + 8L * STAGED);
  }
}
