package io.fathom.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameParserTest {
  private static final int US = Ipv4.parse("198.18.0.1");
  private static final int TARGET = Ipv4.parse("203.0.113.7");

  private final FrameParser parser = new FrameParser().verifyChecksums(true);
  private final SplittableRandom random = new SplittableRandom(99);

  @Test
  void parsesTheRealSynWithItsOwnChecksums() {
    MemorySegment frame = TestFrames.hex("525400123456 525400abcdef 0800" + ChecksumsTest.REAL_SYN_IP
        + ChecksumsTest.REAL_SYN_TCP);
    assertThat(parser.parse(frame, 0, (int) frame.byteSize())).isEqualTo(FrameParser.TCP);
    assertThat(parser.ethSource()).isEqualTo(0x5254_00AB_CDEFL);
    assertThat(parser.srcIp()).isEqualTo(Ipv4.parse("192.168.254.103"));
    assertThat(parser.dstIp()).isEqualTo(Ipv4.parse("192.168.254.107"));
    assertThat(new long[] {parser.ttl(), parser.ipId(), parser.flagsFragment(), parser.srcPort(), parser.dstPort(),
        parser.seq(), parser.ack(), parser.tcpFlags(), parser.window(), parser.tcpHeaderLength(),
        parser.payloadLength()})
        .containsExactly(64, 0x4867, 0x4000, 59058, 8888, 0x60A0_E96F, 0, TcpHeader.SYN, 0xFFFF, 40, 0);
    // One flipped bit anywhere in IP or TCP is caught when verifying, and ignored otherwise.
    for (int bit = 0; bit < 8 * 60; bit++) {
      MemorySegment copy = flipBit(frame, 14 * 8 + bit);
      int result = parser.parse(copy, 0, (int) copy.byteSize());
      assertThat(result).as("bit %d", bit).isNotEqualTo(FrameParser.TCP);
    }
    assertThat(new FrameParser().parse(flipBit(frame, 8 * 70), 0, 74)).isEqualTo(FrameParser.TCP);
  }

  @Test
  void acceptsTheAllOnesZeroChecksum() {
    MemorySegment frame = TestFrames.hex("525400123456 525400abcdef 0800" + ChecksumsTest.FFFF_SYN_IP
        + ChecksumsTest.FFFF_SYN_TCP);
    assertThat(parser.parse(frame, 0, 74)).isEqualTo(FrameParser.TCP);
  }

  @Test
  void synAckWithPayloadAndEthernetPadding() {
    byte[] options = TcpOptions.mss(1400);
    MemorySegment frame = TestFrames.tcpFrame(TARGET, US, 443, 40000, 77, 0x1234_5679, TcpHeader.SYN | TcpHeader.ACK,
        options, new byte[] {1, 2, 3});
    MemorySegment padded = MemorySegment.ofArray(new byte[(int) frame.byteSize() + 10]);
    MemorySegment.copy(frame, 0, padded, 0, frame.byteSize());
    assertThat(parser.parse(padded, 0, (int) padded.byteSize())).isEqualTo(FrameParser.TCP);
    assertThat(new long[] {parser.srcIp(), parser.dstIp(), parser.srcPort(), parser.dstPort(), parser.seq(),
        parser.ack(), parser.tcpFlags(), parser.payloadLength(), parser.payloadOffset(), parser.ttl()})
        .containsExactly(TARGET, US, 443, 40000, 77, 0x1234_5679, 0x12, 3, 14 + 20 + 24, 57);
    assertThat(padded.get(ValueLayout.JAVA_BYTE, parser.payloadOffset() + 2)).isEqualTo((byte) 3);
  }

  @Test
  void udpAndIcmpPortUnreachableQuotingIt() {
    MemorySegment probe = TestFrames.udpFrame(US, TARGET, 50000, 53, new byte[] {9, 9, 9, 9, 9});
    assertThat(parser.parse(probe, 0, (int) probe.byteSize())).isEqualTo(FrameParser.UDP);
    assertThat(new int[] {parser.srcPort(), parser.dstPort(), parser.payloadLength()}).containsExactly(50000, 53, 5);

    int router = Ipv4.parse("192.0.2.254");
    MemorySegment error = TestFrames.icmpErrorFrame(router, IcmpHeader.TYPE_DESTINATION_UNREACHABLE,
        IcmpHeader.CODE_PORT_UNREACHABLE, probe, 28);
    assertThat(parser.parse(error, 0, (int) error.byteSize())).isEqualTo(FrameParser.ICMP);
    assertThat(new long[] {parser.srcIp(), parser.type(), parser.code(), parser.innerSrcIp(), parser.innerDstIp(),
        parser.innerProtocol(), parser.innerSrcPort(), parser.innerDstPort(), parser.innerIpId(), parser.innerTtl()})
        .containsExactly(router, 3, 3, US, TARGET, 17, 50000, 53, 7, 64);
    assertThat(parser.hasInnerIp()).isTrue();
    assertThat(parser.hasInnerPorts()).isTrue();
  }

  @Test
  void icmpQuotingATcpProbeGivesItsSequence() {
    MemorySegment probe = TestFrames.tcpFrame(US, TARGET, 40001, 22, 0xCAFE_BABE, 0, TcpHeader.SYN,
        TcpOptions.mss(1460), new byte[0]);
    MemorySegment error = TestFrames.icmpErrorFrame(TARGET, IcmpHeader.TYPE_DESTINATION_UNREACHABLE,
        IcmpHeader.CODE_ADMIN_PROHIBITED, probe, 44);
    assertThat(parser.parse(error, 0, (int) error.byteSize())).isEqualTo(FrameParser.ICMP);
    assertThat(new long[] {parser.innerDstIp(), parser.innerProtocol(), parser.innerSrcPort(),
        parser.innerDstPort(), parser.innerSeq()}).containsExactly(TARGET, 6, 40001, 22, 0xCAFE_BABE);

    MemorySegment shortQuote = TestFrames.icmpErrorFrame(TARGET, IcmpHeader.TYPE_TIME_EXCEEDED, 0, probe, 24);
    assertThat(parser.parse(shortQuote, 0, (int) shortQuote.byteSize())).isEqualTo(FrameParser.ICMP);
    assertThat(parser.hasInnerIp()).isTrue();
    assertThat(parser.hasInnerPorts()).isFalse();
    assertThat(parser.innerSrcPort()).isZero();
  }

  @Test
  void echoReplyHasNoInnerHeader() {
    MemorySegment frame = MemorySegment.ofArray(new byte[14 + 20 + 12]);
    TestFrames.writeIp(frame, 1, 2, TARGET, US, Ipv4Header.PROTO_ICMP, 12, 60, 3);
    new IcmpHeader().wrap(frame, 34).type(IcmpHeader.TYPE_ECHO_REPLY).code(0).identifier(0x1234).sequence(7)
        .computeChecksum(12);
    assertThat(parser.parse(frame, 0, 46)).isEqualTo(FrameParser.ICMP);
    assertThat(new int[] {parser.type(), parser.icmpIdentifier(), parser.icmpSequence(), parser.payloadLength()})
        .containsExactly(0, 0x1234, 7, 4);
    assertThat(parser.hasInnerIp()).isFalse();
  }

  @Test
  void vlanTaggedFramesAreUnwrapped() {
    MemorySegment plain = TestFrames.tcpFrame(TARGET, US, 80, 40000, 1, 2, TcpHeader.RST, new byte[0], new byte[0]);
    byte[] tagged = new byte[(int) plain.byteSize() + 8];
    MemorySegment t = MemorySegment.ofArray(tagged);
    MemorySegment.copy(plain, 0, t, 0, 12);
    NetworkOrder.putU16(t, 12, EthernetHeader.ETHERTYPE_QINQ);
    NetworkOrder.putU16(t, 14, 100);
    NetworkOrder.putU16(t, 16, EthernetHeader.ETHERTYPE_VLAN);
    NetworkOrder.putU16(t, 18, 200);
    MemorySegment.copy(plain, 12, t, 20, plain.byteSize() - 12);
    assertThat(parser.parse(t, 0, tagged.length)).isEqualTo(FrameParser.TCP);
    assertThat(parser.tcpFlags()).isEqualTo(TcpHeader.RST);
    assertThat(parser.etherType()).isEqualTo(0x0800);
    assertThat(parser.parse(t, 0, 17)).isEqualTo(FrameParser.TRUNCATED);
  }

  @Test
  void eachMalformationHasItsCode() {
    MemorySegment good = TestFrames.tcpFrame(TARGET, US, 80, 40000, 1, 2, TcpHeader.SYN | TcpHeader.ACK,
        new byte[0], new byte[0]);
    int len = (int) good.byteSize();
    FrameParser lenient = new FrameParser();
    assertThat(lenient.parse(good, 0, 13)).isEqualTo(FrameParser.TRUNCATED);
    assertThat(lenient.parse(good, 0, 33)).isEqualTo(FrameParser.TRUNCATED);
    assertThat(lenient.parse(good, 0, 53)).isEqualTo(FrameParser.BAD_IP_HEADER); // total length beyond capture
    assertThat(lenient.parse(good, 0, -1)).isEqualTo(FrameParser.TRUNCATED);
    assertThat(lenient.parse(good, -1, len)).isEqualTo(FrameParser.TRUNCATED);
    assertThat(lenient.parse(good, 0, len + 100)).isEqualTo(FrameParser.TCP); // clamped to the segment
    assertThat(lenient.parse(with(good, 12, 0x86DD), 0, len)).isEqualTo(FrameParser.NOT_IP);
    assertThat(lenient.parse(withByte(good, 14, 0x65), 0, len)).isEqualTo(FrameParser.BAD_IP_HEADER);
    assertThat(lenient.parse(withByte(good, 14, 0x44), 0, len)).isEqualTo(FrameParser.BAD_IP_HEADER);
    assertThat(lenient.parse(with(good, 16, 19), 0, len)).isEqualTo(FrameParser.BAD_IP_HEADER);
    assertThat(lenient.parse(with(good, 20, Ipv4Header.FLAG_MF), 0, len)).isEqualTo(FrameParser.FRAGMENT);
    assertThat(lenient.parse(with(good, 20, 0x4001), 0, len)).isEqualTo(FrameParser.FRAGMENT);
    assertThat(lenient.srcIp()).isEqualTo(TARGET);
    assertThat(lenient.parse(with(good, 20, Ipv4Header.FLAG_DF), 0, len)).isEqualTo(FrameParser.TCP);
    assertThat(lenient.parse(withByte(good, 46, 0x40), 0, len)).isEqualTo(FrameParser.BAD_TCP_HEADER);
    assertThat(lenient.parse(withByte(good, 46, 0x60), 0, len)).isEqualTo(FrameParser.BAD_TCP_HEADER);
    assertThat(lenient.parse(with(good, 16, 39), 0, len)).isEqualTo(FrameParser.BAD_TCP_HEADER);
    assertThat(lenient.parse(withByte(good, 23, 47), 0, len)).isEqualTo(FrameParser.OTHER_IP);
    assertThat(lenient.protocol()).isEqualTo(47);
    assertThat(parser.parse(with(good, 50, 0x1234), 0, len)).isEqualTo(FrameParser.BAD_CHECKSUM);
    assertThat(parser.parse(with(good, 24, 0x1234), 0, len)).isEqualTo(FrameParser.BAD_CHECKSUM);

    MemorySegment udp = TestFrames.udpFrame(US, TARGET, 1, 2, new byte[4]);
    assertThat(lenient.parse(with(udp, 38, 7), 0, 46)).isEqualTo(FrameParser.BAD_UDP_HEADER);
    assertThat(lenient.parse(with(udp, 38, 13), 0, 46)).isEqualTo(FrameParser.BAD_UDP_HEADER);
    assertThat(parser.parse(with(udp, 40, 0), 0, 46)).isEqualTo(FrameParser.UDP); // no checksum sent
    assertThat(parser.parse(with(udp, 42, 1), 0, 46)).isEqualTo(FrameParser.BAD_CHECKSUM);
    MemorySegment icmp = MemorySegment.ofArray(new byte[14 + 20 + 4]);
    TestFrames.writeIp(icmp, 1, 2, TARGET, US, Ipv4Header.PROTO_ICMP, 4, 60, 3);
    assertThat(lenient.parse(icmp, 0, 38)).isEqualTo(FrameParser.BAD_ICMP_HEADER);
    assertThat(FrameParser.describe(FrameParser.BAD_CHECKSUM)).isEqualTo("BAD_CHECKSUM");
    assertThat(FrameParser.describe(99)).isEqualTo("UNKNOWN");
  }

  @Test
  void fieldsFromAnEarlierFrameDoNotLeakIntoTheNext() {
    MemorySegment tcp = TestFrames.tcpFrame(TARGET, US, 80, 40000, 1, 2, TcpHeader.SYN, new byte[0], new byte[0]);
    assertThat(parser.parse(tcp, 0, 54)).isEqualTo(FrameParser.TCP);
    assertThat(parser.parse(tcp, 0, 10)).isEqualTo(FrameParser.TRUNCATED);
    assertThat(parser.srcPort()).isZero();
    assertThat(parser.srcIp()).isZero();
    assertThat(parser.ethSource()).isZero();
  }

  /**
   * Random bytes, every truncation of valid frames and random corruptions: parsing never throws, and never reads
   * outside [offset, offset + length). The frame is parsed alone in an exact-size segment (a read past either
   * end would throw) and embedded at an offset between two different random fillings (a read outside would
   * change some decoded field).
   */
  @Test
  void fuzzNeverThrowsAndStaysInBounds() {
    List<MemorySegment> seeds = validFrames();
    FrameParser strict = new FrameParser().verifyChecksums(true);
    FrameParser lenient = new FrameParser();
    int[] seen = new int[16];
    for (MemorySegment seed : seeds) {
      for (int length = 0; length <= seed.byteSize(); length++) {
        byte[] bytes = TestFrames.bytes(seed, 0, length);
        seen[checkBounded(strict, bytes)]++;
        seen[checkBounded(lenient, bytes)]++;
      }
    }
    for (int i = 0; i < 30_000; i++) {
      byte[] bytes;
      if (i % 3 == 0) {
        bytes = TestFrames.randomBytes(random, random.nextInt(120));
        if (bytes.length > 14 && random.nextBoolean()) { // make deeper paths likely
          bytes[12] = 0x08;
          bytes[13] = (byte) (random.nextInt(4) == 0 ? 0x06 : 0x00);
          bytes[14] = (byte) (0x40 | random.nextInt(16));
        }
      } else {
        MemorySegment seed = seeds.get(random.nextInt(seeds.size()));
        bytes = TestFrames.bytes(seed, 0, (int) seed.byteSize());
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
          bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
        }
      }
      seen[checkBounded(i % 2 == 0 ? strict : lenient, bytes)]++;
    }
    // The corpus reaches the interesting outcomes, not only early rejections.
    for (int code : new int[] {FrameParser.TCP, FrameParser.UDP, FrameParser.ICMP, FrameParser.ARP,
        FrameParser.TRUNCATED, FrameParser.BAD_IP_HEADER, FrameParser.BAD_CHECKSUM, FrameParser.NOT_IP,
        FrameParser.BAD_TCP_HEADER, FrameParser.FRAGMENT, FrameParser.OTHER_IP}) {
      assertThat(seen[code]).as(FrameParser.describe(code)).isPositive();
    }
  }

  private int checkBounded(FrameParser p, byte[] bytes) {
    int result = p.parse(MemorySegment.ofArray(bytes), 0, bytes.length);
    assertThat(result).isBetween(1, 14);
    String alone = snapshot(p, result);

    int before = 1 + random.nextInt(9);
    int after = random.nextInt(9);
    String[] embedded = new String[2];
    for (int k = 0; k < 2; k++) {
      byte[] big = TestFrames.randomBytes(random, before + bytes.length + after);
      System.arraycopy(bytes, 0, big, before, bytes.length);
      int r = p.parse(MemorySegment.ofArray(big), before, bytes.length);
      embedded[k] = snapshot(p, r);
    }
    assertThat(embedded[0]).isEqualTo(embedded[1]);
    // Offsets are absolute, so compare after shifting them back: only the result and fields must agree.
    assertThat(strip(embedded[0])).isEqualTo(strip(alone));
    return result;
  }

  private static String strip(String snapshot) {
    return snapshot.substring(snapshot.indexOf('|'));
  }

  private static String snapshot(FrameParser p, int result) {
    return (p.l4Offset() == 0 ? 0 : 1) + "," + (p.payloadOffset() == 0 ? 0 : 1) + "|" + result + ","
        + p.ethSource() + "," + p.ethDestination() + "," + p.etherType() + "," + p.tos() + ","
        + p.ipTotalLength() + "," + p.ipHeaderLength() + "," + p.ipId() + "," + p.flagsFragment() + "," + p.ttl()
        + "," + p.protocol() + "," + p.srcIp() + "," + p.dstIp() + "," + p.srcPort() + "," + p.dstPort() + ","
        + p.seq() + "," + p.ack() + "," + p.tcpFlags() + "," + p.window() + "," + p.tcpHeaderLength() + ","
        + p.payloadLength() + "," + p.type() + "," + p.code() + "," + p.icmpIdentifier() + "," + p.icmpSequence()
        + "," + p.hasInnerIp() + "," + p.hasInnerPorts() + "," + p.innerSrcIp() + "," + p.innerDstIp() + ","
        + p.innerProtocol() + "," + p.innerIpId() + "," + p.innerTtl() + "," + p.innerSrcPort() + ","
        + p.innerDstPort() + "," + p.innerSeq() + "," + p.arpOp() + "," + p.arpSenderMac() + ","
        + p.arpSenderIp() + "," + p.arpTargetMac() + "," + p.arpTargetIp();
  }

  private List<MemorySegment> validFrames() {
    List<MemorySegment> frames = new ArrayList<>();
    frames.add(TestFrames.hex("525400123456 525400abcdef 0800" + ChecksumsTest.REAL_SYN_IP
        + ChecksumsTest.REAL_SYN_TCP));
    MemorySegment probe = TestFrames.tcpFrame(US, TARGET, 40001, 22, 5, 0, TcpHeader.SYN, TcpOptions.mss(1460),
        new byte[0]);
    frames.add(probe);
    frames.add(TestFrames.tcpFrame(TARGET, US, 22, 40001, 9, 6, 0x12, new byte[8], new byte[] {'S', 'S', 'H'}));
    MemorySegment udp = TestFrames.udpFrame(US, TARGET, 5353, 53, new byte[12]);
    frames.add(udp);
    frames.add(TestFrames.icmpErrorFrame(TARGET, 3, 3, udp, 28));
    frames.add(TestFrames.icmpErrorFrame(TARGET, 11, 0, probe, 40));
    MemorySegment arp = MemorySegment.ofArray(new byte[42]);
    ArpPacket.writeRequest(arp, 0, 0x0200_0000_0001L, US, TARGET);
    frames.add(arp);
    return frames;
  }

  private static MemorySegment flipBit(MemorySegment frame, int bit) {
    byte[] copy = frame.toArray(ValueLayout.JAVA_BYTE);
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return MemorySegment.ofArray(copy);
  }

  private static MemorySegment with(MemorySegment frame, int offset, int u16) {
    MemorySegment copy = MemorySegment.ofArray(frame.toArray(ValueLayout.JAVA_BYTE));
    NetworkOrder.putU16(copy, offset, u16);
    return copy;
  }

  private static MemorySegment withByte(MemorySegment frame, int offset, int u8) {
    MemorySegment copy = MemorySegment.ofArray(frame.toArray(ValueLayout.JAVA_BYTE));
    NetworkOrder.putU8(copy, offset, u8);
    return copy;
  }
}
