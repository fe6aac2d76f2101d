package io.fathom.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.EntityRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TableReportFormatTest {
  private static String write(DetectionReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormats.byName("table").write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String row(List<String> lines, String axis) {
    return lines.stream().filter(l -> l.startsWith(axis + " ")).findFirst().orElseThrow();
  }

  @Test
  void axesAreRowsAndEntitiesColumns() throws IOException {
    List<String> lines = write(SampleReports.sample(false)).lines().toList();
    int title = lines.indexOf("Classification of scanning entities");
    String header = lines.get(title + 1);
    assertThat(header).contains("Censys").contains("Very Long Research Project ...");
    assertThat(header).doesNotContain(SampleReports.LONG_NAME);
    for (int i = 0; i < EntityRecord.AXES.size(); i++) {
      assertThat(lines.get(title + 3 + i)).startsWith(EntityRecord.AXES.get(i));
    }
    // Columns line up: each entity's cells start where its name does.
    int second = header.indexOf("Very Long");
    assertThat(row(lines, "software").substring(second)).startsWith("masscan*");
    assertThat(row(lines, "timing").substring(second)).startsWith("unknown");
    assertThat(row(lines, "organization")).contains("commercial").doesNotContain("commercial*");
    assertThat(row(lines, "timing")).contains("periodic*");
  }

  @Test
  void statesSettingsAndSummarisesScans() throws IOException {
    String text = write(SampleReports.sample(false));
    assertThat(text).contains("Settings: min_targets=25, window_s=300, trw_eta1=100.0");
    assertThat(text).contains("Inputs: a.pcap, b.pcapng");
    assertThat(text).contains("Scans: 3 from 3 sources, 42,120 packets");
    assertThat(text).contains("Tools: masscan 1, unknown 1, zmap 1");
    assertThat(text).contains("Top ports: 22/tcp 1, 23/tcp 1, 53/udp 1");
    assertThat(text).contains("Campaigns: 2; entities: 2; suspects: 1");
    List<String> lines = text.lines().toList();
    int top = lines.indexOf("Top scans by packets");
    assertThat(lines.get(top + 2)).startsWith("198.51.100.7").contains("40,000").contains("zmap <=4.0");
    assertThat(lines.get(top + 3)).contains("22,80-81,443");
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(TableReportFormat.WIDTH));
  }

  @Test
  void manyEntitiesWrapIntoBlocksAndControlCharactersAreReplaced() throws IOException {
    List<EntityRecord> many = IntStream.range(0, 12).mapToObj(i -> new EntityRecord("entity-" + i + "\u001b[31m",
        new int[0], Map.of("intention", new EntityRecord.Axis("malicious", "catalogue", List.of())), List.of()))
        .toList();
    String text = write(DetectionReport.builder().entities(many).build());
    assertThat(text).doesNotContain("\u001b").contains("entity-0?[31m");
    List<String> lines = text.lines().toList();
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(TableReportFormat.WIDTH));
    assertThat(lines.stream().filter(l -> l.startsWith("intention"))).hasSizeGreaterThan(1);
    assertThat(Arrays.stream(text.split("entity-11")).count()).isEqualTo(2);
  }

  @Test
  void emptyReport() throws IOException {
    String text = write(SampleReports.empty());
    assertThat(text).contains("Settings: min_targets=25").contains("(no entities)")
        .contains("Scans: 0 from 0 sources, 0 packets").doesNotContain("Top scans");
  }
}
