package io.fathom.systemtests.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fathom detect} on the ground-truth captures of real tools (resources/captures, made in the lab by
 * scripts/make-captures): each capture's labels say what detection must find, and each label is checked.
 */
class RealToolCapturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double MIN_CONFIDENCE = 0.9;

  @TempDir Path work;

  static Stream<String> labels() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(folder())) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".labels.json")).sorted().toList()
          .stream();
    }
  }

  private static Path folder() throws URISyntaxException {
    return Path.of(RealToolCapturesTest.class.getResource("/captures").toURI());
  }

  @Test
  void everyToolOfTheReadmeHasLabelledCaptures() throws Exception {
    List<String> tools = labels().map(RealToolCapturesTest::labelFile).map(RealToolCapturesTest::read).map(l -> l.path("tool").asText()).toList();

    assertThat(tools).contains("zmap", "masscan", "nmap", "hping3", "fathom", "curl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labels")
  void detectFindsWhatTheLabelsSay(String labelName) throws Exception {
    Path labelFile = labelFile(labelName);
    JsonNode label = read(labelFile);
    JsonNode expected = label.path("expected");
    Path capture = labelFile.resolveSibling(label.path("capture").asText());
    String src = label.path("src").asText();

    DetectCli.Result result = DetectCli.detect(work, capture.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).as("a clean capture gives no warnings").isEmpty();
    DetectReport report = result.report();
    if (!expected.path("scan").asBoolean()) {
      assertThat(report.scans()).as("no scan in %s", capture.getFileName()).isEmpty();
      assertThat(report.entitiesOf(src)).as("no entity for %s", src).isEmpty();
      return;
    }
    assertThat(report.scans()).as("one scan record per capture (a block scan is one record)").hasSize(1);
    JsonNode scan = report.scanFrom(src);
    assertThat(scan.path("proto").asText()).isEqualTo(label.path("proto").asText());
    assertThat(scan.path("shape").asText()).isEqualTo(expected.path("shape").asText());
    assertThat(scan.path("ports_scope").asText()).isEqualTo(expected.path("ports_scope").asText());
    assertThat(DetectReport.ints(scan.path("ports"))).isEqualTo(DetectReport.ints(label.path("ports")));
    assertTargets(label, scan);
    assertTool(label, expected, scan);
    assertThat(scan.path("entity").asText()).as("every scan is given an entity").isNotBlank();
    assertThat(report.entitiesOf(src)).hasSize(1);
  }

  /** Every target of a sweep is counted; hping3 --rand-dest draws with repeats, so it reaches at most the block. */
  private static void assertTargets(JsonNode label, JsonNode scan) {
    long blockSize = cidrSize(label.path("targets").asText());
    long targets = scan.path("targets").asLong();
    if (label.path("command").asText().contains("--rand-dest")) {
      assertThat(targets).isBetween(1L, blockSize);
    } else {
      assertThat(targets).as("distinct targets").isEqualTo(blockSize);
      assertThat(scan.path("packets").asLong()).isEqualTo(blockSize * label.path("ports").size());
    }
  }

  private static void assertTool(JsonNode label, JsonNode expected, JsonNode scan) {
    JsonNode tool = expected.path("tool");
    if (tool.isNull() || tool.isMissingNode()) {
      assertThat(scan.path("tool").asText()).isEqualTo("unknown");
      return;
    }
    assertThat(scan.path("tool").asText()).as("fingerprint evidence %s", scan.path("evidence"))
        .isEqualTo(tool.asText());
    assertThat(scan.path("confidence").asDouble()).isGreaterThanOrEqualTo(MIN_CONFIDENCE);
    JsonNode range = expected.path("tool_version_range");
    if (!range.isNull() && !range.isMissingNode()) {
      assertThat(scan.path("tool_version").asText()).isEqualTo(range.asText());
      assertThat(VersionRange.contains(range.asText(), label.path("tool_version").asText()))
          .as("the tool's own version %s lies in %s", label.path("tool_version").asText(), range.asText())
          .isTrue();
    }
  }

  private static Path labelFile(String name) {
    try {
      return folder().resolve(name);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long cidrSize(String cidr) {
    int slash = cidr.indexOf('/');
    return slash < 0 ? 1 : 1L << (32 - Integer.parseInt(cidr.substring(slash + 1)));
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
