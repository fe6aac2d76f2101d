package io.fathom.lab;

import io.fathom.rawio.FrameSender;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The flooder's sending loop: fills a batch from the {@link FloodTraffic} mix, hands it to the sender when the
 * {@link RatePacer} says it is due, counts it, and repeats until told to stop. Allocates nothing per frame.
 */
final class FloodLoop {
  private static final long MAX_PARK_NANOS = 10_000_000L;

  private final FloodTraffic traffic;
  private final FrameSender sender;
  private final FloodCounters counters;
  private final int batch;
  private final int packetsPerSecond;

  FloodLoop(FloodConfig config, FrameSender sender, FloodCounters counters) {
    this.traffic = new FloodTraffic(config);
    this.sender = sender;
    this.counters = counters;
    this.packetsPerSecond = config.packetsPerSecond();
    this.batch = RatePacer.batchFor(packetsPerSecond, sender.batchCapacity());
  }

  /** Sends until {@code stop} is set. */
  void run(AtomicBoolean stop) {
    RatePacer pacer = new RatePacer(packetsPerSecond, System.nanoTime());
    while (!stop.get()) {
      long wait = pacer.nanosUntil(batch, System.nanoTime());
      if (wait > 0) {
        LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
        continue;
      }
      sendBatch();
      pacer.sent(batch);
    }
  }

  private void sendBatch() {
    for (int i = 0; i < batch; i++) {
      sender.length(i, traffic.writeNext(sender.slot(i)));
      counters.handed(traffic.lastCategory(), traffic.lastDefect());
    }
    sender.send(batch);
    counters.totals(sender.sentFrames(), sender.sendErrors());
  }
}
