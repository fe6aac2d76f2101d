package io.fathom.systemtests.detect;

import static io.fathom.systemtests.detect.SyntheticCapture.SECOND;
import static io.fathom.systemtests.detect.SyntheticCapture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.common.Ipv4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher runs {@code fathom.jar} with the JVM's AOT cache that {@code scripts/aot-cache} records from a
 * training run (classes loaded and linked ahead of time, the JIT's profiles): a run from the cache uses it, and
 * finds what a run without it finds.
 */
class AotCacheTest {
  @TempDir Path work;

  @Test
  void aRunFromTheAotCacheUsesItAndReportsWhatARunWithoutItReports() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 483);
    traffic.zmapModern(Ipv4.parse("203.0.113.41"), traffic.telescopeTargets(400), 80, T0, 1500);
    traffic.mirai(Ipv4.parse("198.51.100.23"), traffic.telescopeTargets(300), T0, 200);
    traffic.backscatter(Ipv4.parse("192.0.2.80"), 500, T0, SECOND / 100);
    traffic.retransmittedSyns(Ipv4.parse("198.51.100.7"), traffic.telescopeTargets(3), 22, 3, T0);
    Path file = capture.writePcap(work.resolve("telescope.pcap"));
    Path cache = work.resolve("fathom.aot");
    Path log = work.resolve("aot.log");

    DetectCli.Result training = DetectCli.detectWithJvmOptions(work,
        List.of("-XX:AOTCacheOutput=" + cache), file.toString(), "--not-scans");
    assertThat(training.status()).as(training.describe()).isZero();
    assertThat(cache).as(training.describe()).isNotEmptyFile();

    DetectCli.Result cached = DetectCli.detectWithJvmOptions(work,
        List.of("-XX:AOTCache=" + cache, "-Xlog:aot=info:file=" + log), file.toString(), "--not-scans");
    DetectCli.Result plain = DetectCli.detect(work, file.toString(), "--not-scans");

    assertThat(cached.status()).as(cached.describe()).isZero();
    assertThat(plain.status()).as(plain.describe()).isZero();
    String aotLog = Files.readString(log);
    assertThat(aotLog).contains("Opened AOT cache").doesNotContain("[error");
    DetectReport fromCache = cached.report();
    DetectReport without = plain.report();
    assertThat(fromCache.scans()).hasSize(2);
    assertThat(fromCache.scans()).isEqualTo(without.scans());
    assertThat(fromCache.campaigns()).isEqualTo(without.campaigns());
    assertThat(fromCache.entities()).isEqualTo(without.entities());
    assertThat(fromCache.notScans()).isNotEmpty().isEqualTo(without.notScans());
    JsonNode statistics = fromCache.run().path("statistics");
    assertThat(statistics).isEqualTo(without.run().path("statistics"));
  }
}
