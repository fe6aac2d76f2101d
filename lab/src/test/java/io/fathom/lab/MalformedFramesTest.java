package io.fathom.lab;

import static io.fathom.packet.FrameParser.BAD_CHECKSUM;
import static io.fathom.packet.FrameParser.BAD_IP_HEADER;
import static io.fathom.packet.FrameParser.BAD_TCP_HEADER;
import static io.fathom.packet.FrameParser.FRAGMENT;
import static io.fathom.packet.FrameParser.TCP;
import static io.fathom.packet.FrameParser.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.lab.Flooder.Defect;
import io.fathom.packet.Checksums;
import io.fathom.packet.EthernetHeader;
import io.fathom.packet.FrameParser;
import io.fathom.packet.Ipv4Header;
import io.fathom.packet.NetworkOrder;
import io.fathom.packet.TcpHeader;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each defect makes FrameParser reject the frame for exactly the intended reason, and only for it. */
class MalformedFramesTest {
  private static final int FRAMES_PER_DEFECT = 500;
  /** The verdict with checksums verified, then without. */
  private static final Map<Defect, int[]> VERDICTS = new EnumMap<>(Map.ofEntries(
      Map.entry(Defect.TCP_DATA_OFFSET_BELOW_FIVE, new int[] {BAD_TCP_HEADER, BAD_TCP_HEADER}),
      Map.entry(Defect.TCP_DATA_OFFSET_BEYOND_SEGMENT, new int[] {BAD_TCP_HEADER, BAD_TCP_HEADER}),
      Map.entry(Defect.TCP_HEADER_TRUNCATED, new int[] {BAD_TCP_HEADER, BAD_TCP_HEADER}),
      Map.entry(Defect.EMPTY_TCP_SEGMENT, new int[] {BAD_TCP_HEADER, BAD_TCP_HEADER}),
      Map.entry(Defect.IP_HEADER_LENGTH_BELOW_FIVE, new int[] {BAD_IP_HEADER, BAD_IP_HEADER}),
      Map.entry(Defect.IP_VERSION_6, new int[] {BAD_IP_HEADER, BAD_IP_HEADER}),
      Map.entry(Defect.IP_TOTAL_LENGTH_BELOW_HEADER, new int[] {BAD_IP_HEADER, BAD_IP_HEADER}),
      Map.entry(Defect.IP_TOTAL_LENGTH_BEYOND_FRAME, new int[] {BAD_IP_HEADER, BAD_IP_HEADER}),
      Map.entry(Defect.IP_HEADER_TRUNCATED, new int[] {TRUNCATED, TRUNCATED}),
      Map.entry(Defect.BAD_IP_CHECKSUM, new int[] {BAD_CHECKSUM, TCP}),
      Map.entry(Defect.BAD_TCP_CHECKSUM, new int[] {BAD_CHECKSUM, TCP}),
      Map.entry(Defect.NON_FIRST_FRAGMENT, new int[] {FRAGMENT, FRAGMENT}),
      Map.entry(Defect.MORE_FRAGMENTS, new int[] {FRAGMENT, FRAGMENT}),
      Map.entry(Defect.GARBAGE_AFTER_ETHERNET, new int[] {BAD_IP_HEADER, BAD_IP_HEADER})));

  private final FrameParser verifying = new FrameParser().verifyChecksums(true);
  private final FrameParser trusting = new FrameParser();

  @Test
  void everyDefectHasAnExpectedVerdict() {
    assertThat(VERDICTS).containsOnlyKeys(Defect.values());
  }

