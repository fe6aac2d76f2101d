package io.fathom.engine;

import io.fathom.probe.ProbeModule;
import io.fathom.rawio.FrameSender;
import io.fathom.targets.ShardCursor;
import io.fathom.targets.TargetSpace;

/**
 * One sending thread: walks its slice of the permutation, writes probes straight into the sender's batch
 * slots and hands whole batches to the kernel. Nothing is allocated per packet. The cursor position is
 * published after every batch, so a stop between batches leaves an exact resume point.
 */
final class SendAgent implements Runnable {
  private final TargetSpace space;
  private final ShardCursor cursor;
  private final ProbeModule probe;
  private final FrameSender sender;
  private final RateLimiter limiter;
  private final int probesPerTarget;
  final ScanCounters counters = new ScanCounters();
  private volatile boolean stopRequested;
  private volatile boolean exhausted;
  private volatile long position;
  private volatile RuntimeException failure;

  SendAgent(TargetSpace space, ShardCursor cursor, ProbeModule probe, FrameSender sender, RateLimiter limiter,
      int probesPerTarget) {
    this.space = space;
    this.cursor = cursor;
    this.probe = probe;
    this.sender = sender;
    this.limiter = limiter;
    this.probesPerTarget = probesPerTarget;
    this.position = cursor.position();
  }

  void requestStop() {
    stopRequested = true;
  }

  /** True once every target of this slice has been sent. */
  boolean exhausted() {
    return exhausted;
  }

  /** Steps of the cursor taken and fully sent: the resume point. */
  long position() {
    return position;
  }

  /** What ended this thread abnormally, or null. */
  RuntimeException failure() {
    return failure;
  }

  @Override
  public void run() {
    try {
      sendAll();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void sendAll() {
    int frameLength = probe.frameLength();
    int targetsPerBatch = Math.max(1, Math.min(limiter.batchSize(), sender.batchCapacity()) / probesPerTarget);
    while (!stopRequested) {
      limiter.acquire(targetsPerBatch * probesPerTarget);
      int frames = 0;
      int targets = 0;
      boolean done = false;
      while (targets < targetsPerBatch) {
        long index = cursor.next();
        if (index < 0) {
          done = true;
          break;
        }
        int address = space.addressOf(index);
        int port = space.portOf(index);
        for (int p = 0; p < probesPerTarget; p++) {
          probe.write(sender.slot(frames), 0, address, port, p);
          sender.length(frames++, frameLength);
        }
        targets++;
      }
      if (frames > 0) {
        int sent = sender.send(frames);
        counters.add(ScanCounters.Id.SENT, sent);
        counters.add(ScanCounters.Id.SEND_ERRORS, frames - sent);
        counters.add(ScanCounters.Id.TARGETS_DONE, targets);
      }
      position = cursor.position();
      if (done) {
        exhausted = true;
        return;
      }
    }
  }
}
