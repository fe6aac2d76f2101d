package io.fathom.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a sender to a packet rate by a schedule, not by sleeping per packet: each batch moves the next
 * permitted send time forward by batch / rate seconds, and the sender waits only when it is ahead. A rate
 * above what the machine can do therefore never waits: the rate is a ceiling.
 */
public final class RateLimiter {
  private final double nanosPerPacket;
  private final int batch;
  private long nextSendNanos;

  public RateLimiter(double packetsPerSecond, int maxBatch) {
    this.nanosPerPacket = 1e9 / packetsPerSecond;
    // Batches of about a millisecond's worth of packets keep the pacing smooth at low rates.
    this.batch = (int) Math.max(1, Math.min(maxBatch, packetsPerSecond / 1000));
    this.nextSendNanos = System.nanoTime();
  }

  /** The number of packets to put in the next batch. */
  public int batchSize() {
    return batch;
  }

  /** Waits until {@code packets} more may be sent. */
  public void acquire(int packets) {
    long now = System.nanoTime();
    long wait = nextSendNanos - now;
    if (wait > 0) {
      if (wait > 200_000) {
        LockSupport.parkNanos(wait - 100_000);
      }
      while (System.nanoTime() < nextSendNanos) {
        Thread.onSpinWait();
      }
    } else if (wait < -50_000_000) {
      // Far behind (a stall): do not burst to catch up, restart the schedule from now.
      nextSendNanos = now;
    }
    nextSendNanos += (long) (packets * nanosPerPacket);
  }
}
