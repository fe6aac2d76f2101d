package io.fathom.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapRoundTripTest {
  private static final int SNAPLEN = 1500;

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"false,false", "true,false", "false,true", "true,true"})
  void writtenPacketsReadBackIdentically(boolean nanosecond, boolean gzip) throws IOException {
    Path file = dir.resolve(gzip ? "t.pcap.gz" : "t.pcap");
    List<Packet> expected = writeRandom(file, nanosecond, gzip, 300, 42);
    CaptureWarnings warnings = CaptureWarnings.silent();

    assertThat(Packet.readAll(Captures.open(file, warnings))).containsExactlyElementsOf(expected);
    byte[] bytes = Files.readAllBytes(file);
    assertThat(Trickle.readStreamed(bytes, warnings, 7)).containsExactlyElementsOf(expected);
    assertThat(Trickle.readWhole(bytes, warnings)).containsExactlyElementsOf(expected);
    assertThat(warnings.total()).isZero();
  }

  @Test
  void mappedRecordsPointIntoTheFileAndCountPackets() throws IOException {
    Path file = dir.resolve("m.pcap");
    List<Packet> expected = writeRandom(file, false, false, 20, 3);
    try (CaptureReader reader = Captures.open(file, CaptureWarnings.silent())) {
      CaptureRecord record = new CaptureRecord();
      long expectedOffset = 24;
      for (Packet packet : expected) {
        assertThat(reader.next(record)).isTrue();
        assertThat(record.offset()).isEqualTo(expectedOffset + 16);
        assertThat(record.segment().byteSize()).isEqualTo(Files.size(file));
        assertThat(record.capturedLength()).isEqualTo(packet.bytes().length);
        expectedOffset += 16 + packet.bytes().length;
      }
      assertThat(reader.next(record)).isFalse();
      assertThat(reader.next(record)).isFalse();
      assertThat(reader.packets()).isEqualTo(expected.size());
      assertThat(reader.name()).isEqualTo(file.toString());
    }
  }

  @Test
  void segmentVariantOfTheWriterWritesTheSameBytes() throws IOException {
    byte[] packet = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    ByteArrayOutputStream fromArray = new ByteArrayOutputStream();
    ByteArrayOutputStream fromSegment = new ByteArrayOutputStream();
    try (PcapWriter a = new PcapWriter(fromArray, LinkTypes.RAW, 4, true);
        PcapWriter b = new PcapWriter(fromSegment, LinkTypes.RAW, 4, true);
        Arena arena = Arena.ofConfined()) {
      a.write(5_000_000_123L, packet, 2, 6, 60);
      MemorySegment segment = arena.allocate(packet.length);
      segment.copyFrom(MemorySegment.ofArray(packet));
      b.write(5_000_000_123L, segment, 2, 6, 60);
    }
    assertThat(fromSegment.toByteArray()).isEqualTo(fromArray.toByteArray());
    List<Packet> read = Trickle.readWhole(fromArray.toByteArray(), CaptureWarnings.silent());
    assertThat(read).containsExactly(new Packet(5_000_000_123L, 60, LinkTypes.RAW, 0, new byte[] {3, 4, 5, 6}));
  }

  @ParameterizedTest
  @CsvSource({"BIG_ENDIAN,false", "BIG_ENDIAN,true", "LITTLE_ENDIAN,false", "LITTLE_ENDIAN,true"})
  void handWrittenFilesInEitherByteOrder(String orderName, boolean nanosecond) throws IOException {
    ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    int magic = nanosecond ? 0xa1b23c4d : 0xa1b2c3d4;
    byte[] a = {0x45, 0, 0, 20};
    byte[] b = {0x45, 1, 2, 3, 4, 5, 6};
    byte[] file = Bytes.concat(Bytes.pcapHeader(order, magic, 2, 4, 65535, LinkTypes.RAW),
        Bytes.pcapRecord(order, 0xfedc_ba98L, 999_999, a, 4),
        Bytes.pcapRecord(order, 1, 5, b, 1000));
    long scale = nanosecond ? 1 : 1000;
    List<Packet> expected = List.of(
        new Packet(0xfedc_ba98L * 1_000_000_000L + 999_999 * scale, 4, LinkTypes.RAW, 0, a),
        new Packet(1_000_000_000L + 5 * scale, 1000, LinkTypes.RAW, 0, b));
    assertThat(readMapped(file)).containsExactlyElementsOf(expected);
    assertThat(Trickle.readStreamed(file, CaptureWarnings.silent(), 1)).containsExactlyElementsOf(expected);
  }

  @Test
  void linkTypeFieldKeepsOnlyTheLowSixteenBits() throws IOException {
    int withFcsInfo = 0x1000_0000 | 0x0400_0000 | LinkTypes.ETHERNET;
    byte[] file = Bytes.concat(Bytes.pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 2, 4, 100, withFcsInfo),
        Bytes.pcapRecord(ByteOrder.LITTLE_ENDIAN, 1, 0, new byte[14], 14));
    assertThat(readMapped(file)).singleElement().extracting(Packet::linkType).isEqualTo(LinkTypes.ETHERNET);
  }

  @Test
  void oldVersionsWithSwappedLengthsAreReadRight() throws IOException {
    ByteOrder le = ByteOrder.LITTLE_ENDIAN;
    byte[] data = {1, 2, 3};
    // Pre-2.3 order: the original length first, then the captured length.
    byte[] record = new Bytes(le).i32(7).i32(0).i32(100).i32(3).raw(data).array();
    byte[] file = Bytes.concat(Bytes.pcapHeader(le, 0xa1b2c3d4, 2, 2, 65535, 1), record);
    assertThat(readMapped(file)).containsExactly(new Packet(7_000_000_000L, 100, 1, 0, data));
  }

  @Test
  void kuznetzovRecordsHaveEightMoreHeaderBytes() throws IOException {
    ByteOrder be = ByteOrder.BIG_ENDIAN;
    byte[] data = {9, 8, 7, 6, 5};
    byte[] record = new Bytes(be).i32(3).i32(250).i32(5).i32(5).i32(2).i16(0x0800).i8(0).i8(0).raw(data).array();
    byte[] file = Bytes.concat(Bytes.pcapHeader(be, 0xa1b2cd34, 2, 4, 65535, 1), record, record);
    Packet expected = new Packet(3_000_250_000L, 5, 1, 0, data);
    assertThat(readMapped(file)).containsExactly(expected, expected);
  }

  /** Writes {@code count} random packets (some longer than the snaplen, times out of order) and returns them. */
  static List<Packet> writeRandom(Path file, boolean nanosecond, boolean gzip, int count, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    List<Packet> expected = new ArrayList<>();
    try (PcapWriter writer = PcapWriter.create(file, LinkTypes.ETHERNET, SNAPLEN, nanosecond, gzip)) {
      for (int i = 0; i < count; i++) {
        byte[] packet = new byte[random.nextInt(2000)];
        random.nextBytes(packet);
        long ts = random.nextLong(0xffff_ffffL * 1_000_000_000L);
        int original = packet.length + (random.nextInt(4) == 0 ? random.nextInt(5000) : 0);
        writer.write(ts, packet, 0, packet.length, original);
        int captured = Math.min(packet.length, SNAPLEN);
        long stored = nanosecond ? ts : ts / 1000 * 1000;
        expected.add(new Packet(stored, original, LinkTypes.ETHERNET, 0, Arrays.copyOf(packet, captured)));
      }
    }
    return expected;
  }

  private List<Packet> readMapped(byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve("hand.pcap"), bytes);
    CaptureWarnings warnings = new CaptureWarnings(line -> {
      throw new AssertionError("unexpected warning: " + line);
    });
    return Packet.readAll(Captures.open(file, warnings));
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
