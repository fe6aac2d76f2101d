package io.fathom.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeCookiesTest {
  @Test
  void sourcePortsStayInRangeAndSpreadOverIt() {
    ProbeCookies cookies = new ProbeCookies(1, 2, 0xC613FFFE, 40000, 40099);
    int[] seen = new int[100];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      int port = cookies.sourcePort(cookies.cookie(random.nextInt(), random.nextInt(1, 65536)));
      assertThat(port).isBetween(40000, 40099);
      seen[port - 40000]++;
    }
    for (int count : seen) {
      assertThat(count).isBetween(800, 1200);
    }
  }

  @Test
  void cookieDependsOnKeySourceAndTarget() {
    ProbeCookies a = new ProbeCookies(1, 2, 0x0A000001, 32768, 61000);
    assertThat(a.cookie(0xC6120001, 80)).isEqualTo(a.cookie(0xC6120001, 80));
    assertThat(a.cookie(0xC6120001, 80)).isNotEqualTo(a.cookie(0xC6120001, 81));
    assertThat(a.cookie(0xC6120001, 80)).isNotEqualTo(a.cookie(0xC6120002, 80));
    assertThat(new ProbeCookies(1, 3, 0x0A000001, 32768, 61000).cookie(0xC6120001, 80))
        .isNotEqualTo(a.cookie(0xC6120001, 80));
    assertThat(new ProbeCookies(1, 2, 0x0A000002, 32768, 61000).cookie(0xC6120001, 80))
        .isNotEqualTo(a.cookie(0xC6120001, 80));
  }

  @Test
  void rejectsBadPortRange() {
    assertThatThrownBy(() -> new ProbeCookies(1, 2, 3, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProbeCookies(1, 2, 3, 10, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProbeCookies(1, 2, 3, 10, 65536)).isInstanceOf(IllegalArgumentException.class);
  }
}
