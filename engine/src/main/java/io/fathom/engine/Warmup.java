package io.fathom.engine;

import io.fathom.probe.ProbeModule;
import io.fathom.targets.ShardCursor;
import io.fathom.targets.TargetOrder;
import io.fathom.targets.TargetSpace;

/**
 * Runs the packet generator (permutation, target lookup, probe template) on a throw-away cursor before the
 * first real packet, so that the JIT has compiled it when sending starts: a short scan would otherwise spend
 * its first fifth of a second interpreted, at a fraction of the rate. Nothing is sent.
 */
final class Warmup {
  private static final long MAX_NANOS = 150_000_000L;
  private static final int MAX_TARGETS = 400_000;

  private Warmup() {}

  static void prime(TargetOrder order, TargetSpace space, ProbeModule probe, int batch) {
    ShardCursor cursor = order.cursor(0, 1);
    try (DryRunSender slots = new DryRunSender(batch, Math.max(64, probe.frameLength()))) {
      SendAgent agent = new SendAgent(space, new BoundedCursor(cursor, MAX_TARGETS), probe, slots,
          new RateLimiter(1e12, batch), 1);
      long deadline = System.nanoTime() + MAX_NANOS;
      Thread thread = Thread.ofPlatform().name("fathom-warmup").start(agent);
      try {
        while (thread.isAlive() && System.nanoTime() < deadline) {
          thread.join(5);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      agent.requestStop();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A cursor that ends after a number of targets. */
  private static final class BoundedCursor implements ShardCursor {
    private final ShardCursor cursor;
    private int left;

    BoundedCursor(ShardCursor cursor, int limit) {
      this.cursor = cursor;
      this.left = limit;
    }

    @Override
    public long next() {
      return left-- > 0 ? cursor.next() : -1;
    }

    @Override
    public long position() {
      return cursor.position();
    }

    @Override
    public void seek(long position) {
      cursor.seek(position);
    }

    @Override
    public long expectedCount() {
      return cursor.expectedCount();
    }
  }
}
