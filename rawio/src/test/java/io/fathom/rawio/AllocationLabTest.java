package io.fathom.rawio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks the hot paths' promise: once the JIT has compiled them, send() and poll() allocate nothing on the
 * Java heap (measured per thread with the JVM's allocation counter). Needs root.
 */
@Tag("lab")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AllocationLabTest {
  private static final int BATCH = 8;
  private static final int WARM_UP_BATCHES = 20_000;
  private static final int MEASURED_BATCHES = 2000;
  private static final int MAX_ROUNDS = 100;
  private static final int POLLS_PER_WINDOW = 2000;
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static LabNetwork lab;

  @BeforeAll
  static void createLab() {
    lab = new LabNetwork();
  }

  @AfterAll
  static void removeLab() throws InterruptedException {
    LabNetwork.closeAndCheckRemoved(lab);
  }

  @Test
  void mmsgSendAndRingPollAllocateNothingOnceWarm() throws Exception {
    measure(name -> MmsgSender.open(name, BATCH, 128, false));
  }

  @Test
  void txRingSendAndRingPollAllocateNothingOnceWarm() throws Exception {
    measure(name -> TxRingSender.open(name, BATCH, 128, false));
  }

  /**
   * The sender sends rounds of batches until one round allocates nothing (at most {@code MAX_ROUNDS}); the
   * receiver busy-polls meanwhile and measures windows of polls. Compilation may lag on a busy machine, so
   * each side reports its least-allocating measured window, which must be 0 and must have done real work.
   */
  private void measure(Function<String, FrameSender> opener) throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    CountDownLatch senderDone = new CountDownLatch(1);
    // The sender goes on until the receiver has seen a clean window too: on a busy machine either side's
    // JIT compilation may come late.
    java.util.concurrent.atomic.AtomicBoolean receiverClean = new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<long[]> receiver = LabNetwork.inNamespace(lab.receiverNamespace, () -> {
      try (RxRing ring = RxRing.open(lab.receiverInterface, BpfProgram.ipv4ToHost(LabNetwork.RECEIVER_IP, 6),
          1 << 18, 8, 2)) {
        FrameCounter counter = new FrameCounter();
        long[] statistics = new long[3];
        ready.countDown();
        long leastAllocated = Long.MAX_VALUE;
        long framesInThatWindow = 0;
        while (senderDone.getCount() > 0) {
          long before = THREADS.getCurrentThreadAllocatedBytes();
          long frames = 0;
          for (int i = 0; i < POLLS_PER_WINDOW; i++) {
            frames += ring.poll(counter, 0);
            ring.statistics(statistics);
          }
          long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
          if (frames > 0 && allocated < leastAllocated) {
            leastAllocated = allocated;
            framesInThatWindow = frames;
            receiverClean.set(allocated == 0);
          }
        }
        return new long[] {leastAllocated, framesInThatWindow};
      }
    });
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    long[] sender = LabNetwork.inNamespace(lab.senderNamespace, () -> {
      try (FrameSender frames = opener.apply(lab.senderInterface)) {
        for (int b = 0; b < WARM_UP_BATCHES; b++) {
          sendBatch(frames, b);
        }
        long leastAllocated = Long.MAX_VALUE;
        int batches = WARM_UP_BATCHES;
        for (int round = 0; round < MAX_ROUNDS && (leastAllocated > 0 || !receiverClean.get()); round++) {
          long before = THREADS.getCurrentThreadAllocatedBytes();
          for (int b = 0; b < MEASURED_BATCHES; b++) {
            sendBatch(frames, b);
          }
          leastAllocated = Math.min(leastAllocated, THREADS.getCurrentThreadAllocatedBytes() - before);
          batches += MEASURED_BATCHES;
        }
        return new long[] {leastAllocated, frames.sentFrames(), frames.sendErrors(), batches};
      } finally {
        senderDone.countDown();
      }
    }).get(60, TimeUnit.SECONDS);
    long[] received = receiver.get(60, TimeUnit.SECONDS);
    assertThat(sender[1]).isEqualTo(sender[3] * BATCH);
    assertThat(sender[2]).isZero();
    assertThat(sender[0]).as("bytes allocated by %d sends", MEASURED_BATCHES).isZero();
    assertThat(received[1]).as("frames handled in the measured window").isPositive();
    assertThat(received[0]).as("bytes allocated by %d polls", POLLS_PER_WINDOW).isZero();
  }

  /** Rewrites each frame's sequence number (as a scanner rewrites its probes) and sends the batch. */
  private static void sendBatch(FrameSender sender, int batch) {
    for (int i = 0; i < BATCH; i++) {
      sender.length(i, TestFrames.SYN_LENGTH);
      TestFrames.syn(sender.slot(i), LabNetwork.RECEIVER_MAC, LabNetwork.SENDER_MAC, LabNetwork.SENDER_IP,
          LabNetwork.RECEIVER_IP, 40200, 80, batch * BATCH + i);
    }
    if (sender.send(BATCH) != BATCH) {
      throw new AssertionError("batch " + batch + " not sent whole");
    }
  }

  /** Counts frames; allocates nothing. */
  private static final class FrameCounter implements RxRing.FrameHandler {
    long frames;
    long bytes;

    @Override
    public void onFrame(MemorySegment ring, long offset, int length, long timestampNanos) {
      frames++;
      bytes += length;
    }
  }
}
