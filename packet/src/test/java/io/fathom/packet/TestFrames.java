package io.fathom.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Test helpers: hex frames, a naive reference checksum, and frames built field by field with full checksums. */
final class TestFrames {
  static final int IP = EthernetHeader.LENGTH;
  static final int L4 = IP + Ipv4Header.LENGTH;

  private TestFrames() {}

  static MemorySegment hex(String hex) {
    return MemorySegment.ofArray(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  static byte[] bytes(MemorySegment segment, long offset, int length) {
    return segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
  }

  /** RFC 1071 the slow, obvious way: 16-bit big-endian words, odd byte padded, end-around carry each step. */
  static int referenceSum(byte[] data, int from, int length) {
    int sum = 0;
    for (int i = 0; i < length; i += 2) {
      int high = data[from + i] & 0xFF;
      int low = i + 1 < length ? data[from + i + 1] & 0xFF : 0;
      sum += (high << 8) | low;
      if (sum > 0xFFFF) {
        sum = (sum & 0xFFFF) + 1;
      }
    }
    return sum;
  }

  static int referenceChecksum(byte[] data, int from, int length) {
    return ~referenceSum(data, from, length) & 0xFFFF;
  }

  /** Writes Ethernet and a 20-byte IPv4 header (checksum computed) for {@code l4Length} bytes of transport. */
  static void writeIp(MemorySegment frame, long srcMac, long dstMac, int srcIp, int dstIp, int protocol,
      int l4Length, int ttl, int id) {
    new EthernetHeader().wrap(frame, 0).destination(dstMac).source(srcMac).etherType(EthernetHeader.ETHERTYPE_IPV4);
    new Ipv4Header().wrap(frame, IP).versionIhl(0x45).tos(0).totalLength(Ipv4Header.LENGTH + l4Length).id(id)
        .flagsFragment(0).ttl(ttl).protocol(protocol).source(srcIp).destination(dstIp).computeChecksum();
  }

  /** A full Ethernet/IPv4/TCP frame with options and payload, all checksums computed fully. */
  static MemorySegment tcpFrame(int srcIp, int dstIp, int srcPort, int dstPort, int seq, int ack, int flags,
      byte[] options, byte[] payload) {
    int tcpLength = TcpHeader.LENGTH + options.length + payload.length;
    MemorySegment frame = MemorySegment.ofArray(new byte[L4 + tcpLength]);
    writeIp(frame, 0x0200_0000_0001L, 0x0200_0000_0002L, srcIp, dstIp, Ipv4Header.PROTO_TCP, tcpLength, 57, 4242);
    MemorySegment.copy(MemorySegment.ofArray(options), 0, frame, L4 + TcpHeader.LENGTH, options.length);
    MemorySegment.copy(MemorySegment.ofArray(payload), 0, frame, L4 + TcpHeader.LENGTH + options.length,
        payload.length);
    new TcpHeader().wrap(frame, L4).sourcePort(srcPort).destinationPort(dstPort).seq(seq).ack(ack)
        .dataOffset(5 + options.length / 4).flags(flags).window(29200).urgent(0)
        .computeChecksum(srcIp, dstIp, tcpLength);
    return frame;
  }

  static MemorySegment udpFrame(int srcIp, int dstIp, int srcPort, int dstPort, byte[] payload) {
    int udpLength = UdpHeader.LENGTH + payload.length;
    MemorySegment frame = MemorySegment.ofArray(new byte[L4 + udpLength]);
    writeIp(frame, 0x0200_0000_0003L, 0x0200_0000_0004L, srcIp, dstIp, Ipv4Header.PROTO_UDP, udpLength, 64, 7);
    MemorySegment.copy(MemorySegment.ofArray(payload), 0, frame, L4 + UdpHeader.LENGTH, payload.length);
    new UdpHeader().wrap(frame, L4).sourcePort(srcPort).destinationPort(dstPort).length(udpLength)
        .computeChecksum(srcIp, dstIp);
    return frame;
  }

  /** An ICMP error (type/code) from {@code routerIp} quoting the first {@code quoted} bytes of {@code original}. */
  static MemorySegment icmpErrorFrame(int routerIp, int type, int code, MemorySegment original, int quoted) {
    int icmpLength = IcmpHeader.LENGTH + quoted;
    MemorySegment frame = MemorySegment.ofArray(new byte[L4 + icmpLength]);
    int dstIp = new Ipv4Header().wrap(original, IP).source();
    writeIp(frame, 0x0200_0000_0005L, 0x0200_0000_0006L, routerIp, dstIp, Ipv4Header.PROTO_ICMP, icmpLength, 250,
        1);
    MemorySegment.copy(original, IP, frame, L4 + IcmpHeader.LENGTH, quoted);
    new IcmpHeader().wrap(frame, L4).type(type).code(code).identifier(0).sequence(0).computeChecksum(icmpLength);
    return frame;
  }

  static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) random.nextInt(256);
    }
    return out;
  }
}
