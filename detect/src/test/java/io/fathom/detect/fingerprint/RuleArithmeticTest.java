package io.fathom.detect.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free rule tests give what the comparisons they replace give: edge values and a million random ones. */
class RuleArithmeticTest {
  private static final int[] EDGES = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -65536, -2, -1, 0, 1, 2, 64, 255,
      1024, 65535, 65536, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

  private static void check(int a, int b, long c, long d, int value) {
    assertThat(RuleTracker.is(a, b)).as("is(%d, %d)", a, b).isEqualTo(a == b ? 1 : 0);
    assertThat(RuleTracker.is(c, d)).as("is(%dL, %dL)", c, d).isEqualTo(c == d ? 1 : 0);
    int low = Math.min(a, b);
    int high = Math.max(a, b);
    assertThat(RuleTracker.within(value, low, high)).as("within(%d, %d, %d)", value, low, high)
        .isEqualTo(value >= low && value <= high ? 1 : 0);
  }

  @Test
  void equalityAndRangesForEdgeAndRandomValues() {
    for (int a : EDGES) {
      for (int b : EDGES) {
        for (int v : EDGES) {
          check(a, b, (long) a << 32 | b, (long) b << 32 | a, v);
          check(a, a, a, a, v);
        }
      }
    }
    assertThat(RuleTracker.is(Long.MIN_VALUE, 0L)).isZero();
    assertThat(RuleTracker.is(Long.MAX_VALUE, Long.MAX_VALUE)).isOne();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000_000; i++) {
      int a = random.nextInt(8) == 0 ? random.nextInt(4) : random.nextInt();
      int b = random.nextInt(8) == 0 ? a + random.nextInt(3) - 1 : random.nextInt();
      long c = random.nextLong();
      check(a, b, c, random.nextInt(8) == 0 ? c : random.nextLong(), random.nextInt(4) == 0 ? a : random.nextInt());
    }
  }

  @Test
  void ttlSentInAllowsThirtyTwoHopsBelowTheRange() {
    for (int observed = 0; observed < 256; observed++) {
      assertThat(RuleTracker.ttlSentIn(observed, 37, 59)).as("ttl %d", observed)
          .isEqualTo(observed <= 59 && observed >= 37 - RuleTracker.MAX_HOPS ? 1 : 0);
      assertThat(RuleTracker.ttlSentIn(observed, 255, 255)).isEqualTo(observed >= 255 - RuleTracker.MAX_HOPS ? 1 : 0);
    }
  }
}
