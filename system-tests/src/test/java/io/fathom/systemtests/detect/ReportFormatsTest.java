package io.fathom.systemtests.detect;

import static io.fathom.systemtests.detect.SyntheticCapture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same capture through every report format: each says the same scans in its own way. */
class ReportFormatsTest {
  private static final List<String> AXES =
      List.of("organization", "intention", "distribution", "publication", "software", "timing");

  @TempDir Path work;
  private Path capture;

  @BeforeEach
  void twoScanners() throws Exception {
    SyntheticCapture traffic = new SyntheticCapture();
    Traffic generator = new Traffic(traffic, 99);
    generator.zmapModern(Ipv4.parse("203.0.113.41"), generator.telescopeTargets(300), 80, T0, 1000);
    generator.mirai(Ipv4.parse("198.51.100.23"), generator.telescopeTargets(300), T0, 200);
    capture = traffic.writePcap(work.resolve("two-scanners.pcap"));
  }

  @Test
  void csvHasTheHeaderAndOneRowPerScan() throws Exception {
    DetectCli.Result result = DetectCli.detect(work, capture.toString(), "--format", "csv");

    assertThat(result.status()).as(result.describe()).isZero();
    List<String> rows = result.stdout().lines().toList();
    assertThat(rows.getFirst()).startsWith("src,proto,ports,targets,packets,shape,ports_scope,tool");
    assertThat(rows).hasSize(3);
    assertThat(rows.subList(1, 3)).anySatisfy(r -> assertThat(r).startsWith("203.0.113.41,tcp,80,300,300,"))
        .anySatisfy(r -> assertThat(r).startsWith("198.51.100.23,tcp,23;2323,300,300,"));
    assertThat(result.stdout()).contains("\r\n"); // RFC 4180 line ends
  }

  @Test
  void tableListsTheSixAxesAsRowsWithEntitiesAsColumns() throws Exception {
    DetectCli.Result result = DetectCli.detect(work, capture.toString(), "--format", "table");

    assertThat(result.status()).as(result.describe()).isZero();
    List<String> lines = result.stdout().lines().toList();
    for (String axis : AXES) {
      assertThat(lines).as("a row for %s", axis).anySatisfy(l -> assertThat(l).startsWith(axis + " "));
    }
    String intention = lines.stream().filter(l -> l.startsWith("intention ")).findFirst().orElseThrow();
    assertThat(intention).contains("exploit");
    String header = lines.get(lines.indexOf(intention) - 3);
    assertThat(header).contains("Mirai", "unknown-zmap-203"); // cells are cut to 20 characters
    assertThat(result.stdout()).contains("203.0.113.41", "198.51.100.23"); // the scan summary
  }

  @Test
  void htmlIsOnePageWithCharts() throws Exception {
    Path page = work.resolve("report.html");

    DetectCli.Result result = DetectCli.detect(work, capture.toString(), "--format", "html", "-o", page.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.stdout()).as("the report went to the file").isEmpty();
    String html = Files.readString(page);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "203.0.113.41", "Mirai").endsWith("</html>\n");
  }

  @Test
  void jsonIsTheDefaultAndAnUnknownFormatIsAUsageError() throws Exception {
    DetectCli.Result json = DetectCli.detect(work, capture.toString());
    DetectCli.Result bad = DetectCli.detect(work, capture.toString(), "--format", "xml");

    assertThat(json.report().scans()).hasSize(2);
    assertThat(json.report().run().path("counts").path("scans").asInt()).isEqualTo(2);
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.stderrLines()).hasSize(1);
  }
}
