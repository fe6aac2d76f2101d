package io.fathom.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTextTest {
  @Test
  void portsFoldRunsAndCutWithACount() {
    assertThat(ReportText.ports(new int[] {22, 80, 81, 82, 443}, 40)).isEqualTo("22,80-82,443");
    assertThat(ReportText.ports(new int[0], 40)).isEqualTo("-");
    int[] all = new int[65535];
    for (int i = 0; i < all.length; i++) {
      all[i] = i + 1;
    }
    assertThat(ReportText.ports(all, 10)).isEqualTo("1-65535");
    assertThat(ReportText.ports(new int[] {1, 3, 5, 7, 9, 11}, 6)).isEqualTo("1,3,5 (+3)");
  }

  @Test
  void timesAreUtcIncludingBeforeTheEpoch() {
    assertThat(ReportText.iso(1_500_000_000L)).isEqualTo("1970-01-01T00:00:01.500Z");
    assertThat(ReportText.iso(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    assertThat(ReportText.human(0)).isEqualTo("1970-01-01 00:00:00Z");
  }

  @Test
  void numbersWithoutExponents() {
    assertThat(ReportText.plain(1.5e7)).isEqualTo("15000000");
    assertThat(ReportText.plain(1.2e-5)).isEqualTo("0.000012");
    assertThat(ReportText.plain(Double.NaN)).isEmpty();
    assertThat(ReportText.plain(null)).isEmpty();
    assertThat(ReportText.figure(66.7)).isEqualTo("66.7");
    assertThat(ReportText.figure(0.0)).isEqualTo("0");
    assertThat(ReportText.figure(12345.6)).isEqualTo("12,346");
  }

  @Test
  void untrustedTextIsMadeSafe() {
    assertThat(ReportText.printable("a\u001b[2Jb\n")).isEqualTo("a?[2Jb?");
    assertThat(ReportText.truncate("abcdefgh", 6)).isEqualTo("abc...");
    assertThat(Html.escape("<a href='x'>\"&\"</a>\u0000"))
        .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\uFFFD");
  }
}
