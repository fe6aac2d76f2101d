package io.fathom.detect.scan;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Recognises a probe seen again: the same source, destination, protocol, destination port and TCP sequence
 * number within a window.
 *
 * <p>A set-associative cache ({@value #WAYS} ways per set, least recently seen first out; fixed size, no
 * allocation). A direct-mapped cache of C slots forgets a probe as soon as one other probe lands in its slot, so a
 * repeat survives n other probes with probability exp(-n / C) (22 % at 100,000 packets per second with a one-second
 * retry and C = 65,536). Here a probe is forgotten only once {@value #WAYS} other probes landed in its set: with the
 * default 2^19 entries (65,536 sets), 100,000 distinct probes between a probe and its repeat put about 1.5 in its
 * set, and eight or more with probability 2e-4.
 *
 * <p>A way is one long: a {@value #FINGERPRINT_BITS}-bit fingerprint of the probe (hash bits the set index does not
 * use, so 52 bits of the probe's hash are compared with the default size) over the time it was last seen, in ticks
 * of 2^20 ns (about a millisecond; the window is honoured to within a tick) modulo 2^{@value #TICK_BITS} (78 hours).
 * A set is 64 bytes off the heap, aligned to a cache line, so a lookup costs one cache miss. A forgotten probe makes
 * a retransmission missed; two different probes are confused with probability below 2^-49 per lookup.
 */
final class RetransmissionFilter {
  static final int WAYS = 8;
  static final int TICK_SHIFT = 20;
  static final int TICK_BITS = 28;
  static final int FINGERPRINT_BITS = 64 - TICK_BITS;
  /** The longest window: far from the ticks' wrap, so that an entry never seems younger than it is. */
  static final long MAX_WINDOW_NANOS = 1L << (TICK_SHIFT + TICK_BITS - 2);
  private static final long TICK_MASK = (1L << TICK_BITS) - 1;
  private static final int SET_BYTES = WAYS * Long.BYTES;

  private final MemorySegment sets;
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
    this.sets = Arena.ofAuto().allocate((long) capacity * Long.BYTES, 64);
    this.windowTicks = windowNanos >>> TICK_SHIFT;
  }

  /** True when this probe repeats one seen within the window; the probe is remembered either way. */
  boolean isRetransmission(int src, int dst, int protocol, int dstPort, int seq, long nowNanos) {
    long hash = Hashing.mix64(((src & 0xFFFF_FFFFL) << 32) | (dst & 0xFFFF_FFFFL));
    hash = Hashing.mix64(hash ^ ((long) protocol << 48 | (long) dstPort << 32 | (seq & 0xFFFF_FFFFL)));
    long base = (long) ((int) hash & setMask) * SET_BYTES;
    // the fingerprint: hash bits above the set index, never zero (zero marks an empty way)
    long fingerprint = (hash >>> setBits) & ((1L << FINGERPRINT_BITS) - 1) | 1;
    long now = (nowNanos >>> TICK_SHIFT) & TICK_MASK;
    long entry = fingerprint << TICK_BITS | now;
    int way = 0;
    long held = sets.get(ValueLayout.JAVA_LONG, base);
    while (held >>> TICK_BITS != fingerprint && way < WAYS - 1) {
      way++;
      held = sets.get(ValueLayout.JAVA_LONG, base + (long) way * Long.BYTES);
    }
    // signed age in ticks: a probe seen "later" (out-of-order capture time) also counts as a repeat
    boolean repeat = held >>> TICK_BITS == fingerprint
        && ((now - held) << FINGERPRINT_BITS) >> FINGERPRINT_BITS <= windowTicks;
    // Most recent first, all in one cache line: a hit leaves its way, a miss drops the last (least recent) way.
    for (int i = way; i > 0; i--) {
      long at = base + (long) i * Long.BYTES;
      sets.set(ValueLayout.JAVA_LONG, at, sets.get(ValueLayout.JAVA_LONG, at - Long.BYTES));
    }
    sets.set(ValueLayout.JAVA_LONG, base, entry);
    return repeat;
  }

  long bytes() {
    return 48L + sets.byteSize();
  }
}
