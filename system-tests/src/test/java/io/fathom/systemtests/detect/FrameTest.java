package io.fathom.systemtests.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import io.fathom.detect.PacketView;
import io.fathom.detect.decode.PacketDecoder;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The generator's frames: checksums that verify, and fields that Fathom's own decoder reads back as set. */
class FrameTest {
  private static final int SRC = Ipv4.parse("203.0.113.41");
  private static final int DST = Ipv4.parse("198.19.4.2");

  @Test
  void checksumMatchesTheTextbookIpv4Header() {
    byte[] header = hex("450000730000400040110000c0a80001c0a800c7");

    assertThat(Frame.checksum(header, 0, header.length, 0)).isEqualTo(0xb861);
  }

  @Test
  void everyChecksumVerifies() {
    for (Frame frame : new Frame[] {
        Frame.tcp(SRC, DST, 40000, 443, Frame.SYN).options(Frame.WINDOWS_OPTIONS).payload(new byte[] {1, 2, 3}),
        Frame.udp(SRC, DST, 5060, 5060).payload("OPTIONS".getBytes(StandardCharsets.US_ASCII)),
        Frame.icmp(SRC, DST, Frame.ICMP_ECHO_REQUEST, 0).payload(new byte[] {9, 9, 9})}) {
      byte[] ip = frame.ipPacket();
      int transportLength = ip.length - Frame.IPV4_HEADER;
      long pseudo = ip[9] == Frame.PROTO_ICMP ? 0
          : (SRC >>> 16) + (SRC & 0xFFFF) + (DST >>> 16) + (DST & 0xFFFF) + ip[9] + transportLength;

      assertThat(Frame.checksum(ip, 0, Frame.IPV4_HEADER, 0)).as("IPv4 header").isZero();
      assertThat(Frame.checksum(ip, Frame.IPV4_HEADER, transportLength, pseudo)).as("protocol %d", ip[9]).isZero();
    }
  }

  @Test
  void fathomsDecoderReadsBackAZmapProbe() {
    byte[] frame = Frame.tcp(SRC, DST, 40000, 443, Frame.SYN).ttl(52).ipId(0x1234).seq(0xCAFEBABE)
        .window(65535).options(Frame.WINDOWS_OPTIONS).bytes();
    PacketView view = new PacketView();

    boolean decoded = new PacketDecoder().decode(MemorySegment.ofArray(frame), Frame.ETHERNET_HEADER,
        frame.length - Frame.ETHERNET_HEADER, 1L, view);

    assertThat(decoded).isTrue();
    assertThat(view.srcIp).isEqualTo(SRC);
    assertThat(view.dstIp).isEqualTo(DST);
    assertThat(view.ttl).isEqualTo(52);
    assertThat(view.ipId).isEqualTo(0x1234);
    assertThat(view.isTcpSyn()).isTrue();
    assertThat(view.srcPort).isEqualTo(40000);
    assertThat(view.dstPort).isEqualTo(443);
    assertThat(view.seq).isEqualTo(0xCAFEBABE);
    assertThat(view.window).isEqualTo(65535);
    assertThat(view.tcpOptionKinds).as("MSS, NOP, WS, NOP, NOP, SACK-permitted").isEqualTo(0x04_01_01_03_01_02L);
    assertThat(view.mss).isEqualTo(1460);
  }

  @Test
  void aFirstFragmentIsMarkedAsOne() {
    byte[] frame = Frame.udp(SRC, DST, 40000, 123).payload(new byte[64]).fragment(true, 0).bytes();
    PacketView view = new PacketView();

    new PacketDecoder().decode(MemorySegment.ofArray(frame), Frame.ETHERNET_HEADER,
        frame.length - Frame.ETHERNET_HEADER, 1L, view);

    assertThat(view.fragment).isTrue();
    assertThat(view.dstPort).isEqualTo(123);
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }
}
