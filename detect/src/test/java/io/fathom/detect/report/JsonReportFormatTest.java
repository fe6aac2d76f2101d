package io.fathom.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.detect.EntityRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportFormatTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static List<JsonNode> lines(DetectionReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormats.byName("json").write(report, out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.split("\n")) {
      nodes.add(MAPPER.readTree(line));
    }
    return nodes;
  }

  private static List<JsonNode> ofKind(List<JsonNode> nodes, String kind) {
    return nodes.stream().filter(n -> n.get("kind").asText().equals(kind)).toList();
  }

  @Test
  void firstLineIsTheRunWithSettingsStatisticsAndProvenance() throws IOException {
    JsonNode run = lines(SampleReports.sample(false)).get(0);
    assertThat(run.get("kind").asText()).isEqualTo("run");
    assertThat(run.at("/settings/min_targets").asInt()).isEqualTo(25);
    assertThat(run.at("/settings/trw_eta1").asDouble()).isEqualTo(100.0);
    assertThat(run.at("/settings/definitions/1").asText()).isEqualTo("zeek");
    assertThat(run.at("/statistics/packets").asLong()).isEqualTo(1_234_567L);
    assertThat(run.at("/provenance/version").asText()).isEqualTo("0.1.0-test");
    assertThat(run.at("/provenance/inputs/1").asText()).isEqualTo("b.pcapng");
    assertThat(run.at("/provenance/started").asText()).isEqualTo("2024-05-02T08:00:00Z");
    assertThat(run.at("/counts/scans").asInt()).isEqualTo(3);
  }

  @Test
  void scanLinesCarryEveryFieldWithNullsWhereAbsent() throws IOException {
    List<JsonNode> scans = ofKind(lines(SampleReports.sample(false)), "scan");
    assertThat(scans).hasSize(3);
    JsonNode zmap = scans.get(0);
    assertThat(zmap.get("src").asText()).isEqualTo("198.51.100.7");
    assertThat(zmap.get("proto").asText()).isEqualTo("tcp");
    assertThat(zmap.get("ports").isArray()).isTrue();
    assertThat(zmap.get("ports").get(0).asInt()).isEqualTo(23);
    assertThat(zmap.get("targets").asLong()).isEqualTo(40_000);
    assertThat(zmap.get("shape").asText()).isEqualTo("horizontal");
    assertThat(zmap.get("ports_scope").asText()).isEqualTo("single");
    assertThat(zmap.get("tool").asText()).isEqualTo("zmap");
    assertThat(zmap.get("tool_version").asText()).isEqualTo("<=4.0");
    assertThat(zmap.get("confidence").asDouble()).isEqualTo(0.98);
    assertThat(zmap.get("evidence").get(0).asText()).contains("54321");
    assertThat(zmap.get("start").asText()).isEqualTo("2024-05-01T12:00:00Z");
    assertThat(zmap.get("end").asText()).isEqualTo("2024-05-01T12:10:00Z");
    assertThat(zmap.get("rate_pps").asDouble()).isEqualTo(66.7);
    assertThat(zmap.get("definitions")).hasSize(2);
    assertThat(zmap.get("coverage").asDouble()).isEqualTo(0.0123);
    assertThat(zmap.get("internet_rate_pps").asDouble()).isEqualTo(5400.5);
    assertThat(zmap.get("campaign").asText()).isEqualTo("c-1a2b");
    assertThat(zmap.get("entity").asText()).isEqualTo("Censys");

    JsonNode unknown = scans.get(2);
    for (String field : List.of("tool_version", "coverage", "internet_rate_pps", "campaign", "entity")) {
      assertThat(unknown.has(field)).as(field).isTrue();
      assertThat(unknown.get(field).isNull()).as(field).isTrue();
    }
    assertThat(unknown.get("tool").asText()).isEqualTo("unknown");
    assertThat(scans.get(1).get("evidence").get(0).asText()).isEqualTo(SampleReports.HOSTILE);
  }

  @Test
  void campaignEntityAndSuspectLines() throws IOException {
    List<JsonNode> nodes = lines(SampleReports.sample(false));
    JsonNode campaign = ofKind(nodes, "campaign").get(0);
    assertThat(campaign.get("id").asText()).isEqualTo("c-1a2b");
    assertThat(campaign.get("sources").get(1).asText()).isEqualTo("198.51.100.8");
    assertThat(campaign.get("distribution").asText()).isEqualTo("single/local");
    assertThat(campaign.get("start").asText()).isEqualTo("2024-05-01T12:00:00Z");
    assertThat(campaign.get("evidence")).hasSize(2);

    List<JsonNode> entities = ofKind(nodes, "entity");
    assertThat(entities).extracting(e -> e.get("name").asText()).containsExactly("Censys", SampleReports.LONG_NAME);
    assertThat(entities.get(0).at("/organization/value").asText()).isEqualTo("commercial");
    assertThat(entities.get(0).at("/software/source").asText()).isEqualTo("inferred");
    assertThat(entities.get(0).at("/attribution/0").asText()).contains("censys");
    JsonNode partial = entities.get(1);
    for (String axis : EntityRecord.AXES) {
      assertThat(partial.get(axis).has("value")).isTrue();
      assertThat(partial.get(axis).get("evidence").isArray()).isTrue();
    }
    assertThat(partial.at("/timing/value").asText()).isEqualTo("unknown");
    assertThat(partial.at("/timing/source").asText()).isEqualTo("none");

    JsonNode suspect = ofKind(nodes, "suspect").get(0);
    assertThat(suspect.get("src").asText()).isEqualTo("192.0.2.55");
    assertThat(suspect.get("time").asText()).isEqualTo("2024-05-01T12:05:00Z");
    assertThat(suspect.get("likelihood_ratio").asDouble()).isEqualTo(142.5);
  }

  @Test
  void notScansOnlyWhenAskedFor() throws IOException {
    assertThat(ofKind(lines(SampleReports.sample(false)), "not-scan")).isEmpty();
    List<JsonNode> notScans = ofKind(lines(SampleReports.sample(true)), "not-scan");
    assertThat(notScans).hasSize(1);
    JsonNode n = notScans.get(0);
    assertThat(n.get("src").asText()).isEqualTo("192.0.2.1");
    assertThat(n.get("reason").asText()).isEqualTo("backscatter");
    assertThat(n.get("packets").asLong()).isEqualTo(17);
    assertThat(n.get("end").asText()).isEqualTo("2024-05-01T12:01:00Z");
  }

  @Test
  void emptyReportIsOneRunLineStillStatingTheSettings() throws IOException {
    List<JsonNode> nodes = lines(SampleReports.empty());
    assertThat(nodes).hasSize(1);
    assertThat(nodes.get(0).at("/settings/min_targets").asInt()).isEqualTo(25);
    assertThat(nodes.get(0).at("/provenance/started").isNull()).isTrue();
    assertThat(nodes.get(0).at("/counts/scans").asInt()).isZero();
  }

  @Test
  void nonFiniteNumbersAndOddSettingValuesStayValidJson() throws IOException {
    DetectionReport report = DetectionReport.builder()
        .setting("timeout", Duration.ofSeconds(90))
        .setting("nothing", null)
        .setting("ports", new int[] {1, 2})
        .suspects(List.of(new DetectionReport.Suspect(1, 0, Double.POSITIVE_INFINITY)))
        .build();
    List<JsonNode> nodes = lines(report);
    assertThat(nodes.get(0).at("/settings/timeout").asText()).isEqualTo("PT1M30S");
    assertThat(nodes.get(0).at("/settings/nothing").isNull()).isTrue();
    assertThat(nodes.get(0).at("/settings/ports/1").asInt()).isEqualTo(2);
    assertThat(nodes.get(1).get("likelihood_ratio").isNull()).isTrue();
    assertThat(nodes.get(1).get("time").asText()).isEqualTo("1970-01-01T00:00:00Z");
  }
}
