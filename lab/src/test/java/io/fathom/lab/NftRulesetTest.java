package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NftRulesetTest {
  private static final Pattern ELEMENT = Pattern.compile("198\\.18\\.\\d+\\.\\d+ \\. \\d+");

  @Test
  void listsEveryOpenAndClosedPairOnceAndHasTheVerdictRules() {
    GroundTruth truth = GroundTruth.generate(9, Ipv4.parse("198.18.0.0"), 20, new int[] {22, 80}, 50, 60);
    String nft = NftRuleset.build(truth);
    Matcher matcher = ELEMENT.matcher(nft);
    int elements = 0;
    while (matcher.find()) {
      elements++;
    }
    assertThat(elements).isEqualTo((int) (truth.openKeys().length + truth.closedKeys().length));
    long first = truth.openKeys()[0];
    assertThat(nft).contains(Ipv4.format(GroundTruth.keyAddress(first)) + " . " + GroundTruth.keyPort(first));
    assertThat(nft)
        .contains("ip daddr . tcp dport @open counter accept")
        .contains("ip daddr . tcp dport @closed counter reject with tcp reset")
        .contains("ip daddr 198.18.0.0/16 meta l4proto tcp counter drop")
        .contains("ip daddr 198.19.0.0/16 ip daddr != 198.19.255.252/30 counter drop")
        .contains("type filter hook prerouting priority raw");
  }

  @Test
  void emptySetsHaveNoElementsClause() {
    GroundTruth truth = GroundTruth.generate(1, Ipv4.parse("198.18.0.0"), 24, new int[] {80}, 0, 0);
    String nft = NftRuleset.build(truth);
    assertThat(nft).doesNotContain("elements").contains("set open {", "set closed {");
  }
}