  @ParameterizedTest
  @EnumSource(Defect.class)
  void theParserReportsTheIntendedDefect(Defect defect) {
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(defect.ordinal()));
    MemorySegment frame = FloodFixtures.frame();
    for (int i = 0; i < FRAMES_PER_DEFECT; i++) {
      int length = traffic.writeMalformed(defect, frame);
      assertThat(traffic.lastDefect()).isEqualTo(defect);
      assertThat(FrameParser.describe(verifying.parse(frame, 0, length))).as("%s, frame %d, verified", defect, i)
          .isEqualTo(FrameParser.describe(VERDICTS.get(defect)[0]));
      assertThat(FrameParser.describe(trusting.parse(frame, 0, length))).as("%s, frame %d", defect, i)
          .isEqualTo(FrameParser.describe(VERDICTS.get(defect)[1]));
      assertAddressedToTheScannerFromTheLab(defect, frame, length);
    }
  }

  @Test
  void aBadChecksumIsTheOnlyFlawOfItsFrame() {
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(3));
    MemorySegment frame = FloodFixtures.frame();
    for (int i = 0; i < FRAMES_PER_DEFECT; i++) {
      int length = traffic.writeMalformed(i % 2 == 0 ? Defect.BAD_IP_CHECKSUM : Defect.BAD_TCP_CHECKSUM, frame);
      assertThat(trusting.parse(frame, 0, length)).isEqualTo(TCP);
      assertThat(trusting.tcpFlags()).isIn(TcpHeader.SYN | TcpHeader.ACK, TcpHeader.RST, TcpHeader.RST | TcpHeader.ACK);
      assertThat(trusting.dstPort()).isBetween(FloodTraffic.SCANNER_PORT_FIRST, FloodTraffic.SCANNER_PORT_LAST);
      Ipv4Header ip = new Ipv4Header().wrap(frame, ForgedTcpFrame.IP_OFFSET);
      boolean tcpValid = Checksums.transportValid(frame, ForgedTcpFrame.TCP_OFFSET,
          TcpHeader.LENGTH, ip.source(), ip.destination(), Ipv4Header.PROTO_TCP);
      assertThat(ip.checksumValid()).isEqualTo(i % 2 != 0);
      assertThat(tcpValid).isEqualTo(i % 2 == 0);
    }
  }

  @Test
  void anEmptySegmentHidesAWholeTcpHeaderInItsPadding() {
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(4));
    MemorySegment frame = FloodFixtures.frame();
    int length = traffic.writeMalformed(Defect.EMPTY_TCP_SEGMENT, frame);
    assertThat(length).isEqualTo(ForgedTcpFrame.LENGTH);
    new Ipv4Header().wrap(frame, ForgedTcpFrame.IP_OFFSET).totalLength(Ipv4Header.LENGTH + TcpHeader.LENGTH);
    assertThat(trusting.parse(frame, 0, length)).isEqualTo(TCP);
    assertThat(trusting.srcIp() & 0xFFFF_FF00).isEqualTo(FloodFixtures.LIVE_PREFIX);
  }

  @Test
  void aWrongChecksumNeverEqualsTheRightOneInOnesComplement() {
    SplittableRandom random = new SplittableRandom(5);
    for (int checksum = 0; checksum < 0xFFFF; checksum++) {
      int wrong = MalformedFrames.wrongChecksum(checksum, random);
      assertThat(wrong).isBetween(0, 0xFFFF).isNotEqualTo(checksum);
      assertThat(checksum == 0 && wrong == 0xFFFF).isFalse();
    }
  }

  /** The Ethernet header is intact, and where the IPv4 addresses survive they are the lab's. */
  private static void assertAddressedToTheScannerFromTheLab(Defect defect, MemorySegment frame, int length) {
    assertThat(length).isBetween(EthernetHeader.LENGTH, MalformedFrames.MAX_FRAME_LENGTH);
    EthernetHeader ethernet = new EthernetHeader().wrap(frame, 0);
    assertThat(ethernet.destination()).isEqualTo(FloodFixtures.SCANNER_MAC);
    assertThat(ethernet.source()).isEqualTo(FloodFixtures.TARGET_MAC);
    assertThat(ethernet.etherType()).isEqualTo(EthernetHeader.ETHERTYPE_IPV4);
    if (defect == Defect.GARBAGE_AFTER_ETHERNET) {
      assertThat(NetworkOrder.getU8(frame, ForgedTcpFrame.IP_OFFSET) >>> 4).isNotEqualTo(4);
    } else if (length >= ForgedTcpFrame.TCP_OFFSET) {
      Ipv4Header ip = new Ipv4Header().wrap(frame, ForgedTcpFrame.IP_OFFSET);
      assertThat(ip.destination()).isEqualTo(FloodFixtures.SCANNER_IP);
      assertThat(FloodFixtures.inLabRange(ip.source())).isTrue();
    }
  }
}
