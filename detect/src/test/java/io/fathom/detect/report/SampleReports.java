package io.fathom.detect.report;

import io.fathom.common.Ipv4;
import io.fathom.detect.CampaignRecord;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.EntityRecord.Axis;
import io.fathom.detect.NotScanRecord;
import io.fathom.detect.ScanRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports built by hand for the format tests: a few scans, campaigns and entities, and an empty one. */
final class SampleReports {
  static final long T0 = Instant.parse("2024-05-01T12:00:00Z").getEpochSecond() * 1_000_000_000L;
  static final long MINUTE = 60_000_000_000L;
  static final String HOSTILE = "window \"7\", <script>alert(1)</script> & more";
  static final String LONG_NAME = "Very Long Research Project Name That Does Not Fit";

  private SampleReports() {}

  static DetectionReport sample(boolean includeNotScans) {
    ScanRecord zmap = new ScanRecord(Ipv4.parse("198.51.100.7"), "tcp", new int[] {23}, 40_000, 40_000, "horizontal",
        "single", "zmap", "<=4.0", 0.98, List.of("IP ID 54321 in 1000 of 1000 probes"), T0, T0 + 10 * MINUTE, 66.7,
        List.of("durumeric2014", "zeek"), new int[0], 0.0123, 5400.5, "c-1a2b", "Censys");
    ScanRecord masscan = new ScanRecord(Ipv4.parse("203.0.113.9"), "tcp", new int[] {22, 80, 81, 443}, 500, 2000,
        "block", "strobe", "masscan", null, 0.9, List.of(HOSTILE, "ip id = dst ^ port ^ seq"), T0 + 30 * MINUTE,
        T0 + 31 * MINUTE, 33.3, List.of("zeek"), new int[0], null, null, null, LONG_NAME);
    ScanRecord unknown = new ScanRecord(Ipv4.parse("192.0.2.200"), "udp", new int[] {53, 123}, 1, 120, "vertical",
        "strobe", "unknown", null, 0, List.of(), T0 + 90 * MINUTE, T0 + 95 * MINUTE, 0.4, List.of(), new int[0], null,
        null, null, null);
    CampaignRecord shards = new CampaignRecord("c-1a2b", new int[] {Ipv4.parse("198.51.100.7"),
        Ipv4.parse("198.51.100.8")}, "zmap", new int[] {23}, T0, T0 + 12 * MINUTE, "single/local",
        List.of("same ports, disjoint target sketches", HOSTILE));
    CampaignRecord other = new CampaignRecord("c-ffff", new int[] {Ipv4.parse("203.0.113.9")}, "masscan",
        new int[] {22, 80}, T0 + 30 * MINUTE, T0 + 31 * MINUTE, "wide/global", List.of());
    EntityRecord censys = new EntityRecord("Censys", new int[] {Ipv4.parse("198.51.100.7")}, Map.of(
        "organization", new Axis("commercial", "catalogue", List.of("address range of Censys")),
        "intention", new Axis("research", "catalogue", List.of()),
        "distribution", new Axis("single/local", "inferred", List.of("one /24")),
        "publication", new Axis("published", "catalogue", List.of()),
        "software", new Axis("zmap", "inferred", List.of("IP ID 54321")),
        "timing", new Axis("periodic", "inferred", List.of("every 24 h"))),
        List.of("reverse DNS *.censys-scanner.com"));
    EntityRecord partial = new EntityRecord(LONG_NAME, new int[] {Ipv4.parse("203.0.113.9")},
        Map.of("software", new Axis("masscan", "inferred", List.of(HOSTILE))), List.of("behaviour"));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("min_targets", 25);
    settings.put("window_s", 300);
    settings.put("trw_eta1", 100.0);
    settings.put("definitions", List.of("durumeric2014", "zeek"));
    return DetectionReport.builder()
        .scans(List.of(zmap, masscan, unknown))
        .notScans(List.of(new NotScanRecord(Ipv4.parse("192.0.2.1"), "backscatter", 17, T0, T0 + MINUTE)))
        .includeNotScans(includeNotScans)
        .campaigns(List.of(shards, other))
        .entities(List.of(censys, partial))
        .suspects(List.of(new DetectionReport.Suspect(Ipv4.parse("192.0.2.55"), T0 + 5 * MINUTE, 142.5)))
        .settings(settings)
        .statistic("packets", 1_234_567L)
        .statistic("files", 2)
        .statistic("warnings", 0)
        .provenance(new DetectionReport.Provenance("0.1.0-test", List.of("a.pcap", "b.pcapng"),
            Instant.parse("2024-05-02T08:00:00Z"), Instant.parse("2024-05-02T08:05:00Z")))
        .build();
  }

  static DetectionReport empty() {
    return DetectionReport.builder().setting("min_targets", 25)
        .provenance(new DetectionReport.Provenance("0.1.0-test", List.of(), null, null)).build();
  }
}
