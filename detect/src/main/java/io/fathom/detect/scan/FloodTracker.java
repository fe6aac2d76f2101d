package io.fathom.detect.scan;

/**
 * Destinations that many new sources contact: the mark of a flood from randomly spoofed sources, where each
 * forged source is seen once or twice and only the victim repeats. Counts, per destination, the source episodes
 * whose first probe went to it, over a window; a direct-mapped table of fixed size (a busier destination
 * displaces a stale or quieter one).
 */
final class FloodTracker {
  private final int[] destinations;
  private final int[] counts;
  private final long[] windowStarts;
  private final long windowNanos;

  FloodTracker(int size, long windowNanos) {
    int capacity = Integer.highestOneBit(Math.max(16, size - 1)) << 1;
    destinations = new int[capacity];
    counts = new int[capacity];
    windowStarts = new long[capacity];
    this.windowNanos = windowNanos;
  }

  void noteNewSource(int dst, long nowNanos) {
    int slot = Hashing.slot(Hashing.address(dst), destinations.length - 1);
    boolean fresh = nowNanos - windowStarts[slot] <= windowNanos;
    if (counts[slot] > 0 && destinations[slot] == dst && fresh) {
      if (counts[slot] < Integer.MAX_VALUE) {
        counts[slot]++;
      }
    } else if (counts[slot] <= 1 || !fresh) {
      destinations[slot] = dst;
      counts[slot] = 1;
      windowStarts[slot] = nowNanos;
    } else {
      counts[slot]--; // a competing destination wears the incumbent down
    }
  }

  /** How many new sources first contacted {@code dst} in its current window (0 if not tracked). */
  int sources(int dst) {
    int slot = Hashing.slot(Hashing.address(dst), destinations.length - 1);
    return destinations[slot] == dst ? counts[slot] : 0;
  }

  long bytes() {
    return 48L + 16L * destinations.length;
  }
}
