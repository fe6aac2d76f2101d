package io.fathom.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
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

class PcapngRoundTripTest {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"LITTLE_ENDIAN,false", "BIG_ENDIAN,false", "LITTLE_ENDIAN,true", "BIG_ENDIAN,true"})
  void sectionsAndInterfacesWithTheirOwnLinkTypesAndResolutions(String orderName, boolean gzip) throws IOException {
    ByteOrder order = orderName.equals("BIG_ENDIAN") ? BE : LE;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes;
    List<Packet> expected = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(11);
    try (PcapngWriter writer = new PcapngWriter(out, order)) {
      int[][] sections = {
          {LinkTypes.ETHERNET, PcapngWriter.MICROSECONDS, LinkTypes.RAW, PcapngWriter.NANOSECONDS,
              LinkTypes.LINUX_SLL2, PcapngWriter.BINARY | 10},
          {LinkTypes.NULL, PcapngWriter.BINARY | 20, LinkTypes.IPV4, 3},
          {4242, PcapngWriter.NANOSECONDS}};
      for (int s = 0; s < sections.length; s++) {
        if (s > 0) {
          writer.newSection();
        }
        int[] interfaces = sections[s];
        for (int i = 0; i < interfaces.length; i += 2) {
          assertThat(writer.addInterface(interfaces[i], 1000, interfaces[i + 1])).isEqualTo(i / 2);
        }
        for (int n = 0; n < 60; n++) {
          int id = random.nextInt(interfaces.length / 2);
          byte[] packet = new byte[random.nextInt(1200)];
          random.nextBytes(packet);
          long ts = random.nextLong(4_000_000_000L * 1_000_000_000L);
          writer.write(id, ts, packet, 0, packet.length);
          long stored = quantized(ts, interfaces[2 * id + 1]);
          byte[] captured = Arrays.copyOf(packet, Math.min(packet.length, 1000));
          expected.add(new Packet(stored, packet.length, interfaces[2 * id], id, captured));
        }
      }
    }
    byte[] file = bytes.toByteArray();
    CaptureWarnings warnings = CaptureWarnings.silent();
    assertThat(readMapped(file, warnings)).containsExactlyElementsOf(expected);
    assertThat(Trickle.readStreamed(file, warnings, 5)).containsExactlyElementsOf(expected);
    assertThat(warnings.total()).isZero();
  }

  @Test
  void createdFilesAreLittleEndianAndGzipWhenAsked() throws IOException {
    Path file = dir.resolve("c.pcapng.gz");
    try (PcapngWriter writer = PcapngWriter.create(file, true)) {
      writer.addInterface(LinkTypes.ETHERNET, 0, PcapngWriter.NANOSECONDS);
      writer.write(0, 123_456_789_012L, new byte[] {1, 2, 3}, 0, 3, 64);
    }
    byte[] head = Files.readAllBytes(file);
    assertThat(head[0] & 0xff).isEqualTo(0x1f);
    assertThat(Packet.readAll(Captures.open(file, CaptureWarnings.silent())))
        .containsExactly(new Packet(123_456_789_012L, 64, LinkTypes.ETHERNET, 0, new byte[] {1, 2, 3}));
  }

  @ParameterizedTest
  @CsvSource({"LITTLE_ENDIAN", "BIG_ENDIAN"})
  void handWrittenBlocksOfEveryPacketKindAndSkippedOnes(String orderName) throws IOException {
    ByteOrder o = orderName.equals("BIG_ENDIAN") ? BE : LE;
    byte[] a = {0x45, 1, 2, 3, 4};
    byte[] b = {0x45, 9};
    byte[] shbWithOption = Bytes.block(o, 0x0a0d0d0a, new Bytes(o).i32(0x1a2b3c4d).i16(1).i16(0).i64(-1)
        .raw(Bytes.option(o, 4, "a comment".getBytes())).i32(0).array());
    byte[] tsresolNano = Bytes.option(o, 9, new byte[] {9});
    byte[] tsoffset = Bytes.option(o, 14, new Bytes(o).i64(100).array());
    byte[] name = Bytes.option(o, 2, "eth0".getBytes());
    byte[] file = Bytes.concat(
        shbWithOption,
        Bytes.block(o, 0x40000bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
        Bytes.interfaceBlock(o, LinkTypes.RAW, 4, name, tsresolNano, tsoffset),
        Bytes.interfaceBlock(o, LinkTypes.ETHERNET, 0),
        Bytes.enhancedPacket(o, 0, 7_000_000_001L, Arrays.copyOf(a, 4), 5),
        Bytes.block(o, 5, new byte[20]),
        Bytes.block(o, 0x1234_5678, new byte[3]),
        Bytes.simplePacket(o, a.length, a),
        Bytes.obsoletePacket(o, 1, 2_000_003L, b, 2),
        Bytes.block(o, 4, new byte[8]),
        Bytes.sectionHeader(o),
        Bytes.interfaceBlock(o, LinkTypes.LOOP, 0),
        Bytes.simplePacket(o, 2, b),
        Bytes.enhancedPacket(o, 0, 1_500_000L, b, 2));
    long first = 107_000_000_001L;
    List<Packet> expected = List.of(
        new Packet(first, 5, LinkTypes.RAW, 0, Arrays.copyOf(a, 4)),
        new Packet(first, 5, LinkTypes.RAW, 0, Arrays.copyOf(a, 4)),
        new Packet(2_000_003_000L, 2, LinkTypes.ETHERNET, 1, b),
        new Packet(2_000_003_000L, 2, LinkTypes.LOOP, 0, b),
        new Packet(1_500_000_000L, 2, LinkTypes.LOOP, 0, b));
    CaptureWarnings warnings = CaptureWarnings.silent();
    assertThat(readMapped(file, warnings)).containsExactlyElementsOf(expected);
    assertThat(Trickle.readStreamed(file, warnings, 3)).containsExactlyElementsOf(expected);
    assertThat(warnings.total()).isZero();
  }

  @Test
  void binaryResolutionsConvertExactly() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      long units = random.nextLong() >>> random.nextInt(64);
      int shift = random.nextInt(128);
      BigInteger exact = new BigInteger(Long.toUnsignedString(units)).multiply(BigInteger.valueOf(1_000_000_000L))
          .shiftRight(shift);
      if (exact.bitLength() < 64) {
        assertThat(PcapngInterfaces.shiftToNanos(units, shift)).as("%d >> %d", units, shift)
            .isEqualTo(exact.longValue());
      }
    }
  }

  @Test
  void decimalResolutionsFromSecondsToAttoseconds() {
    PcapngInterfaces interfaces = new PcapngInterfaces();
    for (int exponent = 0; exponent <= 18; exponent++) {
      interfaces.add(1, 0, exponent, 0);
    }
    interfaces.add(1, 0, 30, 0);
    // 2^64 attoseconds is only 18 s: the format cannot hold present-day times at the finest resolutions.
    long ns = 5_123_456_789L;
    for (int exponent = 0; exponent <= 18; exponent++) {
      long units = PcapngWriter.units(ns, exponent);
      assertThat(interfaces.nanos(exponent, units)).as("10^-%d", exponent).isEqualTo(quantized(ns, exponent));
    }
    assertThat(interfaces.nanos(19, 12345)).isZero();
  }

  /** The timestamp after a trip through {@code tsresol} units, computed exactly. */
  static long quantized(long ns, int tsresol) {
    BigInteger perSecond = (tsresol & 0x80) != 0 ? BigInteger.ONE.shiftLeft(tsresol & 0x7f)
        : BigInteger.TEN.pow(tsresol);
    BigInteger billion = BigInteger.valueOf(1_000_000_000L);
    BigInteger units = BigInteger.valueOf(ns).multiply(perSecond).divide(billion);
    return units.multiply(billion).divide(perSecond).longValueExact();
  }

  private List<Packet> readMapped(byte[] bytes, CaptureWarnings warnings) throws IOException {
    Path file = Files.write(dir.resolve("hand.pcapng"), bytes);
    return Packet.readAll(Captures.open(file, warnings));
  }
}
