package io.fathom.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturesTest {
  @TempDir
  Path dir;

  private final List<String> lines = new ArrayList<>();
  private final CaptureWarnings warnings = new CaptureWarnings(lines::add);

  @Test
  void aFileThatIsNoCaptureIsAUsageError() throws IOException {
    Path text = Files.writeString(dir.resolve("x.txt"), "hello, this is text\n");
    assertThatThrownBy(() -> Captures.open(text, warnings)).isInstanceOf(UsageException.class)
        .hasMessage("'" + text + "' is not a pcap or pcapng capture");
    Path gzippedText = Files.write(dir.resolve("x.gz"), PcapRoundTripTest.gzip("hello, text".getBytes()));
    assertThatThrownBy(() -> Captures.open(gzippedText, warnings))
        .hasMessage("'" + gzippedText + "' is not a pcap or pcapng capture");
    assertThatThrownBy(() -> Captures.open(dir.resolve("missing.pcap"), warnings)).isInstanceOf(UsageException.class)
        .hasMessage("cannot open '" + dir.resolve("missing.pcap") + "': no such file");
    assertThatThrownBy(() -> Captures.open(dir, warnings)).isInstanceOf(UsageException.class)
        .hasMessage("'" + dir + "' is a directory, not a pcap or pcapng capture");
    assertThat(lines).isEmpty();
  }

  @Test
  void anEmptyFileHasNoPacketsAndOneWarning() throws IOException {
    Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
    try (CaptureReader reader = Captures.open(empty, warnings)) {
      assertThat(reader.next(new CaptureRecord())).isFalse();
      assertThat(reader.name()).isEqualTo(empty.toString());
    }
    assertThat(lines).containsExactly(empty + ": truncated file header at byte 0, no packets");
  }

  @Test
  void filesAreReadInOrderWithWarningsOncePerFile() throws IOException {
    Path a = dir.resolve("a.pcap");
    Path b = dir.resolve("b.pcapng.gz");
    Path c = dir.resolve("c.pcap");
    List<Packet> first = PcapRoundTripTest.writeRandom(a, false, false, 30, 1);
    List<Packet> third = PcapRoundTripTest.writeRandom(c, true, false, 20, 3);
    List<Packet> second = new ArrayList<>();
    try (PcapngWriter writer = PcapngWriter.create(b, true)) {
      writer.addInterface(LinkTypes.RAW, 0, PcapngWriter.NANOSECONDS);
      for (int i = 0; i < 10; i++) {
        byte[] packet = {0x45, (byte) i};
        writer.write(0, 1_000L * i, packet, 0, 2);
        second.add(new Packet(1_000L * i, 2, LinkTypes.RAW, 0, packet));
      }
    }
    // Cut the last record of a and c: each file warns once, and reading goes on with the next file.
    for (Path cut : List.of(a, c)) {
      byte[] bytes = Files.readAllBytes(cut);
      Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1));
    }
    List<Packet> expected = new ArrayList<>(first.subList(0, 29));
    expected.addAll(second);
    expected.addAll(third.subList(0, 19));

    List<Packet> read = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (CaptureReader reader = Captures.openAll(List.of(a, b, c), warnings)) {
      CaptureRecord record = new CaptureRecord();
      while (reader.next(record)) {
        read.add(Packet.of(record));
        names.add(reader.name());
      }
      assertThat(reader.packets()).isEqualTo(29 + 10 + 19);
    }
    assertThat(read).containsExactlyElementsOf(expected);
    assertThat(names.getFirst()).isEqualTo(a.toString());
    assertThat(names.get(29)).isEqualTo(b.toString());
    assertThat(names.getLast()).isEqualTo(c.toString());
    assertThat(lines).hasSize(2).allMatch(line -> line.endsWith(", stopping"));
    assertThat(lines.get(0)).startsWith(a + ": truncated record at byte ");
    assertThat(lines.get(1)).startsWith(c + ": truncated record at byte ");
    assertThat(warnings.count(CaptureProblem.TRUNCATED_RECORD)).isEqualTo(2);
  }

  @Test
  void openAllChecksEveryFileFirst() throws IOException {
    Path good = dir.resolve("good.pcap");
    PcapRoundTripTest.writeRandom(good, false, false, 3, 1);
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a capture");
    assertThatThrownBy(() -> Captures.openAll(List.of(good, text), warnings))
        .hasMessage("'" + text + "' is not a pcap or pcapng capture");
    try (CaptureReader none = Captures.openAll(List.of(), warnings)) {
      assertThat(none.next(new CaptureRecord())).isFalse();
      assertThat(none.packets()).isZero();
    }
  }

  @Test
  void aPipeGzippedOrNotIsReadThroughTheStreamEntryPoint() throws IOException {
    Path file = dir.resolve("p.pcap");
    List<Packet> expected = PcapRoundTripTest.writeRandom(file, true, false, 50, 9);
    byte[] plain = Files.readAllBytes(file);
    for (byte[] bytes : List.of(plain, PcapRoundTripTest.gzip(plain))) {
      Trickle pipe = new Trickle(bytes, 4, 100);
      try (CaptureReader reader = Captures.open(pipe, "stdin", warnings)) {
        assertThat(reader.name()).isEqualTo("stdin");
        List<Packet> read = new ArrayList<>();
        CaptureRecord record = new CaptureRecord();
        while (reader.next(record)) {
          read.add(Packet.of(record));
        }
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(reader.packets()).isEqualTo(50);
      }
      assertThat(pipe.closed).isTrue();
    }
    assertThatThrownBy(() -> Captures.open(new Trickle("GET / HTTP/1.1".getBytes(), 1, 3), "stdin", warnings))
        .isInstanceOf(UsageException.class).hasMessage("'stdin' is not a pcap or pcapng capture");
    assertThat(lines).isEmpty();
  }
}
