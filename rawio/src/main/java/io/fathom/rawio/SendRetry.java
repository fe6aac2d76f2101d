package io.fathom.rawio;

import java.util.concurrent.locks.LockSupport;

/**
 * How a sender waits before repeating a frame the kernel refused for a moment (a full queue, ENOBUFS):
 * first spins, then polls for POLLOUT or parks for a few microseconds, and gives up after a short budget so
 * that one stuck frame is counted as an error instead of stalling the scan. Allocation-free.
 */
final class SendRetry {
  static final long BUDGET_NANOS = 20_000_000L;
  private static final int SPINS = 16;
  private static final long PARK_NANOS = 20_000L;

  private int attempts;
  private long firstFailureNanos;

  /** Progress was made: the next failure starts a new budget. */
  void reset() {
    attempts = 0;
  }

  /** Waits a little and returns true, or returns false when this frame's budget is spent. */
  boolean awaitRetry(PacketSocket socket) {
    if (attempts == 0) {
      firstFailureNanos = System.nanoTime();
    } else if (System.nanoTime() - firstFailureNanos > BUDGET_NANOS) {
      attempts = 0;
      return false;
    }
    attempts++;
    if (attempts <= SPINS) {
      Thread.onSpinWait();
    } else if ((socket.poll(Libc.POLLOUT, 1) & Libc.POLLOUT) != 0) {
      // Writable already (ENOBUFS comes from the device, not the socket): let the device drain.
      LockSupport.parkNanos(PARK_NANOS);
    }
    return true;
  }
}
