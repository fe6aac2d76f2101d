package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.PacketView;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ScanDetector#acceptAll} loads table entries ahead and then takes the packets one by one: it must report
 * exactly what {@link ScanDetector#accept} reports for the same packets, whatever the batches' sizes (none, one,
 * a few, more than {@link ScanDetector#READ_AHEAD}) and with time advanced between them. The traffic is
 * {@link YoungEpisodesTest}'s: scanners, noise, replies, own connections, retransmissions, UDP and ICMP, idle gaps,
 * evictions and floods.
 */
class BatchedAcceptTest {
  @Test
  void batchesOfAnySizeReportWhatPacketsOneByOneReport() {
    for (long seed = 1; seed <= 9; seed++) {
      DetectionSettings.Builder settings = DetectionSettings.builder()
          .observers(YoungEpisodesTest.DigestObserver::new);
      if (seed % 3 == 0) {
        settings.maxSources(40).maxNotScanSources(40); // evictions
      }
      DetectionSettings s = settings.build();
      Recorder single = new Recorder();
      Recorder batched = new Recorder();
      ScanDetector oneByOne = new ScanDetector(s, single);
      ScanDetector inBatches = new ScanDetector(s, batched);
      List<PacketView> traffic = YoungEpisodesTest.traffic(seed);
      SplittableRandom random = new SplittableRandom(seed);
      int batches = 0;
      for (int from = 0; from < traffic.size(); ) {
        int size = switch (random.nextInt(4)) {
          case 0 -> random.nextInt(2); // empty or one
          case 1 -> random.nextInt(2, 40);
          case 2 -> random.nextInt(40, ScanDetector.READ_AHEAD + 1);
          default -> random.nextInt(ScanDetector.READ_AHEAD + 1, 3 * ScanDetector.READ_AHEAD);
        };
        size = Math.min(size, traffic.size() - from);
        PacketView[] batch = traffic.subList(from, from + size).toArray(PacketView[]::new);
        PacketView[] padded = new PacketView[size + random.nextInt(3)]; // room past count is not read
        System.arraycopy(batch, 0, padded, 0, size);
        inBatches.acceptAll(padded, size);
        for (PacketView p : batch) {
          oneByOne.accept(p);
        }
        from += size;
        batches++;
        if (random.nextInt(20) == 0 && from > 0 && from < traffic.size()) {
          long now = traffic.get(from - 1).timestampNanos; // the last packet given
          inBatches.advanceTime(now);
          oneByOne.advanceTime(now);
        }
      }
      oneByOne.finish();
      inBatches.finish();

      assertThat(batches).isGreaterThan(3);
      assertThat(single.scans).as("seed %d", seed).isNotEmpty();
      assertThat(YoungEpisodesTest.describe(batched.scans)).as("scans, seed %d", seed)
          .isEqualTo(YoungEpisodesTest.describe(single.scans));
      assertThat(YoungEpisodesTest.describe(batched.candidates)).as("candidates, seed %d", seed)
          .isEqualTo(YoungEpisodesTest.describe(single.candidates));
      assertThat(batched.notScans).as("not-scans, seed %d", seed).isEqualTo(single.notScans);
      assertThat(batched.suspects).as("suspects, seed %d", seed).isEqualTo(single.suspects);
      assertThat(YoungEpisodesTest.counters(inBatches)).as("counters, seed %d", seed)
          .isEqualTo(YoungEpisodesTest.counters(oneByOne));
    }
  }
}
