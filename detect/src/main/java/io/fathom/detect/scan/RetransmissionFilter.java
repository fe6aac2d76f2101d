package io.fathom.detect.scan;

/**
 * Recognises a probe seen again: the same source, destination, protocol, destination port and TCP sequence
 * number within a window. A direct-mapped cache of fingerprints (fixed size, no allocation): a collision forgets
 * the older probe, so a retransmission can be missed but never invented (fingerprints are 64-bit).
 */
final class RetransmissionFilter {
  private final long[] fingerprints;
  private final long[] times;
  private final long windowNanos;

  RetransmissionFilter(int size, long windowNanos) {
    int capacity = Integer.highestOneBit(Math.max(16, size - 1)) << 1;
    this.fingerprints = new long[capacity];
    this.times = new long[capacity];
    this.windowNanos = windowNanos;
  }

  /** True when this probe repeats one seen within the window; the probe is remembered either way. */
  boolean isRetransmission(int src, int dst, int protocol, int dstPort, int seq, long nowNanos) {
    long key = Hashing.mix64(((src & 0xFFFF_FFFFL) << 32) | (dst & 0xFFFF_FFFFL));
    key = Hashing.mix64(key ^ ((long) protocol << 48 | (long) dstPort << 32 | (seq & 0xFFFF_FFFFL)));
    key |= 1; // zero marks an empty slot
    int slot = Hashing.slot(key >>> 17, fingerprints.length - 1);
    boolean repeat = fingerprints[slot] == key && nowNanos - times[slot] <= windowNanos;
    fingerprints[slot] = key;
    times[slot] = nowNanos;
    return repeat;
  }

  long bytes() {
    return 32L + 16L * fingerprints.length;
  }
}
