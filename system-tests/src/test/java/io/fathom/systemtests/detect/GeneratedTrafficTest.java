package io.fathom.systemtests.detect;

import static io.fathom.systemtests.detect.SyntheticCapture.MINUTE;
import static io.fathom.systemtests.detect.SyntheticCapture.SECOND;
import static io.fathom.systemtests.detect.SyntheticCapture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.common.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fathom detect} on telescope traffic generated here, frame by frame: the probes of tools whose packets
 * the fingerprints describe, campaigns, catalogue attribution, and traffic that must not be called scanning.
 */
class GeneratedTrafficTest {
  private static final double MIN_CONFIDENCE = 0.9;

  @TempDir Path work;

  @Test
  void zmap411ProbesAreZmapAtLeast411AndZmap410IsNamedByNeither() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 411);
    traffic.zmapModern(ip("203.0.113.41"), traffic.telescopeTargets(400), 80, T0, 1500);
    traffic.zmap410(ip("198.51.100.41"), traffic.telescopeTargets(400), 8080, T0, 1500);

    DetectReport report = detect(capture, "--telescope", Traffic.TELESCOPE);
    assertThat(report.suspects()).as("suspects are listed only with --suspects or --live").isEmpty();
    assertThat(report.run().path("statistics").path("suspects").asLong()).isPositive();

    JsonNode modern = report.scanFrom("203.0.113.41");
    assertThat(modern.path("tool").asText()).as("evidence %s", modern.path("evidence")).isEqualTo("zmap");
    assertThat(modern.path("tool_version").asText()).isEqualTo(">=4.1.1");
    assertThat(modern.path("confidence").asDouble()).isGreaterThanOrEqualTo(MIN_CONFIDENCE);
    assertThat(modern.path("evidence").toString()).contains("Windows-style options", "random IP ID");
    assertThat(modern.path("shape").asText()).isEqualTo("horizontal");
    assertThat(DetectReport.ints(modern.path("ports"))).containsExactly(80);
    assertThat(modern.path("targets").asLong()).isEqualTo(400);
    assertThat(DetectReport.texts(modern.path("definitions"))).containsExactly("durumeric2014", "zeek");
    assertThat(modern.path("coverage").asDouble()).isCloseTo(400.0 / Traffic.TELESCOPE_SIZE, within(1e-9));
    assertThat(modern.path("internet_rate_pps").asDouble())
        .isCloseTo(modern.path("rate_pps").asDouble() * 65536, within(1e-3));
    JsonNode older = report.scanFrom("198.51.100.41");
    assertThat(older.path("tool").asText()).as("FINGERPRINTS.md: 4.1.0 matches neither ZMap fingerprint")
        .isEqualTo("unknown");
  }

  @Test
  void miraiIsMiraiAndItsEntityIntendsToExploit() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 2016);
    traffic.mirai(ip("198.51.100.23"), traffic.telescopeTargets(300), T0, 200);

    DetectReport report = detect(capture, "--telescope", Traffic.TELESCOPE);

    JsonNode scan = report.scanFrom("198.51.100.23");
    assertThat(scan.path("tool").asText()).as("evidence %s", scan.path("evidence")).isEqualTo("mirai");
    assertThat(scan.path("confidence").asDouble()).isGreaterThanOrEqualTo(MIN_CONFIDENCE);
    assertThat(DetectReport.ints(scan.path("ports"))).containsExactly(23, 2323);
    assertThat(scan.path("packets").asLong()).isEqualTo(300);
    assertThat(scan.path("entity").asText()).isEqualTo("Mirai");
    JsonNode entity = report.entity("Mirai").orElseThrow();
    assertThat(entity.path("intention").path("value").asText()).isEqualTo("exploit");
    assertThat(entity.path("intention").path("source").asText()).isEqualTo("inferred");
    assertThat(entity.path("organization").path("value").asText()).isEqualTo("criminal");
    assertThat(DetectReport.texts(entity.path("attribution")).toString()).contains("behaviour");
  }

  @Test
  void unicornscanIsUnicornscan() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 7);
    traffic.unicornscan(ip("192.0.2.77"), traffic.telescopeTargets(100), new int[] {22, 80, 443, 3389}, T0, 500);

    DetectReport report = detect(capture);

    assertThat(report.scans()).hasSize(1);
    JsonNode scan = report.scanFrom("192.0.2.77");
    assertThat(scan.path("tool").asText()).as("evidence %s", scan.path("evidence")).isEqualTo("unicornscan");
    assertThat(scan.path("confidence").asDouble()).isGreaterThanOrEqualTo(MIN_CONFIDENCE);
    assertThat(scan.path("shape").asText()).isEqualTo("block");
    assertThat(scan.path("ports_scope").asText()).isEqualTo("strobe");
    assertThat(scan.path("targets").asLong()).isEqualTo(100);
    assertThat(scan.path("packets").asLong()).isEqualTo(400);
  }

  /**
   * The Sality botnet's /0 SIP sweep (Dainotti et al., IMC 2012) as the telescope saw it: sources each sending a
   * few dozen probes, slowly, together covering the space once. At one probe a minute no source meets Durumeric
   * 2014 (10 pps) or Zeek (25 hosts in 5 minutes) on its own, so each is a below-threshold candidate; looked at
   * together (same protocol and port, overlapping episodes, disjoint target sketches, at least 10 sources with 100
   * or more combined targets on one port) they are one distributed campaign, and every member a scan with the
   * definition "distributed" instead of a below-threshold not-scan.
   */
  @Test
  void slowDistributedSipSweepIsOneDistributedCampaignOfAllItsSources() throws Exception {
    SipSweep sweep = sipSweep(MINUTE);

    DetectCli.Result result = DetectCli.detect(work, sweep.capture(work).toString(), "--not-scans", "--suspects",
        "--telescope", Traffic.TELESCOPE);

    assertThat(result.status()).as(result.describe()).isZero();
    DetectReport report = result.report();
    assertThat(report.campaigns()).hasSize(1);
    JsonNode campaign = report.campaigns().getFirst();
    assertThat(DetectReport.texts(campaign.path("sources"))).containsExactlyInAnyOrderElementsOf(sweep.sourceNames());
    assertThat(DetectReport.ints(campaign.path("ports"))).containsExactly(5060);
    assertThat(campaign.path("distribution").asText()).isEqualTo("wide/global");
    assertThat(DetectReport.texts(campaign.path("evidence")).toString()).contains("distributed scan: 300 sources");
    assertThat(report.scans()).hasSize(SipSweep.SOURCES);
    assertThat(report.scans().stream().map(s -> s.path("src").asText()).toList())
        .containsExactlyInAnyOrderElementsOf(sweep.sourceNames());
    long targets = 0;
    for (JsonNode scan : report.scans()) {
      assertThat(scan.path("proto").asText()).isEqualTo("udp");
      assertThat(DetectReport.texts(scan.path("definitions"))).containsExactly("distributed");
      assertThat(scan.path("campaign").asText()).isEqualTo(campaign.path("id").asText());
      assertThat(scan.path("rate_pps").asDouble()).as("each source alone is slow").isLessThan(0.02);
      targets += scan.path("targets").asLong();
    }
    assertThat(targets).as("the sources cover the /18 once").isEqualTo(SipSweep.TARGETS);
    // Threshold Random Walk does flag each source after four unanswered first contacts: an early warning.
    assertThat(report.suspects()).hasSize(SipSweep.SOURCES);
    assertThat(report.notScans()).as("promoted sources are not also below-threshold").isEmpty();
    assertThat(report.run().path("counts").path("not_scans").asLong()).isZero();

    // Counted, not kept: the promoted sources' below-threshold records are still taken off the count.
    DetectReport counted = DetectCli.detect(work, sweep.capture(work).toString(), "--telescope", Traffic.TELESCOPE)
        .report();
    assertThat(counted.notScans()).isEmpty();
    assertThat(counted.suspects()).isEmpty();
    assertThat(counted.run().path("counts").path("not_scans").asLong()).isZero();
    assertThat(counted.run().path("statistics").path("suspects").asLong()).isEqualTo(SipSweep.SOURCES);
    assertThat(counted.run().path("settings").path("suspects_listed").asBoolean(true)).isFalse();
  }

  /**
   * The same sweep with each source sending one probe every 8 to 12 seconds: each meets Zeek's 25 hosts in 5
   * minutes (not Durumeric's 100 targets), and the grouper's rule joins them: same protocol, unknown tool with the
   * same port and rates within 2x, each starting while the campaign is under way, disjoint target sketches.
   */
  @Test
  void zeekPacedDistributedSipSweepIsOneWideCampaign() throws Exception {
    SipSweep sweep = sipSweep(0);

    DetectCli.Result result = DetectCli.detect(work, sweep.capture(work).toString(), "--telescope",
        Traffic.TELESCOPE);

    assertThat(result.status()).as(result.describe()).isZero();
    DetectReport report = result.report();
    assertThat(report.scans()).hasSize(SipSweep.SOURCES);
    assertThat(report.campaigns()).hasSize(1);
    JsonNode campaign = report.campaigns().getFirst();
    assertThat(DetectReport.texts(campaign.path("sources"))).containsExactlyInAnyOrderElementsOf(sweep.sourceNames());
    assertThat(campaign.path("tool").asText()).isEqualTo("unknown");
    assertThat(DetectReport.ints(campaign.path("ports"))).containsExactly(5060);
    assertThat(campaign.path("distribution").asText()).isEqualTo("wide/global");
    long targets = 0;
    for (JsonNode scan : report.scans()) {
      assertThat(scan.path("proto").asText()).isEqualTo("udp");
      assertThat(DetectReport.texts(scan.path("definitions"))).containsExactly("zeek");
      assertThat(scan.path("campaign").asText()).isEqualTo(campaign.path("id").asText());
      targets += scan.path("targets").asLong();
    }
    assertThat(targets).as("the shards cover the /18 once").isEqualTo(SipSweep.TARGETS);
  }

  @Test
  void shardedZmapFromEightNetworksIsOneWideCampaign() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 8);
    int shards = 8;
    int[] order = traffic.telescopeTargets(Traffic.TELESCOPE_SIZE);
    List<String> sources = new ArrayList<>();
    Set<Integer> slash16s = new TreeSet<>();
    while (sources.size() < shards) {
      int src = traffic.publicAddress();
      if (slash16s.add(src >>> 16)) {
        sources.add(Ipv4.format(src));
      }
    }
    for (int shard = 0; shard < shards; shard++) {
      int[] mine = new int[Traffic.TELESCOPE_SIZE / shards];
      for (int i = 0; i < mine.length; i++) {
        mine[i] = order[i * shards + shard]; // ZMap's sharding: every eighth element of the permutation
      }
      traffic.zmapLegacy(ip(sources.get(shard)), mine, 443, T0 + shard * 37_000_000L, 4000);
    }
    Path file = capture.writePcap(work.resolve("sharded.pcap.gz"), false, true);

    DetectCli.Result result = DetectCli.detect(work, file.toString(), "--telescope", Traffic.TELESCOPE);

    assertThat(result.status()).as(result.describe()).isZero();
    DetectReport report = result.report();
    assertThat(report.scans()).hasSize(shards);
    assertThat(report.campaigns()).hasSize(1);
    JsonNode campaign = report.campaigns().getFirst();
    assertThat(DetectReport.texts(campaign.path("sources"))).containsExactlyInAnyOrderElementsOf(sources);
    assertThat(campaign.path("tool").asText()).isEqualTo("zmap");
    assertThat(DetectReport.ints(campaign.path("ports"))).containsExactly(443);
    assertThat(campaign.path("distribution").asText()).isEqualTo("wide/global");
    for (String src : sources) {
      JsonNode scan = report.scanFrom(src);
      assertThat(scan.path("tool").asText()).isEqualTo("zmap");
      assertThat(scan.path("tool_version").asText()).isEqualTo("<=4.0");
      assertThat(scan.path("campaign").asText()).isEqualTo(campaign.path("id").asText());
      assertThat(scan.path("coverage").asDouble()).as("one eighth of the /16, counted by HyperLogLog beyond 4096")
          .isCloseTo(1.0 / shards, within(0.01));
    }
    String entity = "unknown-zmap-" + campaign.path("id").asText();
    assertThat(report.entity(entity)).isPresent();
    assertThat(report.entity(entity).orElseThrow().path("distribution").path("value").asText())
        .isEqualTo("wide/global");
  }

  @Test
  void userCatalogueNamesTheEntityAndGivesItsAxes() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 24);
    traffic.zmapModern(ip("203.0.113.10"), traffic.telescopeTargets(300), 443, T0, 1000);
    traffic.zmapModern(ip("198.51.100.10"), traffic.telescopeTargets(300), 8443, T0, 1000);
    traffic.zmapModern(ip("192.0.2.10"), traffic.telescopeTargets(300), 22, T0, 1000);
    Path catalogue = Files.writeString(work.resolve("research.json"), """
        {"version": 1, "date": "2026-03-01", "entities": [{
          "name": "Example Research Scanner", "kind": "research",
          "description": "a university's Internet-wide measurement scans",
          "ranges": ["203.0.113.0/24"],
          "axes": {"organization": "academic", "intention": "research/audit",
            "distribution": {"value": "single/local", "note": "one /24"},
            "publication": "complete", "software": "public", "timing": "ongoing"},
          "sources": ["the scanner's opt-out page"]}]}
        """);
    Path partners = Files.writeString(work.resolve("partner-scanners.txt"), "# scanners we know\n198.51.100.0/24\n");

    DetectReport report = detect(capture, "--catalog", catalogue.toString(), "--catalog", partners.toString());

    assertThat(report.scanFrom("203.0.113.10").path("entity").asText()).isEqualTo("Example Research Scanner");
    assertThat(report.scanFrom("198.51.100.10").path("entity").asText()).isEqualTo("partner-scanners");
    assertThat(report.scanFrom("192.0.2.10").path("entity").asText()).isEqualTo("unknown-zmap-192.0.2.10");
    JsonNode entity = report.entity("Example Research Scanner").orElseThrow();
    assertThat(DetectReport.texts(entity.path("sources"))).containsExactly("203.0.113.10");
    assertAxis(entity, "organization", "academic", "catalogue");
    assertAxis(entity, "intention", "research/audit", "catalogue");
    assertAxis(entity, "distribution", "single/local", "catalogue");
    assertAxis(entity, "publication", "complete", "catalogue");
    assertAxis(entity, "software", "public", "inferred"); // fingerprinted zmap is a public tool
    assertAxis(entity, "timing", "ongoing", "inferred"); // scanning until the capture's end
    assertThat(DetectReport.texts(entity.path("attribution")).toString()).contains("address range 203.0.113.0/24");
    JsonNode partner = report.entity("partner-scanners").orElseThrow();
    assertAxis(partner, "organization", "unknown", "none");
  }

  @Test
  void trafficThatIsNotScanningIsLabelledAndNeverAScan() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 53);
    traffic.zmapModern(ip("203.0.113.99"), traffic.telescopeTargets(300), 443, T0, 500);
    traffic.backscatter(ip("203.0.113.80"), 400, T0, 100_000_000L);
    int[] spoofed = traffic.spoofedSynFlood(ip("203.0.113.200"), 80, 200, T0, 5_000_000L);
    traffic.hammer(ip("198.51.100.66"), ip("203.0.113.201"), 443, 300, T0, 20_000_000L);
    traffic.dnsReplies(ip("192.0.2.53"), 120, T0, 250_000_000L);
    traffic.retransmittedSyns(ip("198.51.100.80"), traffic.telescopeTargets(5), 445, 4, T0);
    traffic.syns(ip("192.0.2.0"), traffic.telescopeTargets(40), 40000, 23, T0);
    traffic.syns(ip("192.0.2.255"), traffic.telescopeTargets(40), 40001, 23, T0);
    traffic.syns(ip("198.51.100.90"), traffic.telescopeTargets(40), 40002, 0, T0);
    traffic.syns(ip("198.51.100.91"), traffic.telescopeTargets(40), 0, 80, T0);
    traffic.udpFirstFragments(ip("198.51.100.92"), traffic.telescopeTargets(40), 123, T0);
    int land = ip("198.19.7.7");
    traffic.syns(land, new int[] {land, land, land}, 139, 139, T0);

    DetectReport report = detect(capture, "--not-scans", "--telescope", Traffic.TELESCOPE);

    assertThat(report.scans()).as("only the ZMap scan").hasSize(1);
    assertThat(report.scanFrom("203.0.113.99").path("tool").asText()).isEqualTo("zmap");
    assertThat(report.notScanReasons()).contains("backscatter", "spoofed-flood", "dns-reply", "retransmission",
        "spoofed-source");
    assertThat(report.notScanReasons("203.0.113.80")).containsExactly("backscatter");
    assertThat(packets(report, "203.0.113.80", "backscatter")).isEqualTo(400);
    for (int src : spoofed) {
      assertThat(report.notScanReasons(Ipv4.format(src))).as("spoofed %s", Ipv4.format(src))
          .containsExactly("spoofed-flood");
    }
    assertThat(report.notScanReasons("198.51.100.66")).containsExactly("spoofed-flood");
    assertThat(report.notScanReasons("192.0.2.53")).containsExactly("dns-reply");
    assertThat(report.notScanReasons("198.51.100.80")).containsExactly("below-threshold", "retransmission");
    // 5 SYNs sent 4 times each: 15 repeats, all within the window. The filter's sets hold their eight most recent
    // probes, so the few hundred other probes in between (the hammer's, the flood's) push none of them out.
    assertThat(packets(report, "198.51.100.80", "retransmission")).isEqualTo(15);
    assertThat(packets(report, "198.51.100.80", "retransmission") + packets(report, "198.51.100.80",
        "below-threshold")).isEqualTo(5 * 4);
    for (String src : List.of("192.0.2.0", "192.0.2.255", "198.51.100.90", "198.51.100.91", "198.51.100.92")) {
      assertThat(report.notScanReasons(src)).as(src).containsExactly("spoofed-source");
      assertThat(packets(report, src, "spoofed-source")).as(src).isEqualTo(40);
    }
    assertThat(report.notScanReasons("198.19.7.7")).containsExactly("spoofed-source");
    Set<String> scanned = new TreeSet<>();
    report.scans().forEach(s -> scanned.add(s.path("src").asText()));
    assertThat(scanned).containsExactly("203.0.113.99");
    assertThat(report.run().path("counts").path("not_scans").asLong()).isEqualTo(report.notScans().size());

    // Without --not-scans the records are counted, not kept: the same count, none listed.
    DetectReport counted = detect(capture, "--telescope", Traffic.TELESCOPE);
    assertThat(counted.notScans()).isEmpty();
    assertThat(counted.run().path("counts").path("not_scans").asLong()).isEqualTo(report.notScans().size());
    assertThat(counted.run().path("statistics").path("notScanPackets.retransmission").asLong()).isEqualTo(15);
  }

  private static void assertAxis(JsonNode entity, String axis, String value, String source) {
    assertThat(entity.path(axis).path("value").asText()).as("%s of %s", axis, entity.path("name")).isEqualTo(value);
    assertThat(entity.path(axis).path("source").asText()).as("source of %s", axis).isEqualTo(source);
  }

  private static long packets(DetectReport report, String src, String reason) {
    return report.notScans().stream()
        .filter(n -> n.path("src").asText().equals(src) && n.path("reason").asText().equals(reason))
        .mapToLong(n -> n.path("packets").asLong()).sum();
  }

  private DetectReport detect(SyntheticCapture capture, String... options) throws Exception {
    Path file = capture.writePcap(work.resolve("telescope.pcap"));
    List<String> args = new ArrayList<>(List.of(file.toString()));
    args.addAll(Arrays.asList(options));
    DetectCli.Result result = DetectCli.detect(work, args.toArray(String[]::new));
    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).isEmpty();
    return result.report();
  }

  /**
   * 300 sources splitting 198.19.0.0/18 (every 300th address to each, so 54 or 55 apiece and no overlap), UDP
   * 5060 with a SIP OPTIONS request, starting 36 s apart (three hours from first to last).
   */
  private static SipSweep sipSweep(long interval) {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 5060);
    List<String> sources = new ArrayList<>();
    Set<Integer> used = new TreeSet<>();
    while (sources.size() < SipSweep.SOURCES) {
      int src = traffic.publicAddress();
      if (used.add(src)) {
        sources.add(Ipv4.format(src));
      }
    }
    byte[] options = "OPTIONS sip:100@198.19.0.1 SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
    for (int s = 0; s < SipSweep.SOURCES; s++) {
      List<Integer> mine = new ArrayList<>();
      for (int i = s; i < SipSweep.TARGETS; i += SipSweep.SOURCES) {
        mine.add(Traffic.TELESCOPE_BASE + i);
      }
      long gap = interval > 0 ? interval : (8 + traffic.random().nextInt(5)) * SECOND;
      traffic.udpSweep(ip(sources.get(s)), mine.stream().mapToInt(Integer::intValue).toArray(), 5060, options,
          T0 + s * 36 * SECOND, gap);
    }
    return new SipSweep(capture, sources);
  }

  private record SipSweep(SyntheticCapture traffic, List<String> sourceNames) {
    static final int SOURCES = 300;
    static final int TARGETS = 1 << 14;

    Path capture(Path dir) throws IOException {
      return traffic.writePcap(dir.resolve("sip-sweep.pcap.gz"), false, true);
    }
  }

  private static int ip(String text) {
    return Ipv4.parse(text);
  }
}
