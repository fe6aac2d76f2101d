package io.fathom.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ArpPacketTest {
  private static final long OUR_MAC = Macs.parse("02:00:5e:10:00:01");
  private static final long GATEWAY_MAC = Macs.parse("00:1b:21:3a:4f:9c");
  private static final int OUR_IP = Ipv4.parse("192.0.2.10");
  private static final int GATEWAY_IP = Ipv4.parse("192.0.2.1");

  @Test
  void writesABroadcastRequest() {
    MemorySegment frame = Arena.ofAuto().allocate(64);
    assertThat(ArpPacket.writeRequest(frame, 3, OUR_MAC, OUR_IP, GATEWAY_IP)).isEqualTo(42);
    assertThat(HexFormat.of().formatHex(TestFrames.bytes(frame, 3, 42))).isEqualTo(
        "ffffffffffff" + "02005e100001" + "0806" + "0001" + "0800" + "06" + "04" + "0001"
            + "02005e100001" + "c000020a" + "000000000000" + "c0000201");
    FrameParser parser = new FrameParser();
    assertThat(parser.parse(frame, 3, 42)).isEqualTo(FrameParser.ARP);
    assertThat(parser.arpOp()).isEqualTo(ArpPacket.REQUEST);
    assertThat(parser.arpSenderMac()).isEqualTo(OUR_MAC);
    assertThat(parser.arpSenderIp()).isEqualTo(OUR_IP);
    assertThat(parser.arpTargetIp()).isEqualTo(GATEWAY_IP);
    assertThat(parser.ethDestination()).isEqualTo(Macs.BROADCAST);
    assertThat(ArpPacket.replySenderMac(frame, 3, 42, OUR_IP)).isEqualTo(-1); // a request, not a reply
  }

  @Test
  void recognisesTheReplyFromTheAskedAddressOnly() {
    MemorySegment frame = Arena.ofAuto().allocate(60); // padded to the Ethernet minimum, as on the wire
    writeReply(frame, GATEWAY_MAC, GATEWAY_IP);
    assertThat(ArpPacket.replySenderMac(frame, 0, 60, GATEWAY_IP)).isEqualTo(GATEWAY_MAC);
    assertThat(ArpPacket.replySenderMac(frame, 0, 60, GATEWAY_IP + 1)).isEqualTo(-1);
    assertThat(ArpPacket.replySenderMac(frame, 0, 41, GATEWAY_IP)).isEqualTo(-1);
    assertThat(ArpPacket.replySenderMac(frame.asSlice(0, 30), 0, 60, GATEWAY_IP)).isEqualTo(-1);
    FrameParser parser = new FrameParser();
    assertThat(parser.parse(frame, 0, 60)).isEqualTo(FrameParser.ARP);
    assertThat(parser.arpOp()).isEqualTo(ArpPacket.REPLY);
    assertThat(parser.arpSenderMac()).isEqualTo(GATEWAY_MAC);
    assertThat(parser.arpTargetMac()).isEqualTo(OUR_MAC);
    new ArpPacket().wrap(frame, 14).hardwareType(6);
    assertThat(ArpPacket.replySenderMac(frame, 0, 60, GATEWAY_IP)).isEqualTo(-1);
    assertThat(parser.parse(frame, 0, 60)).isEqualTo(FrameParser.UNSUPPORTED_ARP);
  }

  private static void writeReply(MemorySegment frame, long senderMac, int senderIp) {
    new EthernetHeader().wrap(frame, 0).destination(OUR_MAC).source(senderMac)
        .etherType(EthernetHeader.ETHERTYPE_ARP);
    new ArpPacket().wrap(frame, 14).ethernetIpv4(ArpPacket.REPLY).senderHardware(senderMac).senderProtocol(senderIp)
        .targetHardware(OUR_MAC).targetProtocol(OUR_IP);
  }
}
