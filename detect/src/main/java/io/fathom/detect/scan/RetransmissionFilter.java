package io.fathom.detect.scan;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Recognises a probe seen again: the same source, destination, protocol, destination port and TCP sequence
 * number within a window.
 *
 * <p>A set-associative cache ({@value #WAYS} ways per set, first in first out; fixed size, no allocation). A
 * direct-mapped cache of C slots forgets a probe as soon as one other probe lands in its slot, so a repeat survives
 * n other probes with probability exp(-n / C) (22 % at 100,000 packets per second with a one-second retry and
 * C = 65,536). Here a probe is forgotten only once {@value #WAYS} other probes landed in its set: with the default
 * 2^19 entries (65,536 sets), 100,000 distinct probes between a probe and its repeat put about 1.5 in its set, and
 * eight or more with probability 2e-4.
 *
 * <p>A way is one long: a {@value #FINGERPRINT_BITS}-bit fingerprint of the probe (hash bits the set index does not
 * use, so 52 bits of the probe's hash are compared with the default size) over the time it was last seen, in ticks
 * of 2^20 ns (about a millisecond; the window is honoured to within a tick) modulo 2^{@value #TICK_BITS} (78 hours).
 * Eight bits of each way's fingerprint are kept again side by side, one long per set (512 KiB with the default
 * size, so they stay in the core's L2 cache), with each set's next way to replace: a probe seen for the first time
 * (nearly every probe) is told apart there, and its way is written without being read (with others:
 * {@link #PENDING}). A forgotten probe makes a retransmission missed; two different probes are confused with
 * probability below 2^-49 per lookup.
 */
final class RetransmissionFilter {
  static final int WAYS = 8;
  static final int TICK_SHIFT = 20;
  static final int TICK_BITS = 28;
  static final int FINGERPRINT_BITS = 64 - TICK_BITS;
  /** The longest window: far from the ticks' wrap, so that an entry never seems younger than it is. */
  static final long MAX_WINDOW_NANOS = 1L << (TICK_SHIFT + TICK_BITS - 2);
  private static final long TICK_MASK = (1L << TICK_BITS) - 1;
  private static final long LOW_BITS = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  /**
   * New probes' ways are written {@value #PENDING} at a time: the way's line is seldom in the core's cache (4 MiB of
   * ways with the default size), and a store to such a line stalls the core once its store buffer fills; written
   * in a tight loop, the misses overlap. A tag match writes the pending ways before it reads one.
   */
  static final int PENDING = 256;
  private final int[] pendingAt = new int[PENDING];
  private final long[] pendingValue = new long[PENDING];
  private int pending;

  /** Per set and way: fingerprint and time. */
  private final long[] ways;
  /** Per set: the ways' tags (eight bits of their fingerprints, zero when empty), way w in byte w. */
  private final long[] tags;
  /** Per set: the way the next new probe replaces. */
  private final byte[] next;
  private final int setMask;
  private final int setBits;
  private final long windowTicks;

  RetransmissionFilter(int size, long windowNanos) {
    if (windowNanos < 0 || windowNanos > MAX_WINDOW_NANOS) {
      throw new IllegalArgumentException("retransmission window out of range: " + windowNanos + " ns");
    }
    int capacity = Integer.highestOneBit(Math.max(2 * WAYS, size) - 1) << 1; // a power of two, at least size
    this.setMask = capacity / WAYS - 1;
    this.setBits = Integer.bitCount(setMask);
    this.ways = new long[capacity];
    this.tags = new long[capacity / WAYS];
    this.next = new byte[capacity / WAYS];
    this.windowTicks = windowNanos >>> TICK_SHIFT;
  }

  /** True when this probe repeats one seen within the window; the probe is remembered either way. */
  boolean isRetransmission(int src, int dst, int protocol, int dstPort, int seq, long nowNanos) {
    return isRetransmission(Hashing.mix64(SourceState.key(src, protocol)), Hashing.address(dst), dstPort, seq,
        nowNanos);
  }

  /**
   * As {@link #isRetransmission(int, int, int, int, int, long)}, from the hashes the detector has made already: its
   * source table's of the (source, protocol) key ({@code Hashing.mix64} of {@link SourceState#key}) and the
   * destination's ({@link Hashing#address}). One more mixing step makes the probe's hash, where hashing the five
   * fields took two.
   */
  boolean isRetransmission(long keyHash, long dstHash, int dstPort, int seq, long nowNanos) {
    long hash = Hashing.mix64(keyHash ^ Long.rotateLeft(dstHash, 29) ^ ((long) dstPort << 32 | (seq & 0xFFFF_FFFFL)));
    int set = (int) hash & setMask;
    // the fingerprint: hash bits above the set index, never zero (zero marks an empty way); its low byte the tag
    long fingerprint = (hash >>> setBits) & ((1L << FINGERPRINT_BITS) - 1) | 1;
    long tag = fingerprint & 0xFF;
    long now = (nowNanos >>> TICK_SHIFT) & TICK_MASK;
    long entry = fingerprint << TICK_BITS | now;
    long held = tags[set];
    long diff = held ^ (tag * LOW_BITS);
    long matches = (diff - LOW_BITS) & ~diff & HIGH_BITS; // a high bit per byte equal to the tag (or just above one)
    if (matches != 0 && pending > 0) {
      flush();
    }
    while (matches != 0) {
      int way = Long.numberOfTrailingZeros(matches) >>> 3;
      matches &= matches - 1;
      int at = set * WAYS + way;
      long stored = ways[at];
      if (stored >>> TICK_BITS == fingerprint) {
        ways[at] = entry;
        // signed age in ticks: a probe seen "later" (out-of-order capture time) also counts as a repeat
        return ((now - stored) << FINGERPRINT_BITS) >> FINGERPRINT_BITS <= windowTicks;
      }
    }
    int way = next[set];
    next[set] = (byte) ((way + 1) & (WAYS - 1));
    tags[set] = held & ~(0xFFL << (8 * way)) | tag << (8 * way);
    pendingAt[pending] = set * WAYS + way;
    pendingValue[pending] = entry;
    if (++pending == PENDING) {
      flush();
    }
    return false;
  }

  /** Writes the pending ways, in order (so that a later write to the same way wins). */
  private void flush() {
    long[] w = ways;
    for (int i = 0, n = pending; i < n; i++) {
      w[pendingAt[i]] = pendingValue[i];
    }
    pending = 0;
  }

  long bytes() {
    return 48L + 16L + 8L * ways.length + 16L + 8L * tags.length + 16L + next.length + 16L + 4L * PENDING + 16L
        + 8L * PENDING;
  }
}
