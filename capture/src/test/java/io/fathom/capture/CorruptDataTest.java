package io.fathom.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.UsageException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged captures: what is delivered, what is reported (once per kind, every time counted), where it stops. */
class CorruptDataTest {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
  private static final byte[] A = {0x45, 0, 0, 1};
  private static final byte[] B = {0x45, 0, 0, 2, 9, 9};

  @TempDir
  Path dir;

  private final List<String> lines = new ArrayList<>();
  private String m;
  private final CaptureWarnings warnings = new CaptureWarnings(lines::add);

  @Test
  void recordsLongerThanTheSnaplenAreReadWithOneWarning() throws IOException {
    byte[] big = new byte[100];
    byte[] file = Bytes.concat(Bytes.pcapHeader(LE, 0xa1b2c3d4, 2, 4, 64, 101),
        Bytes.pcapRecord(LE, 1, 0, big, 100), Bytes.pcapRecord(LE, 2, 0, A, 4),
        Bytes.pcapRecord(LE, 3, 0, big, 100), Bytes.pcapRecord(LE, 4, 0, big, 100));
    assertThat(readBothWays(file)).extracting(p -> p.bytes().length)
        .containsExactly(100, 4, 100, 100, 100, 4, 100, 100);
    assertThat(lines).containsExactly(m + ": captured length exceeds the snapshot length at byte 24, reading it anyway",
        "trickle: captured length exceeds the snapshot length at byte 24, reading it anyway");
    assertThat(warnings.count(CaptureProblem.EXCEEDS_SNAPLEN)).isEqualTo(6);
  }

  @Test
  void aRecordLongerThanTheFileEndsIt() throws IOException {
    byte[] cut = new Bytes(LE).i32(5).i32(0).i32(1000).i32(1000).raw(new byte[10]).array();
    byte[] file = Bytes.concat(Bytes.pcapHeader(LE, 0xa1b2c3d4, 2, 4, 65535, 101),
        Bytes.pcapRecord(LE, 1, 0, A, 4), cut);
    assertThat(readBothWays(file)).extracting(Packet::bytes).containsExactly(A, A);
    assertThat(lines).containsExactly(m + ": truncated record at byte 44, stopping",
        "trickle: truncated record at byte 44, stopping");
  }

  @Test
  void anImpossibleLengthEndsAPcapFile() throws IOException {
    byte[] corrupt = new Bytes(BE).i32(5).i32(0).i32(0x7fff_0000).i32(60).raw(B).array();
    byte[] file = Bytes.concat(Bytes.pcapHeader(BE, 0xa1b2c3d4, 2, 4, 65535, 1),
        Bytes.pcapRecord(BE, 1, 0, A, 4), corrupt, Bytes.pcapRecord(BE, 1, 0, B, 6));
    assertThat(readBothWays(file)).extracting(Packet::bytes).containsExactly(A, A);
    assertThat(lines).containsExactly(m + ": corrupt record length at byte 44, stopping",
        "trickle: corrupt record length at byte 44, stopping");
  }

  @Test
  void anOriginalLengthBelowTheCapturedOneIsRaised() throws IOException {
    byte[] file = Bytes.concat(Bytes.pcapHeader(LE, 0xa1b2c3d4, 2, 4, 65535, 1), Bytes.pcapRecord(LE, 1, 0, B, 2));
    assertThat(readBothWays(file)).extracting(Packet::originalLength).containsExactly(6, 6);
    assertThat(warnings.count(CaptureProblem.ORIGINAL_BELOW_CAPTURED)).isEqualTo(2);
  }

