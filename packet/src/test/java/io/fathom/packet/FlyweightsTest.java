package io.fathom.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlyweightsTest {
  private static final int CASES = 2_000;
  private final MemorySegment buffer = Arena.ofAuto().allocate(256);
  private final SplittableRandom random = new SplittableRandom(7);

  /** Odd and even offsets: the unaligned layouts must work at both. */
  private long randomOffset() {
    return random.nextInt(64);
  }

  @Test
  void ethernetFieldsRoundTripAndLandOnTheWire() {
    EthernetHeader eth = new EthernetHeader();
    for (int i = 0; i < CASES; i++) {
      long off = randomOffset();
      long dst = random.nextLong() & Macs.MASK;
      long src = random.nextLong() & Macs.MASK;
      int type = random.nextInt(0x10000);
      assertThat(eth.wrap(buffer, off).destination(dst).source(src).etherType(type)).isSameAs(eth);
      assertThat(eth.destination()).isEqualTo(dst);
      assertThat(eth.source()).isEqualTo(src);
      assertThat(eth.etherType()).isEqualTo(type);
      byte[] copy = new byte[6];
      eth.copySource(copy);
      assertThat(Macs.fromBytes(copy, 0)).isEqualTo(src);
      eth.destination(Macs.toBytes(src));
      assertThat(eth.destination()).isEqualTo(src);
      eth.copyDestination(copy);
      assertThat(copy).isEqualTo(Macs.toBytes(src));
    }
    eth.wrap(buffer, 1).destination(0x0011_2233_4455L).source(0x6677_8899_AABBL).etherType(0x0800);
    assertThat(HexFormat.of().formatHex(TestFrames.bytes(buffer, 1, 14))).isEqualTo("00112233445566778899aabb0800");
  }

  @Test
  void ipv4FieldsRoundTrip() {
    Ipv4Header ip = new Ipv4Header();
    for (int i = 0; i < CASES; i++) {
      long off = randomOffset();
      int vi = random.nextInt(256);
      int tos = random.nextInt(256);
      int total = random.nextInt(0x10000);
      int id = random.nextInt(0x10000);
      int ff = random.nextInt(0x10000);
      int ttl = random.nextInt(256);
      int proto = random.nextInt(256);
      int sum = random.nextInt(0x10000);
      int src = random.nextInt();
      int dst = random.nextInt();
      ip.wrap(buffer, off).versionIhl(vi).tos(tos).totalLength(total).id(id).flagsFragment(ff).ttl(ttl)
          .protocol(proto).checksum(sum).source(src).destination(dst);
      assertThat(new int[] {ip.versionIhl(), ip.version(), ip.ihl(), ip.headerLength(), ip.tos(), ip.totalLength(),
          ip.id(), ip.flagsFragment(), ip.ttl(), ip.protocol(), ip.checksum(), ip.source(), ip.destination()})
          .containsExactly(vi, vi >>> 4, vi & 0xF, (vi & 0xF) * 4, tos, total, id, ff, ttl, proto, sum, src, dst);
    }
  }

  @Test
  void ipv4ComputeChecksumMatchesTheTextbookExample() {
    // The classic worked example: 192.168.0.1 -> 192.168.0.199, UDP, checksum 0xb861.
    MemorySegment header = TestFrames.hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
    Ipv4Header ip = new Ipv4Header().wrap(header, 0);
    assertThat(ip.checksumValid()).isFalse();
    ip.computeChecksum();
    assertThat(ip.checksum()).isEqualTo(0xB861);
    assertThat(ip.checksumValid()).isTrue();
    assertThat(ip.source()).isEqualTo(Ipv4.parse("192.168.0.1"));
    assertThat(ip.destination()).isEqualTo(Ipv4.parse("192.168.0.199"));
  }

  @Test
  void tcpFieldsRoundTrip() {
    TcpHeader tcp = new TcpHeader();
    for (int i = 0; i < CASES; i++) {
      long off = randomOffset();
      int sp = random.nextInt(0x10000);
      int dp = random.nextInt(0x10000);
      int seq = random.nextInt();
      int ack = random.nextInt();
      int doff = random.nextInt(16);
      int flags = random.nextInt(256);
      int win = random.nextInt(0x10000);
      int sum = random.nextInt(0x10000);
      int urg = random.nextInt(0x10000);
      tcp.wrap(buffer, off).sourcePort(sp).destinationPort(dp).seq(seq).ack(ack).dataOffset(doff).flags(flags)
          .window(win).checksum(sum).urgent(urg);
      assertThat(new int[] {tcp.sourcePort(), tcp.destinationPort(), tcp.seq(), tcp.ack(), tcp.dataOffset(),
          tcp.headerLength(), tcp.optionsLength(), tcp.flags(), tcp.window(), tcp.checksum(), tcp.urgent()})
          .containsExactly(sp, dp, seq, ack, doff, doff * 4, doff * 4 - 20, flags, win, sum, urg);
    }
    assertThat(new int[] {TcpHeader.FIN, TcpHeader.SYN, TcpHeader.RST, TcpHeader.PSH, TcpHeader.ACK, TcpHeader.URG,
        TcpHeader.ECE, TcpHeader.CWR}).containsExactly(1, 2, 4, 8, 16, 32, 64, 128);
  }

  @Test
  void udpAndIcmpFieldsRoundTrip() {
    UdpHeader udp = new UdpHeader();
    IcmpHeader icmp = new IcmpHeader();
    for (int i = 0; i < CASES; i++) {
      long off = randomOffset();
      int a = random.nextInt(0x10000);
      int b = random.nextInt(0x10000);
      int c = random.nextInt(0x10000);
      int d = random.nextInt(0x10000);
      udp.wrap(buffer, off).sourcePort(a).destinationPort(b).length(c).checksum(d);
      assertThat(new int[] {udp.sourcePort(), udp.destinationPort(), udp.length(), udp.checksum()})
          .containsExactly(a, b, c, d);
      icmp.wrap(buffer, off).type(a & 0xFF).code(b & 0xFF).checksum(c).identifier(d).sequence(a);
      assertThat(new int[] {icmp.type(), icmp.code(), icmp.checksum(), icmp.identifier(), icmp.sequence()})
          .containsExactly(a & 0xFF, b & 0xFF, c, d, a);
    }
  }

  @Test
  void arpFieldsRoundTrip() {
    ArpPacket arp = new ArpPacket();
    for (int i = 0; i < CASES; i++) {
      long off = randomOffset();
      int op = random.nextInt(0x10000);
      long sha = random.nextLong() & Macs.MASK;
      long tha = random.nextLong() & Macs.MASK;
      int spa = random.nextInt();
      int tpa = random.nextInt();
      arp.wrap(buffer, off).ethernetIpv4(op).senderHardware(sha).senderProtocol(spa).targetHardware(tha)
          .targetProtocol(tpa);
      assertThat(new long[] {arp.hardwareType(), arp.protocolType(), arp.hardwareLength(), arp.protocolLength(),
          arp.op(), arp.senderHardware(), arp.senderProtocol(), arp.targetHardware(), arp.targetProtocol()})
          .containsExactly(1, 0x0800, 6, 4, op, sha, spa, tha, tpa);
      arp.hardwareType(6).protocolType(0x86DD).hardwareLength(8).protocolLength(16);
      assertThat(new int[] {arp.hardwareType(), arp.protocolType(), arp.hardwareLength(), arp.protocolLength()})
          .containsExactly(6, 0x86DD, 8, 16);
    }
  }
}
