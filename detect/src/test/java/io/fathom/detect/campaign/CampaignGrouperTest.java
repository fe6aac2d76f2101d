package io.fathom.detect.campaign;

import static io.fathom.detect.campaign.TestScans.candidate;
import static io.fathom.detect.campaign.TestScans.scan;
import static io.fathom.detect.campaign.TestScans.sketch;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import io.fathom.detect.CampaignRecord;
import io.fathom.detect.ScanRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CampaignGrouperTest {
  private static final int[] HTTP = {80};
  private static final int K = 256;
  private final CampaignGrouper grouper = new CampaignGrouper();

  /** Eight ZMap shards: shard i probes the addresses whose index is i modulo 8, as zmap --shards does. */
  private static List<ScanRecord> shards(String sourcePattern, String tool, int[] ports, long startS) {
    List<ScanRecord> scans = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int shard = i;
      int[] sk = sketch("10.20.0.0", a -> (a & 7) == shard, K);
      scans.add(scan(sourcePattern.formatted(i + 1), tool, ports, sk, 8192, startS + i, startS + 3600));
    }
    return scans;
  }

  @Test
  void eightShardsSplittingOneSlash16AreOneWideCampaign() {
    List<ScanRecord> scans = shards("%d.1.2.3", "zmap", HTTP, 0);

    List<CampaignRecord> campaigns = grouper.group(scans);

    assertThat(campaigns).hasSize(1);
    CampaignRecord campaign = campaigns.getFirst();
    assertThat(campaign.sources()).hasSize(8).contains(Ipv4.parse("1.1.2.3"), Ipv4.parse("8.1.2.3"));
    assertThat(campaign.tool()).isEqualTo("zmap");
    assertThat(campaign.ports()).containsExactly(80);
    assertThat(campaign.distribution()).isEqualTo("wide/global");
    assertThat(campaign.id()).matches("c-[0-9a-f]{16}");
    assertThat(campaign.evidence()).anyMatch(e -> e.contains("8 sources in 8 /24s and 8 /16s"))
        .anyMatch(e -> e.startsWith("target sketches nearly disjoint: at most 0.00"))
        .anyMatch(e -> e.contains("tool zmap shared by 8 sources"));
  }

  @Test
  void shardsWithinOneSlash24AreSingleLocal() {
    CampaignRecord campaign = grouper.group(shards("192.0.2.%d", "zmap", HTTP, 0)).getFirst();

    assertThat(campaign.distribution()).isEqualTo("single/local");
    assertThat(campaign.evidence()).anyMatch(e -> e.contains("8 sources in 1 /24s and 1 /16s"));
  }

  /** Ids name a campaign's sources and start: the same for the same, different (in 16 hex digits) otherwise. */
  @Test
  void idsFollowTheSourcesAndTheStart() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      int[] sources = random.ints(2 + random.nextInt(5)).sorted().toArray();
      long start = random.nextLong(1L << 62);
      String id = CampaignDescription.id(sources, start);
      assertThat(id).matches("c-[0-9a-f]{16}").isEqualTo(CampaignDescription.id(sources.clone(), start));
      assertThat(seen.add(id)).isTrue();
      assertThat(seen.add(CampaignDescription.id(sources, start + 1))).isTrue();
      assertThat(seen.add(CampaignDescription.id(java.util.Arrays.copyOf(sources, sources.length - 1), start)))
          .isTrue();
    }
  }

  @Test
  void scansGetTheirCampaignIdAndTheIdIsIndependentOfInputOrder() {
    List<ScanRecord> scans = shards("%d.1.2.3", "zmap", HTTP, 0);
    List<ScanRecord> shuffled = new ArrayList<>(scans);
    Collections.shuffle(shuffled, new Random(7));
    ScanRecord loner = scan("203.0.113.9", "masscan", new int[] {22}, sketch("10.9.0.0", a -> true, K), 65536, 0,
        60);
    shuffled.add(loner);

    CampaignGrouping grouping = grouper.groupWithScans(shuffled);

    String id = grouper.group(scans).getFirst().id();
    assertThat(grouping.campaigns()).extracting(CampaignRecord::id).containsExactly(id);
    assertThat(grouping.scans()).hasSize(9);
    assertThat(grouping.scans().subList(0, 8)).allMatch(s -> id.equals(s.campaign()));
    assertThat(grouping.scans().get(8).campaign()).as("a single-source scan gets no campaign").isNull();
  }

  /**
   * Three sources each scanning the whole /16 hold the same bottom-k sketch (overlap 1.0, where a split would
   * show about 0), so despite the same tool, port and time they are not one split campaign.
   */
  @Test
  void sourcesEachScanningTheWholeSpaceAreNotOneSplitCampaign() {
    int[] whole = sketch("10.20.0.0", a -> true, K);
    List<ScanRecord> scans = List.of(
        scan("1.1.1.1", "zmap", HTTP, whole, 65536, 0, 600),
        scan("2.2.2.2", "zmap", HTTP, whole, 65536, 5, 600),
        scan("3.3.3.3", "zmap", HTTP, whole, 65536, 9, 600));

    assertThat(grouper.group(scans)).isEmpty();
  }

  @Test
  void differentToolsOrPortsFormSeparateCampaigns() {
    List<ScanRecord> scans = new ArrayList<>(shards("%d.1.2.3", "zmap", HTTP, 0));
    scans.addAll(shards("%d.50.2.3", "masscan", HTTP, 0));
    scans.addAll(shards("%d.60.2.3", "zmap", new int[] {23, 2323}, 0));

    List<CampaignRecord> campaigns = grouper.group(scans);

    assertThat(campaigns).hasSize(3);
    assertThat(campaigns).extracting(CampaignRecord::tool).containsExactlyInAnyOrder("zmap", "masscan", "zmap");
    assertThat(campaigns).allMatch(c -> c.sources().length == 8);
  }

  @Test
  void largelyOverlappingPortSetsStillJoin() {
    int[] many = {21, 22, 23, 25, 80, 110, 143, 443, 993, 995};
    int[] fewer = {21, 22, 23, 25, 80, 110, 143, 443, 993};
    List<ScanRecord> scans = List.of(
        scan("1.1.1.1", "masscan", many, sketch("10.20.0.0", a -> (a & 1) == 0, K), 32768, 0, 600),
        scan("2.2.2.2", "masscan", fewer, sketch("10.20.0.0", a -> (a & 1) == 1, K), 32768, 0, 600));

    CampaignRecord campaign = grouper.group(scans).getFirst();

    assertThat(campaign.ports()).containsExactly(fewer);
    assertThat(campaign.evidence()).anyMatch(e -> e.contains("port-set overlap at least 0.90"));
  }

  @Test
  void episodesFarApartInTimeAreNotOneCampaign() {
    List<ScanRecord> scans = List.of(
        scan("1.1.1.1", "zmap", HTTP, sketch("10.20.0.0", a -> (a & 1) == 0, K), 32768, 0, 600),
        scan("2.2.2.2", "zmap", HTTP, sketch("10.20.0.0", a -> (a & 1) == 1, K), 32768, 86_400, 87_000));

    assertThat(grouper.group(scans)).isEmpty();
  }

  @Test
  void unknownToolsJoinOnlyWithIdenticalPortsAndSimilarRates() {
    int[] even = sketch("10.20.0.0", a -> (a & 1) == 0, K);
    int[] odd = sketch("10.20.0.0", a -> (a & 1) == 1, K);
    List<ScanRecord> same = List.of(scan("1.1.1.1", "unknown", HTTP, even, 32768, 0, 600),
        scan("2.2.2.2", "unknown", HTTP, odd, 32768, 0, 600));
    List<ScanRecord> otherPorts = List.of(scan("1.1.1.1", "unknown", HTTP, even, 32768, 0, 600),
        scan("2.2.2.2", "unknown", new int[] {80, 8080}, odd, 32768, 0, 600));

    assertThat(grouper.group(same)).singleElement()
        .satisfies(c -> assertThat(c.evidence().getFirst()).startsWith("tool unknown: identical ports"));
    assertThat(grouper.group(otherPorts)).isEmpty();
  }

  @Test
  void tinySketchesProveNothingAndJoinNothing() {
    List<ScanRecord> scans = List.of(scan("1.1.1.1", "zmap", HTTP, new int[] {1, 2}, 2, 0, 60),
        scan("2.2.2.2", "zmap", HTTP, new int[] {3, 4}, 2, 0, 60));

    assertThat(grouper.group(scans)).isEmpty();
  }

  /**
   * A slow distributed sweep: {@code sources} sources each probing every {@code sources}-th address of the first
   * {@code space} addresses of 10.30.0.0/16 on UDP 5060, one probe a minute, starting 36 s apart.
   */
  private static List<ScanRecord> slowSweep(int sources, int space, int[] ports) {
    int base = Ipv4.parse("10.30.0.0");
    List<ScanRecord> candidates = new ArrayList<>();
    for (int s = 0; s < sources; s++) {
      int mine = s;
      int[] sk = sketch("10.30.0.0", a -> a - base < space && (a - base) % sources == mine, 64);
      long targets = (space - s + sources - 1) / sources;
      String src = (1 + s % 200) + "." + (s / 200) + ".7.9";
      candidates.add(candidate(src, ports, sk, targets, 1 / 60.0, s * 36L, s * 36L + (targets - 1) * 60));
    }
    return candidates;
  }

  @Test
  void slowSourcesSplittingASpaceTogetherAreADistributedCampaignAndBecomeScans() {
    List<ScanRecord> candidates = slowSweep(300, 1 << 14, new int[] {5060});
    ScanRecord fast = scan("203.0.113.9", "masscan", new int[] {22}, sketch("10.9.0.0", a -> true, K), 65536, 0,
        60);

    CampaignGrouping grouping = grouper.group(List.of(fast), candidates);

    assertThat(grouping.campaigns()).singleElement().satisfies(c -> {
      assertThat(c.sources()).hasSize(300);
      assertThat(c.ports()).containsExactly(5060);
      assertThat(c.tool()).isEqualTo("unknown");
      assertThat(c.distribution()).isEqualTo("wide/global");
      assertThat(c.evidence().getFirst()).startsWith("distributed scan: 300 sources, each below every scan"
          + " definition, together about 16384 distinct targets, at least 16384 on one port");
      assertThat(c.evidence()).anyMatch(e -> e.startsWith("episodes overlap or start within 7200 s"));
    });
    String id = grouping.campaigns().getFirst().id();
    assertThat(grouping.promoted()).hasSize(300).allSatisfy(s -> {
      assertThat(s.definitions()).containsExactly(CampaignGrouper.DISTRIBUTED);
      assertThat(s.campaign()).isEqualTo(id);
    });
    assertThat(grouping.promoted()).extracting(ScanRecord::src)
        .containsExactlyElementsOf(candidates.stream().map(ScanRecord::src).toList());
    assertThat(grouping.scans()).hasSize(301);
    assertThat(grouping.scans().getFirst()).satisfies(s -> {
      assertThat(s.src()).isEqualTo(fast.src());
      assertThat(s.campaign()).isNull();
    });
    assertThat(grouping.scans().subList(1, 301)).containsExactlyElementsOf(grouping.promoted());
  }

  @Test
  void tooFewSlowSourcesOrTooFewTargetsOnOnePortFormNoDistributedCampaign() {
    List<ScanRecord> nine = slowSweep(9, 9 * 55, new int[] {5060});
    // ten sources of 16 targets on two ports: 160 targets, so only 80 on one port for sure
    List<ScanRecord> twoPorts = slowSweep(10, 160, new int[] {5060, 5061});
    List<ScanRecord> ten = slowSweep(10, 160, new int[] {5060});

    assertThat(grouper.group(List.of(), nine).campaigns()).isEmpty();
    assertThat(grouper.group(List.of(), nine).promoted()).isEmpty();
    assertThat(grouper.group(List.of(), twoPorts).campaigns()).isEmpty();
    assertThat(grouper.group(List.of(), ten).campaigns()).singleElement()
        .satisfies(c -> assertThat(c.sources()).hasSize(10));
    CampaignGrouper stricter = new CampaignGrouper(CampaignSettings.defaults()
        .withDistributed(CampaignSettings.defaults().distributedStartWindowNanos(), 10, 161));
    assertThat(stricter.group(List.of(), ten).campaigns()).isEmpty();
  }

  @Test
  void slowSourcesCoveringTheSameTargetsOrFarApartInTimeFormNoDistributedCampaign() {
    int[] whole = sketch("10.30.0.0", a -> true, 64);
    List<ScanRecord> same = new ArrayList<>();
    List<ScanRecord> apart = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      same.add(candidate((1 + s) + ".2.3.4", new int[] {5060}, whole, 60, 1 / 60.0, s * 36L, s * 36L + 3540));
      int mine = s;
      int[] sk = sketch("10.30.0.0", a -> (a & 0xFFFF) % 20 == mine && (a & 0xFFFF) < 1200, 64);
      // an hour's episode every three hours: neither overlapping nor within two hours of the last start
      apart.add(candidate((1 + s) + ".2.3.4", new int[] {5060}, sk, 60, 1 / 60.0, s * 10_800L,
          s * 10_800L + 3540));
    }

    assertThat(grouper.group(List.of(), same).campaigns()).isEmpty();
    assertThat(grouper.group(List.of(), apart).campaigns()).isEmpty();
    assertThat(grouper.groupWithScans(same).promoted()).isEmpty();
  }

  @Test
  void distributionCountsDistinctNetworks() {
    int[] one = {Ipv4.parse("198.51.100.7")};
    int[] sameSlash16 = {Ipv4.parse("198.51.100.7"), Ipv4.parse("198.51.7.7")};
    int[] twoSlash16 = {Ipv4.parse("198.51.100.7"), Ipv4.parse("198.52.100.7")};

    assertThat(Distribution.of(one, 2).value()).isEqualTo("single/local");
    assertThat(Distribution.of(sameSlash16, 2).value()).isEqualTo("single/local");
    assertThat(Distribution.of(twoSlash16, 2)).extracting(Distribution::value, Distribution::evidence)
        .containsExactly("wide/global", "2 sources in 2 /24s and 2 /16s (wide from 2 /16s)");
  }
}