  @Test
  void hugeBlockLengthsStopOrSkip() throws IOException {
    byte[] start = Bytes.concat(Bytes.sectionHeader(LE), Bytes.interfaceBlock(LE, 1, 0),
        Bytes.enhancedPacket(LE, 0, 1, A, 4));
    byte[] hugeUnknown = new Bytes(LE).i32(0x999).i32(0xffff_fff0L).raw(new byte[40]).array();
    assertThat(readBothWays(Bytes.concat(start, hugeUnknown))).extracting(Packet::bytes).containsExactly(A, A);
    assertThat(lines).containsExactly(m + ": truncated record at byte 84, stopping",
        "trickle: truncated record at byte 84, stopping");

    lines.clear();
    int large = PcapReader.MAX_CAPTURED + (1 << 17);
    byte[] largeUnknown = Bytes.block(LE, 0x999, new byte[large]);
    byte[] largePacket = Bytes.enhancedPacket(LE, 0, 2, new byte[large], large);
    byte[] file = Bytes.concat(start, largeUnknown, largePacket, Bytes.enhancedPacket(LE, 0, 3, B, 6));
    assertThat(Packet.readAll(Captures.open(Files.write(dir.resolve("big"), file), warnings)))
        .extracting(Packet::bytes).containsExactly(A, B);
    assertThat(Trickle.readWhole(file, warnings)).extracting(Packet::bytes).containsExactly(A, B);
    assertThat(lines).containsExactly(dir.resolve("big") + ": block larger than any packet at byte " + (84 + 12 + large)
        + ", skipping it", "stream: block larger than any packet at byte " + (84 + 12 + large) + ", skipping it");
  }

  @Test
  void insaneBlockLengthsStopPcapng() throws IOException {
    byte[] start = Bytes.concat(Bytes.sectionHeader(BE), Bytes.interfaceBlock(BE, 1, 0),
        Bytes.enhancedPacket(BE, 0, 1, A, 4));
    byte[] tail = Bytes.enhancedPacket(BE, 0, 1, B, 6);
    byte[] notMultipleOf4 = new Bytes(BE).i32(0x999).i32(14).i32(0).i16(0).i32(14).array();
    byte[] tooShort = new Bytes(BE).i32(0x999).i32(8).array();
    byte[] mismatch = new Bytes(BE).i32(0x999).i32(16).i32(0).i32(20).array();
    for (byte[] bad : List.of(notMultipleOf4, tooShort, mismatch)) {
      lines.clear();
      assertThat(readBothWays(Bytes.concat(start, bad, tail))).extracting(Packet::bytes).containsExactly(A, A);
      assertThat(lines).containsExactly(m + ": corrupt block length at byte 84, stopping",
          "trickle: corrupt block length at byte 84, stopping");
    }
  }

  @Test
  void badPacketBlocksAreSkipped() throws IOException {
    byte[] capTooBig = new Bytes(LE).i32(6).i32(36).i32(0).i32(0).i32(0).i32(50).i32(50).i32(0).i32(36).array();
    byte[] file = Bytes.concat(Bytes.sectionHeader(LE), Bytes.interfaceBlock(LE, 1, 0),
        capTooBig, Bytes.enhancedPacket(LE, 3, 1, A, 4), Bytes.enhancedPacket(LE, -1, 1, A, 4),
        Bytes.block(LE, 6, new byte[4]), Bytes.enhancedPacket(LE, 0, 1, B, 6));
    assertThat(readBothWays(file)).extracting(Packet::bytes).containsExactly(B, B);
    assertThat(lines).containsExactly(m + ": packet larger than its block at byte 48, skipping it",
        m + ": packet for an undeclared interface at byte 84, skipping it",
        "trickle: packet larger than its block at byte 48, skipping it",
        "trickle: packet for an undeclared interface at byte 84, skipping it");
    assertThat(warnings.count(CaptureProblem.UNKNOWN_INTERFACE)).isEqualTo(4);
    assertThat(warnings.count(CaptureProblem.BAD_PACKET_BLOCK)).isEqualTo(4);
  }

  @Test
  void badSectionHeadersStop() throws IOException {
    byte[] start = Bytes.concat(Bytes.sectionHeader(LE), Bytes.interfaceBlock(LE, 1, 0),
        Bytes.enhancedPacket(LE, 0, 1, A, 4));
    byte[] badOrder = Bytes.block(LE, 0x0a0d0d0a, new Bytes(LE).i32(0x11223344).i16(1).i16(0).i64(-1).array());
    byte[] version2 = Bytes.block(LE, 0x0a0d0d0a, new Bytes(LE).i32(0x1a2b3c4d).i16(2).i16(0).i64(-1).array());
    for (byte[] bad : List.of(badOrder, version2)) {
      lines.clear();
      assertThat(readBothWays(Bytes.concat(start, bad, start))).extracting(Packet::bytes).containsExactly(A, A);
      assertThat(lines).containsExactly(m + ": unsupported or corrupt section header at byte 84, stopping",
          "trickle: unsupported or corrupt section header at byte 84, stopping");
    }
  }

