package io.fathom.systemtests.detect;

import static io.fathom.systemtests.detect.SyntheticCapture.SECOND;
import static io.fathom.systemtests.detect.SyntheticCapture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.capture.LinkTypes;
import io.fathom.capture.PcapWriter;
import io.fathom.capture.PcapngWriter;
import io.fathom.common.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code fathom detect} makes of damaged, unusual and several inputs: damage gives one warning line and
 * exit status 0 with everything before it still reported; what is not a capture at all is a usage error.
 */
class CaptureInputsTest {
  private static final String FIRST = "203.0.113.41";
  private static final String SECOND_SOURCE = "198.51.100.17";
  private static final int PROBES = 300;
  /** Link type 147, LINKTYPE_USER0: private use, which no reader knows. */
  private static final int USER0 = 147;

  @TempDir Path work;

  /** Two ZMap scans of 300 probes each, the second starting ten seconds after the first. */
  private static SyntheticCapture twoScans() {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 17);
    traffic.zmapModern(Ipv4.parse(FIRST), traffic.telescopeTargets(PROBES), 80, T0, 1000);
    traffic.zmapModern(Ipv4.parse(SECOND_SOURCE), traffic.telescopeTargets(PROBES), 22, T0 + 10 * SECOND, 1000);
    return capture;
  }

  @Test
  void captureCutMidRecordWarnsOnceAndKeepsEverythingBefore() throws Exception {
    Path whole = twoScans().writePcap(work.resolve("whole.pcap"));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(work.resolve("cut.pcap"), Arrays.copyOf(bytes, bytes.length - 20));

    DetectCli.Result result = DetectCli.detect(work, cut.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).hasSize(1);
    assertThat(result.warnings().getFirst()).contains("cut.pcap", "truncated record");
    assertThat(result.report().scanFrom(FIRST).path("packets").asLong()).isEqualTo(PROBES);
    assertThat(result.report().scanFrom(SECOND_SOURCE).path("packets").asLong()).isEqualTo(PROBES - 1);
  }

  @Test
  void timestampsOutOfOrderWarnOnceAndEveryPacketCounts() throws Exception {
    SyntheticCapture later = new SyntheticCapture();
    Traffic laterTraffic = new Traffic(later, 18);
    laterTraffic.zmapModern(Ipv4.parse(FIRST), laterTraffic.telescopeTargets(PROBES), 80, T0 + 60 * SECOND, 1000);
    SyntheticCapture earlier = new SyntheticCapture();
    Traffic earlierTraffic = new Traffic(earlier, 19);
    earlierTraffic.zmapModern(Ipv4.parse(SECOND_SOURCE), earlierTraffic.telescopeTargets(PROBES), 22, T0, 1000);
    Path first = later.writePcap(work.resolve("later.pcap"));
    Path second = earlier.writePcap(work.resolve("earlier.pcap"));

    DetectCli.Result result = DetectCli.detect(work, first.toString(), second.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).hasSize(1);
    assertThat(result.warnings().getFirst()).contains("out of order");
    assertThat(result.report().run().path("statistics").path("out_of_order").asLong()).isEqualTo(PROBES);
    assertThat(result.report().scanFrom(FIRST).path("packets").asLong()).isEqualTo(PROBES);
    assertThat(result.report().scanFrom(SECOND_SOURCE).path("packets").asLong()).isEqualTo(PROBES);
  }

  @Test
  void garbageAfterTheLastRecordWarnsOnceAndKeepsEveryRecord() throws Exception {
    Path file = twoScans().writePcap(work.resolve("garbage.pcap"));
    Files.write(file, "this is no pcap record, only text appended to the file\n".repeat(4)
        .getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);

    DetectCli.Result result = DetectCli.detect(work, file.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).hasSize(1);
    assertThat(result.warnings().getFirst()).contains("garbage.pcap");
    assertThat(result.report().scanFrom(FIRST).path("packets").asLong()).isEqualTo(PROBES);
    assertThat(result.report().scanFrom(SECOND_SOURCE).path("packets").asLong()).isEqualTo(PROBES);
  }

  @Test
  void unknownLinkTypeWarnsOnceAndOtherFilesStillCount() throws Exception {
    SyntheticCapture traffic = twoScans();
    Path good = traffic.writePcap(work.resolve("good.pcap"));
    Path odd = work.resolve("user0.pcap");
    try (PcapWriter out = PcapWriter.create(odd, USER0, 65535, false, false)) {
      for (SyntheticCapture.Packet p : traffic.inOrder()) {
        out.write(p.timeNanos(), p.frame(), 0, p.frame().length);
      }
    }

    DetectCli.Result result = DetectCli.detect(work, good.toString(), odd.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).as("once, not once per packet").hasSize(1);
    assertThat(result.warnings().getFirst()).contains("unknown link type " + USER0);
    DetectReport report = result.report();
    assertThat(report.scans()).hasSize(2);
    assertThat(report.scanFrom(FIRST).path("packets").asLong()).isEqualTo(PROBES);
    assertThat(report.run().path("statistics").path("unknown_link_type").asLong()).isEqualTo(2L * PROBES);
  }

  @Test
  void nanosecondPcapKeepsNanosecondTimes() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 9);
    traffic.zmapModern(Ipv4.parse(FIRST), traffic.telescopeTargets(PROBES), 443, T0 + 123, 999.997);
    Path file = capture.writePcap(work.resolve("nanos.pcap"), true, false);

    DetectCli.Result result = DetectCli.detect(work, file.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).isEmpty();
    JsonNode scan = result.report().scanFrom(FIRST);
    assertThat(scan.path("start").asText()).isEqualTo("2026-03-02T09:00:00.000000123Z");
    long lastNanos = 123 + (long) ((PROBES - 1) * 1e9 / 999.997);
    assertThat(scan.path("end").asText()).isEqualTo(Instant.ofEpochSecond(0, T0 + lastNanos).toString());
  }

  @Test
  void pcapngWithTwoInterfacesAndTwoSectionsReadsEveryPacket() throws Exception {
    List<SyntheticCapture.Packet> packets = twoScans().inOrder();
    Path file = work.resolve("multi.pcapng");
    try (PcapngWriter out = PcapngWriter.create(file, false)) {
      int ethernet = out.addInterface(LinkTypes.ETHERNET, 0, PcapngWriter.MICROSECONDS);
      int raw = out.addInterface(LinkTypes.RAW, 0, PcapngWriter.NANOSECONDS);
      for (int i = 0; i < packets.size(); i++) {
        if (i == packets.size() / 2) {
          out.newSection(); // numbering starts again, the other way round
          raw = out.addInterface(LinkTypes.RAW, 0, PcapngWriter.NANOSECONDS);
          ethernet = out.addInterface(LinkTypes.ETHERNET, 0, PcapngWriter.MICROSECONDS);
        }
        byte[] frame = packets.get(i).frame();
        if (i % 2 == 0) {
          out.write(ethernet, packets.get(i).timeNanos(), frame, 0, frame.length);
        } else {
          out.write(raw, packets.get(i).timeNanos(), frame, Frame.ETHERNET_HEADER, frame.length
              - Frame.ETHERNET_HEADER);
        }
      }
    }

    DetectCli.Result result = DetectCli.detect(work, file.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).isEmpty();
    assertThat(result.report().scanFrom(FIRST).path("packets").asLong()).isEqualTo(PROBES);
    assertThat(result.report().scanFrom(SECOND_SOURCE).path("packets").asLong()).isEqualTo(PROBES);
  }

  @Test
  void aFileThatIsNoCaptureIsAUsageErrorOfOneLine() throws Exception {
    Path text = Files.writeString(work.resolve("notes.txt"), "scan results, to be sorted\n");

    DetectCli.Result result = DetectCli.detect(work, text.toString());

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderrLines()).hasSize(1);
    assertThat(result.stderr()).contains("notes.txt", "not a pcap or pcapng capture");
  }

  @Test
  void severalFilesAndStandardInputAreReadInOrderAsOneStream() throws Exception {
    SyntheticCapture capture = new SyntheticCapture();
    Traffic traffic = new Traffic(capture, 3);
    traffic.zmapModern(Ipv4.parse(FIRST), traffic.telescopeTargets(PROBES), 80, T0, 1000);
    List<SyntheticCapture.Packet> packets = capture.inOrder();
    int third = PROBES / 3;
    Path first = part(packets.subList(0, third), work.resolve("part1.pcap"), false);
    Path middle = part(packets.subList(third, 2 * third), work.resolve("part2.pcap.gz"), true);
    Path last = part(packets.subList(2 * third, PROBES), work.resolve("part3.pcap"), false);

    DetectCli.Result result = DetectCli.detectWithInput(work, middle, first.toString(), "-", last.toString());

    assertThat(result.status()).as(result.describe()).isZero();
    assertThat(result.warnings()).isEmpty();
    DetectReport report = result.report();
    assertThat(report.scans()).as("one episode across the files").hasSize(1);
    assertThat(report.scanFrom(FIRST).path("packets").asLong()).isEqualTo(PROBES);
    assertThat(report.scanFrom(FIRST).path("targets").asLong()).isEqualTo(PROBES);
    assertThat(DetectReport.texts(report.run().path("provenance").path("inputs")))
        .containsExactly(first.toString(), "-", last.toString());
  }

  private static Path part(List<SyntheticCapture.Packet> packets, Path file, boolean gzip) throws IOException {
    try (PcapWriter out = PcapWriter.create(file, LinkTypes.ETHERNET, 65535, false, gzip)) {
      for (SyntheticCapture.Packet p : packets) {
        out.write(p.timeNanos(), p.frame(), 0, p.frame().length);
      }
    }
    return file;
  }
}
