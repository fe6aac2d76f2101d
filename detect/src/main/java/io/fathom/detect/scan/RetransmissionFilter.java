package io.fathom.detect.scan;

/**
 * Recognises a probe seen again: the same source, destination, protocol, destination port and TCP sequence
 * number within a window.
 *
 * <p>A set-associative cache of 64-bit fingerprints ({@value #WAYS} ways per set, least recently used first out;
 * fixed size, no allocation). A direct-mapped cache of C slots forgets a probe as soon as one other probe lands in
 * its slot, so a repeat survives n other probes with probability exp(-n / C) (22 % at 100,000 packets per second
 * with a one-second retry and C = 65,536). Here a probe is forgotten only once {@value #WAYS} other probes landed in
 * its set: with the default 2^19 entries (65,536 sets), 100,000 distinct probes between a probe and its repeat put
 * about 1.5 in its set, and eight or more with probability 2e-4. A forgotten probe makes a retransmission missed,
 * never invented: fingerprints are compared whole (63 bits).
 */
final class RetransmissionFilter {
  static final int WAYS = 8;

  /** Per set, {@link #WAYS} fingerprints (most recent first) then their times: two adjacent cache lines. */
  private final long[] slots;
  private final int setMask;
  private final long windowNanos;

  RetransmissionFilter(int size, long windowNanos) {
    int capacity = Integer.highestOneBit(Math.max(2 * WAYS, size) - 1) << 1; // a power of two, at least size
    this.setMask = capacity / WAYS - 1;
    this.slots = new long[2 * capacity];
    this.windowNanos = windowNanos;
  }

  /** True when this probe repeats one seen within the window; the probe is remembered either way. */
  boolean isRetransmission(int src, int dst, int protocol, int dstPort, int seq, long nowNanos) {
    long key = Hashing.mix64(((src & 0xFFFF_FFFFL) << 32) | (dst & 0xFFFF_FFFFL));
    key = Hashing.mix64(key ^ ((long) protocol << 48 | (long) dstPort << 32 | (seq & 0xFFFF_FFFFL)));
    key |= 1; // zero marks an empty way
    int base = Hashing.slot(key >>> 17, setMask) * 2 * WAYS;
    int way = 0;
    while (way < WAYS - 1 && slots[base + way] != key) {
      way++;
    }
    boolean seen = slots[base + way] == key;
    boolean repeat = seen && nowNanos - slots[base + WAYS + way] <= windowNanos;
    // Move to the front: a hit leaves its way, a miss takes the least recently used (the last) way.
    for (int i = way; i > 0; i--) {
      slots[base + i] = slots[base + i - 1];
      slots[base + WAYS + i] = slots[base + WAYS + i - 1];
    }
    slots[base] = key;
    slots[base + WAYS] = nowNanos;
    return repeat;
  }

  long bytes() {
    return 32L + 8L * slots.length;
  }
}
