package io.fathom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The scan command's parsing and dry runs, in-process: nothing here sends a packet. */
class ScanCommandTest {
  @TempDir Path dir;

  private record Outcome(int status, String stderr) {}

  private static Outcome run(String... args) {
    CommandLine cl = Fathom.commandLine();
    PrintStream previous = System.err;
    ByteArrayOutputStream rawErr = new ByteArrayOutputStream();
    System.setErr(new PrintStream(rawErr, true, StandardCharsets.UTF_8));
    try {
      int status = cl.execute(args);
      return new Outcome(status, rawErr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(previous);
    }
  }

  @Test
  void badInputIsOneLineAndStatusTwo() {
    String[][] cases = {
      {"scan", "198.18.0.0/33", "-p", "80"},
      {"scan", "198.18.0.0/16", "-p", "0"},
      {"scan", "198.18.0.0/16", "-p", "65536"},
      {"scan", "198.18.0.0/16", "-p", "80", "--interface", "nosuch0", "--dry-run"},
      {"scan", "198.18.0.0/16", "-p", "80", "--rate", "10", "--bandwidth", "1M"},
      {"scan", "-iL", "/nonexistent/targets.txt", "-p", "80"},
      {"scan", "198.18.0.0/16"},
      {"scan", "0.0.0.0/0", "-p", "80", "--dry-run"},
      {"scan", "198.18.0.0/16", "-p", "80", "--shards", "2", "--shard", "2"},
      {"scan", "198.18.0.0/16", "-p", "80", "--format", "xml"},
      {"scan", "198.18.0.0/16", "-p", "80", "--fields", "ip,bogus"},
      {"scan", "198.18.0.0/16", "-p", "80", "--gateway-mac", "zz:00:00:00:00:00"},
      {"scan", "198.18.0.0/16", "-p", "80", "--source-ip", "1.2.3"},
      {"scan", "198.18.0.0/16", "-p", "80", "--rate", "fast"},
      {"scan", "--resume", "/nonexistent/resume.json"},
    };
    for (String[] args : cases) {
      Outcome o = run(args);
      assertThat(o.status()).as(String.join(" ", args) + " -> " + o.stderr()).isEqualTo(2);
      assertThat(o.stderr().lines().filter(l -> !l.isBlank()).count()).as(o.stderr()).isEqualTo(1);
      assertThat(o.stderr()).startsWith("fathom: ").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void dryRunBuildsEveryPacketAndRecordsProvenance() throws Exception {
    Path meta = dir.resolve("meta.json");
    Outcome o = run("scan", "198.18.0.0/20", "-p", "22,80,443", "--dry-run", "--seed", "42", "--order", "blackrock",
        "--rate", "100000000", "-q", "--metadata", meta.toString(), "-o", dir.resolve("out").toString());
    assertThat(o.status()).as(o.stderr()).isZero();
    JsonNode m = new ObjectMapper().readTree(meta.toFile());
    assertThat(m.get("counters").get("sent").asLong()).isEqualTo(4096 * 3);
    assertThat(m.get("permutation").get("order").asText()).isEqualTo("blackrock");
    assertThat(m.get("permutation").get("seed").asLong()).isEqualTo(42);
    assertThat(m.get("configuration").get("dry_run").asBoolean()).isTrue();
    assertThat(m.get("version").asText()).isNotBlank();
    assertThat(m.get("complete").asBoolean()).isTrue();
    assertThat(Files.size(dir.resolve("out"))).isZero();
  }

  @Test
  void resumeTakesTargetsFromItsFileAndRefusesThemOnTheCommandLine() throws Exception {
    Path resume = dir.resolve("resume.json");
    new io.fathom.engine.ResumePoint("abc", java.util.List.of("scan", "198.18.0.0/24", "-p", "80", "--seed", "3"),
        3, "cyclic", 0, 1, new long[] {10}, 10).write(resume);
    for (String[] args : new String[][] {
      {"scan", "--resume", resume.toString(), "-p", "443"},
      {"scan", "--resume", resume.toString(), "198.18.1.0/24"},
      {"scan", "--resume", resume.toString(), "--seed", "4"},
    }) {
      Outcome o = run(args);
      assertThat(o.status()).as(o.stderr()).isEqualTo(2);
      assertThat(o.stderr()).startsWith("fathom: --resume takes");
    }
    Path meta = dir.resolve("meta.json");
    Outcome o = run("scan", "--resume", resume.toString(), "--dry-run", "-q", "--rate", "100000000", "--metadata",
        meta.toString(), "-o", dir.resolve("out").toString());
    assertThat(o.status()).as(o.stderr()).isZero();
    JsonNode m = new ObjectMapper().readTree(meta.toFile());
    assertThat(m.get("scan").asText()).isEqualTo("abc");
    assertThat(m.get("resumed").asBoolean()).isTrue();
    // 256 targets: the group modulo 257 has exactly 256 elements, none skipped; 10 were sent before.
    assertThat(m.get("counters").get("sent").asLong()).isEqualTo(246);
  }

  @Test
  void specialPurposeBlocksAreLeftOutUnlessNamed() throws Exception {
    Path meta = dir.resolve("meta.json");
    Outcome o = run("scan", "198.0.0.0/8", "-p", "80", "--dry-run", "--rate", "100000000", "-q",
        "--metadata", meta.toString(), "-o", dir.resolve("out").toString());
    assertThat(o.status()).as(o.stderr()).isZero();
    JsonNode m = new ObjectMapper().readTree(meta.toFile());
    // 198.18.0.0/15 and 198.51.100.0/24 are special-purpose blocks inside 198.0.0.0/8.
    assertThat(m.get("configuration").get("target_count").asLong()).isEqualTo((1L << 24) - (1L << 17) - 256);
  }
}
