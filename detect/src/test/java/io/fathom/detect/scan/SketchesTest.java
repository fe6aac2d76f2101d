package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SketchesTest {
  @Test
  void distinctCounterIsExactUpToItsCapThenWithinTheHyperLogLogError() {
    SplittableRandom random = new SplittableRandom(1);
    for (int trial = 0; trial < 5; trial++) {
      DistinctCounter counter = new DistinctCounter(4096, 12);
      Set<Integer> truth = new HashSet<>();
      int n = 1 + random.nextInt(200_000);
      for (int i = 0; i < n; i++) {
        int value = random.nextInt(300_000);
        boolean added = counter.add(value);
        boolean isNew = truth.add(value);
        if (counter.isExact()) {
          assertThat(added).isEqualTo(isNew);
        }
      }
      if (truth.size() < 4096) {
        assertThat(counter.count()).isEqualTo(truth.size());
      } else {
        double error = 4 * HyperLogLog.relativeError(12); // four standard errors
        assertThat((double) counter.count()).isCloseTo(truth.size(), within(error * truth.size()));
      }
    }
  }

  @Test
  void hyperLogLogSmallCountsUseLinearCounting() {
    HyperLogLog hll = new HyperLogLog(12);
    for (int i = 0; i < 1000; i++) {
      hll.addHash(Hashing.address(i));
    }
    assertThat((double) hll.estimate()).isCloseTo(1000, within(30.0));
  }

  @Test
  void hyperLogLogSkippingRanksBelowEveryRegisterChangesNothing() {
    SplittableRandom random = new SplittableRandom(3);
    for (int precision : new int[] {4, 6, 8, 12}) {
      HyperLogLog hll = new HyperLogLog(precision);
      byte[] reference = new byte[1 << precision]; // the plain algorithm: every item reads its register
      int raised = 0;
      for (int i = 0; i < 400_000; i++) {
        long hash = Hashing.address(random.nextInt(300_000));
        int index = (int) (hash >>> (64 - precision));
        int rank = Long.numberOfLeadingZeros((hash << precision) | (1L << (precision - 1))) + 1;
        boolean rises = rank > reference[index];
        if (rises) {
          reference[index] = (byte) rank;
          raised++;
        }
        assertThat(hll.addHash(hash)).as("precision %d item %d", precision, i).isEqualTo(rises);
        if (i % 20_000 == 0) {
          assertThat(hll.estimate()).isEqualTo(estimate(reference));
        }
      }
      assertThat(hll.estimate()).isEqualTo(estimate(reference));
      assertThat(raised).isGreaterThan(reference.length); // registers rose past the floor many times
    }
  }

  /** The raw HyperLogLog estimate with linear counting below 2.5 m, as HyperLogLog computes it. */
  private static long estimate(byte[] registers) {
    int m = registers.length;
    double sum = 0;
    int zeros = 0;
    for (byte register : registers) {
      sum += Math.scalb(1.0, -register);
      zeros += register == 0 ? 1 : 0;
    }
    double raw = 0.7213 / (1 + 1.079 / m) * m * (double) m / sum;
    return raw <= 2.5 * m && zeros > 0 ? Math.round(m * Math.log((double) m / zeros)) : Math.round(raw);
  }

  @Test
  void bottomKKeepsTheSmallestHashesWhateverTheOrder() {
    SplittableRandom random = new SplittableRandom(2);
    int[] values = random.ints(5000).toArray();
    BottomKSketch forward = new BottomKSketch(64);
    BottomKSketch backward = new BottomKSketch(64);
    for (int i = 0; i < values.length; i++) {
      forward.offer(values[i]);
      forward.offer(values[i]); // duplicates change nothing
      backward.offer(values[values.length - 1 - i]);
    }
    assertThat(forward.addresses()).containsExactly(backward.addresses());
    long[] sorted = java.util.Arrays.stream(values).mapToLong(Hashing::address).distinct()
        .boxed().sorted(Long::compareUnsigned).mapToLong(Long::longValue).limit(64).toArray();
    long[] kept = java.util.Arrays.stream(forward.addresses()).mapToLong(Hashing::address).toArray();
    assertThat(kept).containsExactly(sorted);
  }

  /**
   * A scan's state samples its targets through its own copy of the sketch's largest hash, not reading the sketch for
   * a target it would not keep: its sample is the sketch's of every target (repeats included), all along, from below
   * k to thousands past the exact set.
   */
  @Test
  void aStateSamplesItsTargetsAsTheSketchDoes() {
    SplittableRandom random = new SplittableRandom(7);
    DetectionSettings settings = DetectionSettings.defaults();
    for (int targets : new int[] {10, 64, 65, 500, 20_000}) {
      Traffic traffic = new Traffic();
      BottomKSketch reference = new BottomKSketch(settings.sketchK());
      SourceState state = null;
      for (int i = 0; i < targets; i++) {
        int dst = random.nextInt(8) == 0 && i > 0 ? Traffic.ip(198, 18, 0, 1 + random.nextInt(200))
            : random.nextInt();
        var p = traffic.syn(1_000L * (i + 1), Traffic.ip(203, 0, 113, 9), dst, 80);
        if (state == null) {
          state = new SourceState(SourceState.key(p.srcIp, p.protocol), p.srcIp, p.protocol, p, settings, null);
        }
        state.probe(p, settings, null);
        reference.offer(dst);
        if (i % 7 == 0 || i == targets - 1) { // a wrong sample is soon washed out by smaller hashes: look often
          assertThat(state.targetSketch(settings.sketchK())).as("%d of %d targets", i + 1, targets)
              .containsExactly(reference.addresses());
        }
      }
    }
  }

  @Test
  void portSetIsExactAndAscendingAcrossTheSwitchToABitmap() {
    SplittableRandom random = new SplittableRandom(4);
    for (int trial = 0; trial < 20; trial++) {
      PortSet ports = new PortSet();
      Set<Integer> truth = new java.util.TreeSet<>();
      int n = random.nextInt(80); // across the list's steps (8, 16, 32) and the switch to the bitmap
      for (int i = 0; i < n; i++) {
        int port = random.nextInt(3) == 0 && !truth.isEmpty() ? truth.iterator().next() : random.nextInt(65536);
        assertThat(ports.add(port)).isEqualTo(truth.add(port));
      }
      assertThat(ports.toArray()).containsExactly(truth.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  void cappedPairTableCountsDistinctValuesPerKeyUpToItsLimits() {
    CappedPairTable table = new CappedPairTable(5, 3);
    for (int v = 0; v < 10; v++) {
      table.add(80, v);
      table.add(80, v);
    }
    assertThat(table.add(80, 99)).isEqualTo(5);
    assertThat(table.add(22, 1)).isEqualTo(1);
    assertThat(table.add(23, 1)).isEqualTo(1);
    assertThat(table.add(24, 1)).isZero(); // a fourth key is not tracked
    assertThat(table.best()).isEqualTo(5);
    table.clear();
    assertThat(table.add(24, 1)).isEqualTo(1);
    assertThat(table.best()).isEqualTo(1);
  }

  @Test
  void retransmissionFilterRemembersWithinTheWindowOnly() {
    long ms = 1_000_000L; // the filter keeps time in ticks of about a millisecond
    RetransmissionFilter filter = new RetransmissionFilter(1024, 10 * ms);
    assertThat(filter.isRetransmission(1, 2, 6, 80, 7, 100 * ms)).isFalse();
    assertThat(filter.isRetransmission(1, 2, 6, 80, 7, 105 * ms)).isTrue();
    assertThat(filter.isRetransmission(1, 2, 6, 80, 8, 105 * ms)).isFalse();
    assertThat(filter.isRetransmission(1, 2, 6, 81, 7, 105 * ms)).isFalse();
    assertThat(filter.isRetransmission(1, 2, 6, 80, 7, 200 * ms)).isFalse();
  }
}
