package io.fathom.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files many times larger than the mapping window, read through windows of every small size, so records and
 * blocks straddle a window's end at every offset of their headers and bodies: every packet and every warning
 * (with its byte offset) is the same as the streamed reader's, and no window is mapped larger than needed.
 */
class MappedWindowTest {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
  /**
   * Every window up to 64 bytes, then every 7th up to a little more than the largest record (sizes that do not
   * divide the records' spacing, so windows end at every offset in them), then larger ones, the last above the file.
   */
  private static final long[] WINDOWS = LongStream.concat(
      LongStream.concat(LongStream.rangeClosed(1, 64), LongStream.iterate(65, w -> w <= 345, w -> w + 7)),
      LongStream.of(509, 512, 1000, 1024, 4093, 4096, 8191, 1 << 20)).toArray();
  /** For files cut short: the end of the data may also lie anywhere in a window. */
  private static final long[] SOME_WINDOWS = {1, 5, 16, 17, 23, 64, 100, 333, 4096, 1 << 20};

  @TempDir
  Path dir;

  @Test
  void pcapLargerThanTheWindowReadsTheSameAsStreamed() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    List<byte[]> parts = new ArrayList<>();
    parts.add(Bytes.pcapHeader(LE, PcapReader.MAGIC_NANO, 2, 4, 200, LinkTypes.ETHERNET));
    for (int i = 0; i < 200; i++) {
      byte[] data = bytes(random, (i * 37) % 301);
      // Some records beyond the snapshot length, some with an original length below the captured one.
      int original = i % 50 == 7 ? data.length / 2 : data.length + i % 3;
      parts.add(Bytes.pcapRecord(LE, 1_700_000_000L + i, i * 1000L, data, original));
    }
    byte[] whole = Bytes.concat(parts.toArray(byte[][]::new));
    check(whole, "pcap", WINDOWS);
    // Cut in the last record's body, then in its header: a truncated record, at its offset.
    check(Arrays.copyOf(whole, whole.length - 5), "pcap cut in a body", SOME_WINDOWS);
    int lastRecord = whole.length - parts.getLast().length;
    check(Arrays.copyOf(whole, lastRecord + 9), "pcap cut in a header", SOME_WINDOWS);
  }

  /** Files of many read-ahead spans, through windows smaller, near and larger than one: the same packets. */
  @Test
  void readingAheadAcrossWindowsChangesNothing() throws IOException {
    SplittableRandom random = new SplittableRandom(13);
    List<byte[]> parts = new ArrayList<>();
    parts.add(Bytes.pcapHeader(LE, PcapReader.MAGIC_MICRO, 2, 4, 65535, LinkTypes.ETHERNET));
    while (parts.stream().mapToLong(p -> p.length).sum() < 10 * ByteSource.READ_AHEAD) {
      byte[] data = bytes(random, 40 + random.nextInt(160));
      parts.add(Bytes.pcapRecord(LE, 1_700_000_000L + parts.size(), 0, data, data.length));
    }
    long[] windows = {333, 4096, ByteSource.READ_AHEAD / 2 + 1, ByteSource.READ_AHEAD, ByteSource.READ_AHEAD + 77,
        3 * ByteSource.READ_AHEAD, 1 << 20};
    check(Bytes.concat(parts.toArray(byte[][]::new)), "pcap", windows);
  }

  @Test
  void pcapngLargerThanTheWindowReadsTheSameAsStreamed() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    List<byte[]> blocks = new ArrayList<>();
    for (ByteOrder order : new ByteOrder[] {BE, LE}) {
      // A section header with a long comment, skipped by its length, past the window's end.
      blocks.add(Bytes.block(order, PcapngReader.SECTION_HEADER, new Bytes(order).i32(PcapngReader.BYTE_ORDER_MAGIC)
          .i16(1).i16(0).i64(-1).raw(Bytes.option(order, 1, bytes(random, 150))).i32(0).array()));
      blocks.add(Bytes.interfaceBlock(order, LinkTypes.ETHERNET, 180, Bytes.option(order, 9, new byte[] {9})));
      blocks.add(Bytes.interfaceBlock(order, LinkTypes.RAW, 0));
      for (int i = 0; i < 100; i++) {
        byte[] data = bytes(random, (i * 41) % 257);
        blocks.add(switch (i % 7) {
          case 3 -> Bytes.simplePacket(order, data.length + 1, data);
          case 4 -> Bytes.obsoletePacket(order, 1, i * 977L, data, data.length);
          case 5 -> Bytes.block(order, 0x0bad, data);
          case 6 -> Bytes.enhancedPacket(order, 2, i, data, data.length); // no such interface: skipped
          default -> Bytes.enhancedPacket(order, i % 2, i * 1_000_003L, data, i % 40 == 0 ? 1 : data.length);
        });
      }
    }
    byte[] whole = Bytes.concat(blocks.toArray(byte[][]::new));
    check(whole, "pcapng", WINDOWS);
    check(Arrays.copyOf(whole, whole.length - 3), "pcapng cut", SOME_WINDOWS);
  }

  @Test
  void oversizedBlocksAreSkippedWithoutMappingThem() throws IOException {
    int large = PcapReader.MAX_CAPTURED + (1 << 17);
    byte[] file = Bytes.concat(Bytes.sectionHeader(LE), Bytes.interfaceBlock(LE, 1, 0),
        Bytes.enhancedPacket(LE, 0, 1, new byte[] {1, 2, 3}, 3), Bytes.block(LE, 0x999, new byte[large]),
        Bytes.interfaceBlock(LE, 1, 0, Bytes.option(LE, 1, new byte[large])),
        Bytes.enhancedPacket(LE, 1, 2, new byte[] {4, 5}, 2));
    Path path = Files.write(dir.resolve("big.pcapng"), file);
    for (long window : new long[] {13, 4096}) {
      List<String> mappedLines = new ArrayList<>();
      List<String> streamedLines = new ArrayList<>();
      List<Packet> mapped = readMapped(path, window, new CaptureWarnings(mappedLines::add));
      List<Packet> streamed = Trickle.readWhole(file, new CaptureWarnings(streamedLines::add));
      assertThat(mapped).hasSize(2).isEqualTo(streamed);
      assertThat(unnamed(mappedLines, path.toString())).hasSize(1).isEqualTo(unnamed(streamedLines, "stream"));
    }
  }

  /** Reads {@code file} through each of {@code windows} and streamed: the same packets and the same warnings. */
  private void check(byte[] file, String what, long[] windows) throws IOException {
    Path path = Files.write(dir.resolve("capture"), file);
    List<String> streamedLines = new ArrayList<>();
    List<Packet> streamed = Trickle.readWhole(file, new CaptureWarnings(streamedLines::add));
    assertThat(streamed).as(what).hasSizeGreaterThan(100);
    List<String> expectedLines = unnamed(streamedLines, "stream");
    for (long window : windows) {
      List<String> lines = new ArrayList<>();
      List<Packet> mapped = readMapped(path, window, new CaptureWarnings(lines::add));
      assertThat(mapped).as("%s, window %d", what, window).isEqualTo(streamed);
      assertThat(unnamed(lines, path.toString())).as("%s, window %d", what, window).isEqualTo(expectedLines);
    }
  }

  /** Reads all of {@code path} mapped {@code window} bytes at a time, checking no mapping exceeds what it needs. */
  private static List<Packet> readMapped(Path path, long window, CaptureWarnings warnings) {
    List<Packet> packets = new ArrayList<>();
    try (CaptureReader reader = Captures.open(path, warnings, window)) {
      CaptureRecord record = new CaptureRecord();
      while (reader.next(record)) {
        packets.add(Packet.of(record));
        // A window is its own size, or one record's when that is longer: its header, trailer and (a simple
        // packet block cut to the snapshot length) what was cut.
        assertThat(record.segment().byteSize()).isLessThanOrEqualTo(Math.max(window, record.capturedLength() + 128L));
      }
    }
    return packets;
  }

  private static List<String> unnamed(List<String> lines, String name) {
    return IntStream.range(0, lines.size()).mapToObj(i -> {
      assertThat(lines.get(i)).startsWith(name + ": ");
      return lines.get(i).substring(name.length() + 2);
    }).toList();
  }

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
