package io.fathom.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.packet.FrameParser;
import io.fathom.probe.ProbeCookies;
import io.fathom.probe.ProbeModule;
import io.fathom.probe.ProbeModules;
import io.fathom.probe.ProbeSetup;
import io.fathom.rawio.FrameSender;
import io.fathom.targets.AddressSet;
import io.fathom.targets.PortSet;
import io.fathom.targets.ShardCursor;
import io.fathom.targets.TargetOrder;
import io.fathom.targets.TargetOrders;
import io.fathom.targets.TargetSpace;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dry-run check of ZMap's integration tests, at the engine's level: whatever the shards, sender threads,
 * order and interruptions, every target gets exactly its probes, and every probe is a well-formed frame.
 */
class SendAgentTest {
  private static final int SOURCE = 0xC613FFFE;

  /** Parses every frame "sent" and counts probes per target index. */
  private static final class RecordingSender implements FrameSender {
    final DryRunSender slots = new DryRunSender(64, 128);
    final FrameParser parser = new FrameParser().verifyChecksums(true);
    final TargetSpace space;
    final int[] probes;
    Runnable afterSend = () -> {};
    int batches;

    RecordingSender(TargetSpace space) {
      this.space = space;
      this.probes = new int[(int) space.size()];
    }

    @Override
    public int batchCapacity() {
      return slots.batchCapacity();
    }

    @Override
    public int maxFrameLength() {
      return slots.maxFrameLength();
    }

    @Override
    public MemorySegment slot(int i) {
      return slots.slot(i);
    }

    @Override
    public void length(int i, int length) {
      assertThat(parser.parse(slots.slot(i), 0, length)).isEqualTo(FrameParser.TCP);
      assertThat(parser.srcIp()).isEqualTo(SOURCE);
      long index = space.indexOf(parser.dstIp(), parser.dstPort());
      assertThat(index).isNotNegative();
      probes[(int) index]++;
    }

    @Override
    public int send(int count) {
      batches++;
      afterSend.run();
      return count;
    }

    @Override
    public long sentFrames() {
      return 0;
    }

    @Override
    public long sendErrors() {
      return 0;
    }

    @Override
    public boolean qdiscBypassed() {
      return false;
    }

    @Override
    public void close() {
      slots.close();
    }
  }

  private static ProbeModule probe() {
    ProbeModule probe = ProbeModules.create("syn");
    probe.prepare(new ProbeSetup(1, 2, SOURCE, new ProbeCookies(3, 4, SOURCE, 32768, 61000), 64));
    return probe;
  }

  @Test
  void everyTargetIsProbedExactlyOnceForAnyShardsThreadsAndOrder() {
    SplittableRandom random = new SplittableRandom(17);
    for (int round = 0; round < 24; round++) {
      int prefix = 22 + random.nextInt(8);
      TargetSpace space = new TargetSpace(AddressSet.cidr(0xC6120000 | random.nextInt(1 << 10) << 10, prefix),
          PortSet.parse(random.nextBoolean() ? "80" : "22,80,443"));
      String orderName = round % 2 == 0 ? "cyclic" : "blackrock";
      TargetOrder order = TargetOrders.create(orderName, space.size(), random.nextLong());
      int shards = 1 + random.nextInt(3);
      int threads = 1 + random.nextInt(3);
      int probesPerTarget = 1 + random.nextInt(2);
      RecordingSender sender = new RecordingSender(space);
      for (int shard = 0; shard < shards; shard++) {
        for (int t = 0; t < threads; t++) {
          ShardCursor cursor = order.cursor(shard + shards * t, shards * threads);
          SendAgent agent = new SendAgent(space, cursor, probe(), sender, new RateLimiter(1e9, 64), probesPerTarget);
          agent.run();
          assertThat(agent.exhausted()).isTrue();
        }
      }
      for (int count : sender.probes) {
        assertThat(count).as("%s, %d shards, %d threads", orderName, shards, threads).isEqualTo(probesPerTarget);
      }
    }
  }

  @Test
  void aStopBetweenBatchesLeavesAnExactResumePoint() {
    TargetSpace space = new TargetSpace(AddressSet.cidr(0xC6120000, 20), PortSet.parse("22,80,443"));
    for (String orderName : new String[] {"cyclic", "blackrock"}) {
      TargetOrder order = TargetOrders.create(orderName, space.size(), 1234);
      RecordingSender sender = new RecordingSender(space);
      SendAgent first = new SendAgent(space, order.cursor(0, 1), probe(), sender, new RateLimiter(1e9, 64), 1);
      sender.afterSend = () -> {
        if (sender.batches == 37) {
          first.requestStop();
        }
      };
      first.run();
      assertThat(first.exhausted()).isFalse();
      ShardCursor resumed = order.cursor(0, 1);
      resumed.seek(first.position());
      sender.afterSend = () -> {};
      SendAgent second = new SendAgent(space, resumed, probe(), sender, new RateLimiter(1e9, 64), 1);
      second.run();
      assertThat(second.exhausted()).isTrue();
      for (int count : sender.probes) {
        assertThat(count).isEqualTo(1);
      }
    }
  }
}
