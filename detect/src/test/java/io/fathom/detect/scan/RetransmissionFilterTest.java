package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetransmissionFilterTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MICRO = 1_000L;
  private static final int TCP = 6;

  private final SplittableRandom random = new SplittableRandom(65_536);

  /**
   * 100,000 packets per second, each repeat one second after its probe: 100,000 distinct probes in between, where a
   * direct-mapped cache of 65,536 slots keeps a probe with probability exp(-100,000 / 65,536), about 22 %. With the
   * default size at least 99 % are caught (the expectation is 99.98 %), and no first probe is ever called a repeat.
   */
  @Test
  void repeatsAfterAHundredThousandOtherProbesAreCaughtAndNoneIsInvented() {
    DetectionSettings settings = DetectionSettings.defaults();
    RetransmissionFilter filter =
        new RetransmissionFilter(settings.retransmitCacheMaxSize(), settings.retransmitWindowNanos());
    int batches = 5;
    int repeated = 2_000;
    int between = 100_000;
    long time = T0;
    long caught = 0;
    long invented = 0;
    for (int b = 0; b < batches; b++) {
      int[] src = new int[repeated];
      int[] dst = new int[repeated];
      int[] seq = new int[repeated];
      for (int i = 0; i < repeated; i++) {
        src[i] = random.nextInt();
        dst[i] = random.nextInt();
        seq[i] = random.nextInt();
        time += 10 * MICRO;
        invented += filter.isRetransmission(src[i], dst[i], TCP, 445, seq[i], time) ? 1 : 0;
      }
      for (int i = 0; i < between; i++) {
        time += 10 * MICRO;
        invented += filter.isRetransmission(random.nextInt(), random.nextInt(), TCP, 1 + random.nextInt(65535),
            random.nextInt(), time) ? 1 : 0;
      }
      for (int i = 0; i < repeated; i++) {
        time += 10 * MICRO;
        caught += filter.isRetransmission(src[i], dst[i], TCP, 445, seq[i], time) ? 1 : 0;
      }
    }
    assertThat(invented).isZero();
    assertThat(caught).isGreaterThanOrEqualTo(batches * repeated * 99L / 100);
  }

  @Test
  void aRepeatIsCaughtOnlyWithinTheWindowAndOnlyForTheSameProbe() {
    RetransmissionFilter filter = new RetransmissionFilter(1 << 10, 10_000_000_000L);
    assertThat(filter.isRetransmission(1, 2, TCP, 80, 99, T0)).isFalse();
    assertThat(filter.isRetransmission(1, 2, TCP, 80, 99, T0 + 1_000_000_000L)).isTrue();
    assertThat(filter.isRetransmission(1, 2, TCP, 80, 100, T0 + 1_000_000_000L)).as("another sequence").isFalse();
    assertThat(filter.isRetransmission(1, 2, TCP, 81, 99, T0 + 1_000_000_000L)).as("another port").isFalse();
    assertThat(filter.isRetransmission(1, 3, TCP, 80, 99, T0 + 1_000_000_000L)).as("another host").isFalse();
    assertThat(filter.isRetransmission(1, 2, 17, 80, 99, T0 + 1_000_000_000L)).as("another protocol").isFalse();
    // each repeat refreshes the probe's time, so a chain of retries 8 s apart is caught throughout
    assertThat(filter.isRetransmission(1, 2, TCP, 80, 99, T0 + 9_000_000_000L)).isTrue();
    assertThat(filter.isRetransmission(1, 2, TCP, 80, 99, T0 + 17_000_000_000L)).isTrue();
    assertThat(filter.isRetransmission(1, 2, TCP, 80, 99, T0 + 28_000_000_000L)).as("11 s later").isFalse();
  }

  /** A small cache (16 entries: two sets of eight) still holds a probe while seven others share its set. */
  @Test
  void aSetHoldsItsEightMostRecentProbes() {
    RetransmissionFilter filter = new RetransmissionFilter(16, 10_000_000_000L);
    long time = T0;
    for (int round = 0; round < 100; round++) {
      int[] dst = new int[7];
      for (int i = 0; i < dst.length; i++) {
        dst[i] = random.nextInt();
      }
      int probe = random.nextInt();
      assertThat(filter.isRetransmission(9, probe, TCP, 22, 1, time += MICRO)).isFalse();
      for (int d : dst) { // seven other probes: even all in the probe's set they leave it room
        filter.isRetransmission(9, d, TCP, 22, 1, time += MICRO);
      }
      assertThat(filter.isRetransmission(9, probe, TCP, 22, 1, time += MICRO)).as("round %d", round).isTrue();
    }
  }

  /**
   * New probes' ways are written in batches of {@link RetransmissionFilter#PENDING}: a repeat is caught, and a
   * different probe of the same set is not taken for one, whether the probe's way is still waiting or written, at
   * every distance from a batch's end.
   */
  @Test
  void aRepeatIsCaughtWhetherItsProbeIsWrittenYetOrNot() {
    RetransmissionFilter filter = new RetransmissionFilter(1 << 12, 10_000_000_000L);
    long time = T0;
    for (int others = 0; others <= 2 * RetransmissionFilter.PENDING + 1; others++) {
      int dst = random.nextInt();
      int seq = random.nextInt();
      assertThat(filter.isRetransmission(7, dst, TCP, 443, seq, time += MICRO)).isFalse();
      for (int i = 0; i < others; i++) {
        filter.isRetransmission(random.nextInt(), random.nextInt(), TCP, 443, random.nextInt(), time += MICRO);
      }
      assertThat(filter.isRetransmission(7, dst, TCP, 443, seq + 1, time += MICRO)).as("another sequence").isFalse();
      assertThat(filter.isRetransmission(7, dst, TCP, 443, seq, time += MICRO)).as("after %d others", others).isTrue();
    }
  }

  /** Feeds {@code count} new random probes at {@code pps}, from {@code time}; returns the time after the last. */
  private long feedNew(RetransmissionFilter filter, int count, long pps, long time) {
    long gap = 1_000_000_000L / pps;
    for (int i = 0; i < count; i++) {
      time += gap;
      assertThat(filter.isRetransmission(random.nextInt(), random.nextInt(), TCP, 1 + random.nextInt(65535),
          random.nextInt(), time)).as("a new probe").isFalse();
    }
    return time;
  }

  /**
   * The cache keeps fewer than two new probes a set per second: 1,000 a second leave it at its first size, 17,000
   * (the benchmark capture's) take it to 2^17 entries, 100,000 to 2^19, and a million to its maximum, no further.
   */
  @Test
  void theCacheGrowsWithTheRateOfNewProbesUpToItsMaximum() {
    long[][] cases = {{1_000, RetransmissionFilter.INITIAL_SIZE}, {17_000, 1 << 17}, {100_000, 1 << 19},
        {1_000_000, 1 << 20}};
    for (long[] c : cases) {
      RetransmissionFilter filter = new RetransmissionFilter(1 << 20, 10_000_000_000L);
      assertThat(filter.size()).isEqualTo(RetransmissionFilter.INITIAL_SIZE);
      feedNew(filter, 10 * RetransmissionFilter.RATE_PERIOD, c[0], T0);
      assertThat(filter.size()).as("%d new probes a second", c[0]).isEqualTo((int) c[1]);
    }
  }

  /**
   * Growing forgets nothing and invents nothing: a probe written at each size, repeated after the cache grew (to 2^16,
   * 2^18 and its maximum, 2^19), is caught from the table it grew from; no new probe is taken for a repeat, the probe
   * that ends a rate period and makes the cache grow included; and the old tables are dropped once the window has
   * passed since the cache grew, after which a repeat from before is no longer one.
   */
  @Test
  void growingForgetsNothingWithinTheWindowAndInventsNothing() {
    long window = 2_000_000_000L;
    RetransmissionFilter filter = new RetransmissionFilter(RetransmissionFilter.INITIAL_SIZE, 1 << 19, window);
    long bytesAtFirst = filter.bytes();
    int[][] early = new int[3][];
    long time = T0;
    long[] rates = {10_000, 60_000, 1_000_000};
    for (int step = 0; step < rates.length; step++) {
      early[step] = new int[] {random.nextInt(), random.nextInt(), random.nextInt()};
      time += 1_000;
      assertThat(filter.isRetransmission(early[step][0], early[step][1], TCP, 80, early[step][2], time)).isFalse();
      time = feedNew(filter, 2 * RetransmissionFilter.RATE_PERIOD, rates[step], time);
    }
    assertThat(filter.size()).isEqualTo(1 << 19);
    assertThat(filter.olderTables()).isEqualTo(3);
    for (int[] probe : early) {
      time += 1_000;
      assertThat(filter.isRetransmission(probe[0], probe[1], TCP, 80, probe[2], time)).as("a repeat").isTrue();
    }
    long grownBytes = filter.bytes();
    time += window + 1;
    int[] late = {random.nextInt(), random.nextInt(), random.nextInt()};
    assertThat(filter.isRetransmission(late[0], late[1], TCP, 443, late[2], time)).isFalse();
    assertThat(filter.olderTables()).as("dropped after the window").isZero();
    assertThat(filter.bytes()).isLessThan(grownBytes).isGreaterThan(bytesAtFirst);
    assertThat(filter.isRetransmission(late[0], late[1], TCP, 443, late[2], time + 1_000)).isTrue();
  }
}
