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
        new RetransmissionFilter(settings.retransmitCacheSize(), settings.retransmitWindowNanos());
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
}