  @Test
  void aMalformedOptionLeavesTheInterfaceWithDefaults() throws IOException {
    byte[] overlong = new Bytes(BE).i16(9).i16(200).i32(0).array();
    byte[] file = Bytes.concat(Bytes.sectionHeader(BE), Bytes.interfaceBlock(BE, 1, 0, overlong),
        Bytes.enhancedPacket(BE, 0, 5_000_000, A, 4));
    assertThat(readBothWays(file)).extracting(Packet::timestampNanos).containsExactly(5_000_000_000L,
        5_000_000_000L);
    assertThat(warnings.count(CaptureProblem.BAD_OPTION)).isEqualTo(2);
  }

  @Test
  void garbageNeverThrowsAndReadsTheSameMappedOrStreamed() throws IOException {
    SplittableRandom random = new SplittableRandom(2024);
    byte[] pcap = Bytes.concat(Bytes.pcapHeader(LE, 0xa1b2c3d4, 2, 4, 300, 1), Bytes.pcapRecord(LE, 1, 2, A, 4),
        Bytes.pcapRecord(LE, 3, 4, B, 6), Bytes.pcapRecord(LE, 5, 6, A, 4));
    byte[] pcapng = Bytes.concat(Bytes.sectionHeader(BE),
        Bytes.interfaceBlock(BE, 1, 0, Bytes.option(BE, 9, new byte[] {(byte) 0x8a})),
        Bytes.enhancedPacket(BE, 0, 1, A, 4), Bytes.simplePacket(BE, 6, B), Bytes.obsoletePacket(BE, 0, 9, A, 4),
        Bytes.sectionHeader(LE), Bytes.interfaceBlock(LE, 0, 0), Bytes.enhancedPacket(LE, 0, 1, B, 6));
    for (int i = 0; i < 400; i++) {
      byte[] data = switch (i % 4) {
        case 0 -> randomBytes(random, random.nextInt(200));
        case 1 -> Bytes.concat(Arrays.copyOf(pcap, 24), randomBytes(random, random.nextInt(200)));
        case 2 -> mutate(pcap, random);
        default -> mutate(pcapng, random);
      };
      String mapped = outcome(() -> Packet.readAll(Captures.open(Files.write(dir.resolve("g"), data), warnings)));
      String streamed = outcome(() -> Trickle.readStreamed(data, warnings, data.length));
      assertThat(streamed).as("case %d", i).isEqualTo(mapped);
    }
    assertThat(warnings.total()).isPositive();
  }

  /** The packets read, or the usage error: anything else thrown fails the test. */
  private static String outcome(IoSupplier<List<Packet>> read) throws IOException {
    try {
      return read.get().toString();
    } catch (UsageException e) {
      return "usage error";
    }
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static byte[] mutate(byte[] valid, SplittableRandom random) {
    byte[] copy = valid.clone();
    int flips = 1 + random.nextInt(6);
    for (int f = 0; f < flips; f++) {
      int at = random.nextInt(copy.length);
      copy[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (copy[at] ^ 0x80);
    }
    return random.nextInt(4) == 0 ? Arrays.copyOf(copy, random.nextInt(copy.length)) : copy;
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Reads {@code file} mapped (named "m") and streamed (named "trickle"); returns both lists, one after the other. */
  private List<Packet> readBothWays(byte[] file) throws IOException {
    m = dir.resolve("m").toString();
    List<Packet> all = new ArrayList<>(Packet.readAll(Captures.open(Files.write(dir.resolve("m"), file), warnings)));
    all.addAll(Trickle.readStreamed(file, warnings, 9));
    return all;
  }
}
