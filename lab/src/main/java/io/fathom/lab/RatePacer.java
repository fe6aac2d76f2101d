package io.fathom.lab;

/**
 * Spreads batches of frames evenly over time: frame n is due {@code n / rate} seconds after the start, and a batch
 * may go once its last frame is due. A sender that falls more than a second behind (stopped in a debugger, starved
 * of CPU) gives up the backlog instead of bursting to catch up.
 */
final class RatePacer {
  private static final long MAX_LAG_NANOS = 1_000_000_000L;

  private final double nanosPerFrame;
  private long startNanos;
  private long scheduled;

  RatePacer(int framesPerSecond, long startNanos) {
    if (framesPerSecond < 1) {
      throw new IllegalArgumentException("rate must be positive, not " + framesPerSecond);
    }
    this.nanosPerFrame = 1e9 / framesPerSecond;
    this.startNanos = startNanos;
  }

  /** Nanoseconds until a batch of {@code frames} may be sent: zero or less means now. */
  long nanosUntil(int frames, long nowNanos) {
    long dueNanos = startNanos + (long) ((scheduled + frames - 1) * nanosPerFrame);
    long lag = nowNanos - dueNanos;
    if (lag > MAX_LAG_NANOS) {
      startNanos += lag;
      return 0;
    }
    return -lag;
  }

  /** Records that {@code frames} more frames went out. */
  void sent(int frames) {
    scheduled += frames;
  }

  /** A batch size that wakes the sender about a thousand times a second: rate / 1000, at least 1. */
  static int batchFor(int framesPerSecond, int capacity) {
    return Math.clamp(framesPerSecond / 1000, 1, capacity);
  }
}
