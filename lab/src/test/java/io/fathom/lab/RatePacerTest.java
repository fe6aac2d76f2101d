package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pacing batches to a rate, and forgetting a backlog rather than bursting. */
class RatePacerTest {
  private static final long START = 5_000_000_000L;

  @Test
  void aBatchMayGoWhenItsLastFrameIsDue() {
    RatePacer pacer = new RatePacer(1000, START); // one frame a millisecond
    assertThat(pacer.nanosUntil(1, START)).isZero();
    assertThat(pacer.nanosUntil(10, START)).isEqualTo(9_000_000);
    pacer.sent(10);
    assertThat(pacer.nanosUntil(10, START + 9_000_000)).isEqualTo(10_000_000);
    assertThat(pacer.nanosUntil(10, START + 19_000_000)).isZero();
    assertThat(pacer.nanosUntil(10, START + 25_000_000)).isEqualTo(-6_000_000);
  }

  @Test
  void framesOverTimeMatchTheRate() {
    RatePacer pacer = new RatePacer(20_000, START);
    long sent = 0;
    for (long now = START; now < START + 1_000_000_000L; now += 100_000) {
      while (pacer.nanosUntil(20, now) <= 0) {
        pacer.sent(20);
        sent += 20;
      }
    }
    assertThat(sent).isBetween(19_980L, 20_000L);
  }

  @Test
  void aSenderFarBehindForgetsTheBacklog() {
    RatePacer pacer = new RatePacer(1000, START);
    long late = START + 5_000_000_000L;
    assertThat(pacer.nanosUntil(1, late)).isZero();
    pacer.sent(1);
    assertThat(pacer.nanosUntil(1, late)).isEqualTo(1_000_000);
  }

  @Test
  void batchesWakeTheSenderAboutAThousandTimesASecond() {
    assertThat(RatePacer.batchFor(20_000, 64)).isEqualTo(20);
    assertThat(RatePacer.batchFor(500, 64)).isEqualTo(1);
    assertThat(RatePacer.batchFor(1_000_000, 64)).isEqualTo(64);
  }
}
