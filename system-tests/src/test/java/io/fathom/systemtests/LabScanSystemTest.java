package io.fathom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.lab.GroundTruth;
import io.fathom.lab.LabConfig;
import io.fathom.lab.LabInfo;
import io.fathom.lab.TemporaryLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fathom command end to end against a /16 x 3 ports lab: exact results, shards, resume. */
@Tag("lab")
class LabScanSystemTest {
  private static final int TARGETS = 65536 * 3;
  private static TemporaryLab lab;
  private static GroundTruth truth;

  @TempDir Path work;

  @BeforeAll
  static void startLab() {
    lab = TemporaryLab.start(LabConfig.defaults().withName(TemporaryLab.uniqueName()).withSeed(20261124));
    truth = lab.info().groundTruth();
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  private String[] scanArgs(String... extra) {
    List<String> args = new ArrayList<>(List.of("scan", "--lab", "--lab-name", lab.info().name(), "198.18.0.0/16",
        "-p", "22,80,443", "--closed", "--cooldown", "2", "-q"));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  @Test
  void slash16ThreePortsAt100kFindsExactlyTheGroundTruth() throws Exception {
    Path out = work.resolve("found.ndjson");
    Path meta = work.resolve("meta.json");
    var result = FathomProcess.run(work, 120, scanArgs("--rate", "100000", "--seed", "7", "-o", out.toString(),
        "--metadata", meta.toString()));

    assertThat(result.status()).as(result.stderr()).isZero();
    Findings found = Findings.read(out);
    assertThat(found.open()).containsExactlyElementsOf(Findings.keys(truth.openKeys()));
    assertThat(found.closed()).containsExactlyElementsOf(Findings.keys(truth.closedKeys()));
    JsonNode record = found.records().get(0);
    assertThat(record.fieldNames()).toIterable().contains("ip", "port", "proto", "status", "ttl", "ts", "scan");
    JsonNode metadata = Findings.metadata(meta);
    assertThat(record.get("scan").asText()).isEqualTo(metadata.get("scan").asText());
    JsonNode counters = metadata.get("counters");
    assertThat(counters.get("sent").asLong()).isEqualTo(TARGETS);
    assertThat(counters.get("targets_done").asLong()).isEqualTo(TARGETS);
    assertThat(counters.get("open").asLong()).isEqualTo(truth.openKeys().length);
    assertThat(counters.get("closed").asLong()).isEqualTo(truth.closedKeys().length);
    assertThat(counters.get("kernel_drops").asLong()).isZero();
    assertThat(metadata.get("permutation").get("seed").asLong()).isEqualTo(7);
    assertThat(metadata.get("complete").asBoolean()).isTrue();
  }

  @Test
  void exactUnderAFloodOfForgedAndMalformedReplies() throws Exception {
    Path out = work.resolve("found.ndjson");
    Path meta = work.resolve("meta.json");
    long flooded;
    try (io.fathom.lab.Flooder flooder = io.fathom.lab.Flooder.start(lab.info(), 77, 50_000)) {
      Thread.sleep(300);
      var result = FathomProcess.run(work, 120, scanArgs("--rate", "100000", "-o", out.toString(),
          "--metadata", meta.toString()));
      assertThat(result.status()).as(result.stderr()).isZero();
      flooded = flooder.sent();
    }
    Findings found = Findings.read(out);
    assertThat(found.open()).containsExactlyElementsOf(Findings.keys(truth.openKeys()));
    assertThat(found.closed()).containsExactlyElementsOf(Findings.keys(truth.closedKeys()));
    JsonNode counters = Findings.metadata(meta).get("counters");
    // The forgeries reached the scanner and were all refused: counted, never reported.
    assertThat(flooded).isGreaterThan(50_000);
    assertThat(counters.get("invalid").asLong() + counters.get("malformed").asLong()).isGreaterThan(20_000);
    assertThat(counters.get("validated").asLong()).isEqualTo(truth.openKeys().length + truth.closedKeys().length);
    assertThat(counters.get("duplicates").asLong()).isZero();
  }

  @Test
  void threeShardProcessesTogetherFindWhatOneRunFinds() throws Exception {
    List<FathomProcess> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shards.add(FathomProcess.start(work, scanArgs("--rate", "30000", "--seed", "99", "--order", "blackrock",
          "--shards", "3", "--shard", Integer.toString(i), "-o", work.resolve("shard" + i).toString(),
          "--metadata", work.resolve("meta" + i).toString())));
    }
    long sent = 0;
    for (FathomProcess shard : shards) {
      var result = shard.await(120);
      assertThat(result.status()).as(result.stderr()).isZero();
    }
    for (int i = 0; i < 3; i++) {
      sent += Findings.metadata(work.resolve("meta" + i)).get("counters").get("sent").asLong();
    }
    Findings union = Findings.read(work.resolve("shard0"), work.resolve("shard1"), work.resolve("shard2"));
    assertThat(sent).isEqualTo(TARGETS);
    assertThat(union.open()).containsExactlyElementsOf(Findings.keys(truth.openKeys()));
    assertThat(union.closed()).containsExactlyElementsOf(Findings.keys(truth.closedKeys()));
  }

  @Test
  void interruptedScanResumedFindsExactlyTheSame() throws Exception {
    Path out = work.resolve("found.ndjson");
    Path resume = work.resolve("resume.json");
    FathomProcess first = FathomProcess.start(work, scanArgs("--rate", "20000", "--seed", "5", "-o", out.toString(),
        "--resume-file", resume.toString(), "--metadata", work.resolve("meta1.json").toString()));
    Thread.sleep(4000);
    first.signal("INT");
    var stopped = first.await(60);
    assertThat(stopped.status()).as(stopped.stderr()).isEqualTo(130);
    assertThat(resume).exists();
    long sentFirst = Findings.metadata(work.resolve("meta1.json")).get("counters").get("sent").asLong();
    assertThat(sentFirst).isBetween(1L, (long) TARGETS - 1);
    long foundFirst = Files.readAllLines(out).size();

    var resumed = FathomProcess.run(work, 120, "scan", "--lab", "--lab-name", lab.info().name(), "--resume",
        resume.toString(), "--rate", "100000", "--metadata", work.resolve("meta2.json").toString());
    assertThat(resumed.status()).as(resumed.stderr()).isZero();
    long sentSecond = Findings.metadata(work.resolve("meta2.json")).get("counters").get("sent").asLong();
    assertThat(sentFirst + sentSecond).isEqualTo(TARGETS);

    Findings all = Findings.read(out);
    assertThat(all.records().size()).isGreaterThan((int) foundFirst);
    assertThat(all.open()).containsExactlyElementsOf(Findings.keys(truth.openKeys()));
    assertThat(all.closed()).containsExactlyElementsOf(Findings.keys(truth.closedKeys()));
    Set<String> scanIds = new HashSet<>();
    all.records().forEach(r -> scanIds.add(r.get("scan").asText()));
    assertThat(scanIds).hasSize(1);
  }

  @Test
  void badInputExitsTwoWithOneLineAndSendsNothing() throws Exception {
    Path unreadable = work.resolve("no-such-file.txt");
    String[][] cases = {
      {"198.18.0.0/33", "-p", "80"},
      {"198.18.0.0/16", "-p", "0"},
      {"198.18.0.0/16", "-p", "65536"},
      {"198.18.0.0/16", "-p", "80", "--interface", "nosuch0"},
      {"198.18.0.0/16", "-p", "80", "--rate", "1000", "--bandwidth", "10M"},
      {"-iL", unreadable.toString(), "-p", "80"},
      {"198.18.0.0/16", "-p", "80", "--shard", "1"},
      {"198.18.0.0/16", "-p", "80", "--order", "sideways"},
      {"198.18.0.300", "-p", "80"},
      {"198.18.0.0/16", "-p", "80", "--no-such-flag"},
    };
    long before = scannerTxPackets();
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("scan", "--lab", "--lab-name", lab.info().name()));
      args.addAll(List.of(c));
      var result = FathomProcess.run(work, 60, args.toArray(new String[0]));
      assertThat(result.status()).as(String.join(" ", c) + ": " + result.stderr()).isEqualTo(2);
      assertThat(result.stderrLines()).as(String.join(" ", c)).hasSize(1);
      assertThat(result.stderrLines().get(0)).startsWith("fathom: ").doesNotContain("Exception");
      assertThat(result.stdout()).isEmpty();
    }
    assertThat(scannerTxPackets()).isEqualTo(before);
  }

  @Test
  void unknownGatewayMacIsFoundWithArp() throws Exception {
    LabInfo info = lab.info();
    String gateway = io.fathom.common.Ipv4.format(info.gatewayIp());
    exec(info.inScanner(List.of("ip", "neigh", "del", gateway, "dev", info.scannerInterface())));
    try {
      Path meta = work.resolve("meta.json");
      Path out = work.resolve("found.ndjson");
      var result = FathomProcess.run(work, 60, "scan", "--lab", "--lab-name", info.name(), "198.18.0.0/20", "-p",
          "22,80,443", "--rate", "100000", "--cooldown", "1", "-q", "-o", out.toString(), "--metadata",
          meta.toString());
      assertThat(result.status()).as(result.stderr()).isZero();
      assertThat(Findings.metadata(meta).get("configuration").get("gateway_mac").asText())
          .isEqualTo(info.gatewayMacText());
      assertThat(Findings.read(out).open()).isNotEmpty();
    } finally {
      exec(info.inScanner(List.of("ip", "neigh", "replace", gateway, "lladdr", info.gatewayMacText(), "dev",
          info.scannerInterface(), "nud", "permanent")));
    }
  }

  @Test
  void liveDetectionOnTheTargetSideNamesTheScanAndItsTool() throws Exception {
    LabInfo info = lab.info();
    Path report = work.resolve("report.ndjson");
    List<String> detect = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "-jar", FathomProcess.JAR.toString(), "detect", "--live",
        info.targetInterface(), "--duration", "8", "-o", report.toString()));
    Process detector = new ProcessBuilder(info.inTarget(detect)).redirectErrorStream(true)
        .redirectOutput(work.resolve("detect.log").toFile()).start();
    try {
      Thread.sleep(2500);
      var scan = FathomProcess.run(work, 60, "scan", "--lab", "--lab-name", info.name(), "198.19.4.0/22", "-p",
          "22,80,443", "--rate", "20000", "--cooldown", "0", "-q", "-o", work.resolve("dark.ndjson").toString());
      assertThat(scan.status()).as(scan.stderr()).isZero();
      assertThat(detector.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      detector.destroyForcibly();
    }
    assertThat(detector.exitValue()).as(Files.readString(work.resolve("detect.log"))).isZero();
    List<JsonNode> scans = new ArrayList<>();
    JsonNode run = null;
    for (String line : Files.readAllLines(report)) {
      JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      if (n.get("kind").asText().equals("scan")) {
        scans.add(n);
      } else if (n.get("kind").asText().equals("run")) {
        run = n;
      }
    }
    assertThat(scans).hasSize(1);
    JsonNode scan = scans.get(0);
    assertThat(scan.get("src").asText()).isEqualTo(io.fathom.common.Ipv4.format(info.scannerIp()));
    assertThat(scan.get("tool").asText()).isEqualTo("fathom");
    assertThat(scan.get("shape").asText()).isEqualTo("block");
    assertThat(scan.get("ports_scope").asText()).isEqualTo("strobe");
    assertThat(scan.get("targets").asLong()).isEqualTo(1024);
    assertThat(scan.get("packets").asLong()).isEqualTo(3072);
    assertThat(run.get("statistics").get("kernel_drops").asLong()).isZero();
  }

  private static void exec(List<String> command) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).as(String.join(" ", command)).isZero();
  }

  private static long scannerTxPackets() throws IOException, InterruptedException {
    LabInfo info = lab.info();
    Process p = new ProcessBuilder(info.inScanner(List.of("cat",
        "/sys/class/net/" + info.scannerInterface() + "/statistics/tx_packets"))).start();
    String text = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor()).isZero();
    return Long.parseLong(text);
  }
}
