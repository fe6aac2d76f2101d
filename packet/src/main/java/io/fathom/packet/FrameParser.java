package io.fathom.packet;

import java.lang.foreign.MemorySegment;

/**
 * A reusable decoder of received Ethernet frames (up to two VLAN tags; ARP and IPv4 with TCP, UDP or ICMP).
 *
 * <p>{@link #parse} returns a result code and leaves the decoded fields in this object until the next call.
 * Received bytes are untrusted: every length field is checked against the bytes actually captured before it is
 * used, nothing is read outside [offset, offset + length), and bad input gives a code, never an exception.
 * Parsing allocates nothing. Fields that a frame does not carry read as zero.
 */
public final class FrameParser {
  public static final int TCP = 1;
  public static final int UDP = 2;
  public static final int ICMP = 3;
  /** IPv4 carrying another protocol; see {@link #protocol()}. */
  public static final int OTHER_IP = 4;
  public static final int ARP = 5;
  /** Neither IPv4 nor ARP (IPv6, LLDP, more than two VLAN tags, ...); see {@link #etherType()}. */
  public static final int NOT_IP = 6;
  /** Too short for the headers it announces: Ethernet, VLAN tag, the fixed IPv4 header, or an ARP packet. */
  public static final int TRUNCATED = 7;
  /** Version not 4, IHL below 5, total length below the header length or beyond the captured bytes. */
  public static final int BAD_IP_HEADER = 8;
  /** A fragment (More Fragments set or a non-zero offset); the IPv4 fields are filled. */
  public static final int FRAGMENT = 9;
  /** TCP data offset below 5 or beyond the IP payload. */
  public static final int BAD_TCP_HEADER = 10;
  /** UDP length below 8 or beyond the IP payload. */
  public static final int BAD_UDP_HEADER = 11;
  /** ICMP message shorter than its 8-byte header. */
  public static final int BAD_ICMP_HEADER = 12;
  /** ARP for other than Ethernet hardware and IPv4 protocol addresses. */
  public static final int UNSUPPORTED_ARP = 13;
  /** An IPv4, TCP, UDP or ICMP checksum is wrong; only when {@link #verifyChecksums(boolean)} is on. */
  public static final int BAD_CHECKSUM = 14;

  private static final String[] NAMES = {
    "NONE", "TCP", "UDP", "ICMP", "OTHER_IP", "ARP", "NOT_IP", "TRUNCATED", "BAD_IP_HEADER", "FRAGMENT",
    "BAD_TCP_HEADER", "BAD_UDP_HEADER", "BAD_ICMP_HEADER", "UNSUPPORTED_ARP", "BAD_CHECKSUM"
  };

  private boolean verifyChecksums;
  private MemorySegment segment;

  private long ethDestination;
  private long ethSource;
  private int etherType;

  private int tos;
  private int ipTotalLength;
  private int ipHeaderLength;
  private int ipId;
  private int flagsFragment;
  private int ttl;
  private int protocol;
  private int srcIp;
  private int dstIp;
  private long l4Offset;

  private int srcPort;
  private int dstPort;
  private int seq;
  private int ack;
  private int tcpFlags;
  private int window;
  private int tcpHeaderLength;
  private long payloadOffset;
  private int payloadLength;

  private int type;
  private int code;
  private int icmpIdentifier;
  private int icmpSequence;
  private boolean hasInnerIp;
  private boolean hasInnerPorts;
  private int innerSrcIp;
  private int innerDstIp;
  private int innerProtocol;
  private int innerIpId;
  private int innerTtl;
  private int innerSrcPort;
  private int innerDstPort;
  private int innerSeq;

  private int arpOp;
  private long arpSenderMac;
  private int arpSenderIp;
  private long arpTargetMac;
  private int arpTargetIp;

  /** Whether {@link #parse} checks IPv4, TCP, UDP and ICMP checksums (off by default). Returns this. */
  public FrameParser verifyChecksums(boolean verify) {
    this.verifyChecksums = verify;
    return this;
  }

  public boolean verifiesChecksums() {
    return verifyChecksums;
  }

  /** A constant name for a result code, for counters and logs. */
  public static String describe(int result) {
    return result > 0 && result < NAMES.length ? NAMES[result] : "UNKNOWN";
  }

  /**
   * Decodes the frame in {@code [offset, offset + length)} of {@code segment} (clamped to the segment) and
   * returns one of the result codes of this class.
   */
  public int parse(MemorySegment segment, long offset, int length) {
    reset();
    this.segment = segment;
    if (offset < 0 || length < 0 || offset > segment.byteSize()) {
      return TRUNCATED;
    }
    long end = offset + Math.min(length, segment.byteSize() - offset);
    if (end - offset < EthernetHeader.LENGTH) {
      return TRUNCATED;
    }
    ethDestination = NetworkOrder.getMac(segment, offset + EthernetHeader.DESTINATION_OFFSET);
    ethSource = NetworkOrder.getMac(segment, offset + EthernetHeader.SOURCE_OFFSET);
    long typeAt = offset + EthernetHeader.ETHER_TYPE_OFFSET;
    int nextType = NetworkOrder.getU16(segment, typeAt);
    for (int tags = 0; tags < 2 && isVlanTag(nextType); tags++) {
      if (end - typeAt < 6) { // tag control word and the next EtherType
        return TRUNCATED;
      }
      typeAt += 4;
      nextType = NetworkOrder.getU16(segment, typeAt);
    }
    etherType = nextType;
    if (nextType == EthernetHeader.ETHERTYPE_IPV4) {
      return parseIpv4(typeAt + 2, end);
    }
    if (nextType == EthernetHeader.ETHERTYPE_ARP) {
      return parseArp(typeAt + 2, end);
    }
    return NOT_IP;
  }

  private static boolean isVlanTag(int etherType) {
    return etherType == EthernetHeader.ETHERTYPE_VLAN || etherType == EthernetHeader.ETHERTYPE_QINQ;
  }

  private int parseArp(long arp, long end) {
    if (end - arp < ArpPacket.LENGTH) {
      return TRUNCATED;
    }
    if (!ArpPacket.isEthernetIpv4(segment, arp)) {
      return UNSUPPORTED_ARP;
    }
    arpOp = NetworkOrder.getU16(segment, arp + ArpPacket.OP_OFFSET);
    arpSenderMac = NetworkOrder.getMac(segment, arp + ArpPacket.SENDER_HARDWARE_OFFSET);
    arpSenderIp = NetworkOrder.getInt(segment, arp + ArpPacket.SENDER_PROTOCOL_OFFSET);
    arpTargetMac = NetworkOrder.getMac(segment, arp + ArpPacket.TARGET_HARDWARE_OFFSET);
    arpTargetIp = NetworkOrder.getInt(segment, arp + ArpPacket.TARGET_PROTOCOL_OFFSET);
    return ARP;
  }

  private int parseIpv4(long ip, long end) {
    long captured = end - ip;
    if (captured < Ipv4Header.LENGTH) {
      return TRUNCATED;
    }
    int headerLength = ipv4HeaderLength(ip);
    if (headerLength < 0) {
      return BAD_IP_HEADER;
    }
    tos = NetworkOrder.getU8(segment, ip + Ipv4Header.TOS_OFFSET);
    ipTotalLength = NetworkOrder.getU16(segment, ip + Ipv4Header.TOTAL_LENGTH_OFFSET);
    ipHeaderLength = headerLength;
    ipId = NetworkOrder.getU16(segment, ip + Ipv4Header.ID_OFFSET);
    flagsFragment = NetworkOrder.getU16(segment, ip + Ipv4Header.FLAGS_FRAGMENT_OFFSET);
    ttl = NetworkOrder.getU8(segment, ip + Ipv4Header.TTL_OFFSET);
    protocol = NetworkOrder.getU8(segment, ip + Ipv4Header.PROTOCOL_OFFSET);
    srcIp = NetworkOrder.getInt(segment, ip + Ipv4Header.SOURCE_OFFSET);
    dstIp = NetworkOrder.getInt(segment, ip + Ipv4Header.DESTINATION_OFFSET);
    // Bytes past the total length are Ethernet padding (frames are at least 60 bytes), not payload.
    if (ipTotalLength < headerLength || ipTotalLength > captured) {
      return BAD_IP_HEADER;
    }
    if (verifyChecksums && Checksums.sum(segment, ip, headerLength) != 0xFFFF) {
      return BAD_CHECKSUM;
    }
    if ((flagsFragment & (Ipv4Header.FLAG_MF | Ipv4Header.FRAGMENT_OFFSET_MASK)) != 0) {
      return FRAGMENT;
    }
    l4Offset = ip + headerLength;
    int l4Length = ipTotalLength - headerLength;
    return switch (protocol) {
      case Ipv4Header.PROTO_TCP -> parseTcp(l4Offset, l4Length);
      case Ipv4Header.PROTO_UDP -> parseUdp(l4Offset, l4Length);
      case Ipv4Header.PROTO_ICMP -> parseIcmp(l4Offset, l4Length);
      default -> OTHER_IP;
    };
  }

  /** The length in bytes of the IPv4 header at {@code ip}, or -1 when its version is not 4 or its IHL is below 5. */
  private int ipv4HeaderLength(long ip) {
    int versionIhl = NetworkOrder.getU8(segment, ip);
    int headerLength = (versionIhl & 0xF) * 4;
    return (versionIhl >>> 4) == 4 && headerLength >= Ipv4Header.LENGTH ? headerLength : -1;
  }

  private int parseTcp(long tcp, int l4Length) {
    if (l4Length < TcpHeader.LENGTH) {
      return BAD_TCP_HEADER;
    }
    int headerLength = (NetworkOrder.getU8(segment, tcp + TcpHeader.DATA_OFFSET_OFFSET) >>> 4) * 4;
    if (headerLength < TcpHeader.LENGTH || headerLength > l4Length) {
      return BAD_TCP_HEADER;
    }
    srcPort = NetworkOrder.getU16(segment, tcp + TcpHeader.SOURCE_PORT_OFFSET);
    dstPort = NetworkOrder.getU16(segment, tcp + TcpHeader.DESTINATION_PORT_OFFSET);
    seq = NetworkOrder.getInt(segment, tcp + TcpHeader.SEQ_OFFSET);
    ack = NetworkOrder.getInt(segment, tcp + TcpHeader.ACK_OFFSET);
    tcpFlags = NetworkOrder.getU8(segment, tcp + TcpHeader.FLAGS_OFFSET);
    window = NetworkOrder.getU16(segment, tcp + TcpHeader.WINDOW_OFFSET);
    tcpHeaderLength = headerLength;
    payloadOffset = tcp + headerLength;
    payloadLength = l4Length - headerLength;
    if (verifyChecksums && !Checksums.transportValid(segment, tcp, l4Length, srcIp, dstIp, Ipv4Header.PROTO_TCP)) {
      return BAD_CHECKSUM;
    }
    return TCP;
  }

  private int parseUdp(long udp, int l4Length) {
    if (l4Length < UdpHeader.LENGTH) {
      return BAD_UDP_HEADER;
    }
    int udpLength = NetworkOrder.getU16(segment, udp + UdpHeader.LENGTH_OFFSET);
    if (udpLength < UdpHeader.LENGTH || udpLength > l4Length) {
      return BAD_UDP_HEADER;
    }
    srcPort = NetworkOrder.getU16(segment, udp + UdpHeader.SOURCE_PORT_OFFSET);
    dstPort = NetworkOrder.getU16(segment, udp + UdpHeader.DESTINATION_PORT_OFFSET);
    payloadOffset = udp + UdpHeader.LENGTH;
    payloadLength = udpLength - UdpHeader.LENGTH;
    boolean hasChecksum = NetworkOrder.getU16(segment, udp + UdpHeader.CHECKSUM_OFFSET) != 0;
    if (verifyChecksums && hasChecksum
        && !Checksums.transportValid(segment, udp, udpLength, srcIp, dstIp, Ipv4Header.PROTO_UDP)) {
      return BAD_CHECKSUM;
    }
    return UDP;
  }

  private int parseIcmp(long icmp, int l4Length) {
    if (l4Length < IcmpHeader.LENGTH) {
      return BAD_ICMP_HEADER;
    }
    type = NetworkOrder.getU8(segment, icmp + IcmpHeader.TYPE_OFFSET);
    code = NetworkOrder.getU8(segment, icmp + IcmpHeader.CODE_OFFSET);
    icmpIdentifier = NetworkOrder.getU16(segment, icmp + IcmpHeader.IDENTIFIER_OFFSET);
    icmpSequence = NetworkOrder.getU16(segment, icmp + IcmpHeader.SEQUENCE_OFFSET);
    payloadOffset = icmp + IcmpHeader.LENGTH;
    payloadLength = l4Length - IcmpHeader.LENGTH;
    if (verifyChecksums && Checksums.sum(segment, icmp, l4Length) != 0xFFFF) {
      return BAD_CHECKSUM;
    }
    if (IcmpHeader.isError(type)) {
      parseQuoted(payloadOffset, payloadOffset + payloadLength);
    }
    return ICMP;
  }

  /**
   * Reads the datagram an ICMP error quotes: its IPv4 header and, when present and not a later fragment, the
   * first 8 bytes of its TCP or UDP header (RFC 792 guarantees 64 bits). The quoted total length is not checked:
   * routers quote only a prefix.
   */
  private void parseQuoted(long inner, long end) {
    if (end - inner < Ipv4Header.LENGTH) {
      return;
    }
    int headerLength = ipv4HeaderLength(inner);
    if (headerLength < 0 || headerLength > end - inner) {
      return;
    }
    hasInnerIp = true;
    innerIpId = NetworkOrder.getU16(segment, inner + Ipv4Header.ID_OFFSET);
    innerTtl = NetworkOrder.getU8(segment, inner + Ipv4Header.TTL_OFFSET);
    innerProtocol = NetworkOrder.getU8(segment, inner + Ipv4Header.PROTOCOL_OFFSET);
    innerSrcIp = NetworkOrder.getInt(segment, inner + Ipv4Header.SOURCE_OFFSET);
    innerDstIp = NetworkOrder.getInt(segment, inner + Ipv4Header.DESTINATION_OFFSET);
    int innerFragmentOffset = NetworkOrder.getU16(segment, inner + Ipv4Header.FLAGS_FRAGMENT_OFFSET)
        & Ipv4Header.FRAGMENT_OFFSET_MASK;
    long transport = inner + headerLength;
    boolean portsQuoted = innerProtocol == Ipv4Header.PROTO_TCP || innerProtocol == Ipv4Header.PROTO_UDP;
    if (!portsQuoted || innerFragmentOffset != 0 || end - transport < 8) {
      return;
    }
    hasInnerPorts = true;
    innerSrcPort = NetworkOrder.getU16(segment, transport);
    innerDstPort = NetworkOrder.getU16(segment, transport + 2);
    if (innerProtocol == Ipv4Header.PROTO_TCP) {
      innerSeq = NetworkOrder.getInt(segment, transport + TcpHeader.SEQ_OFFSET);
    }
  }

  private void reset() {
    ethDestination = 0;
    ethSource = 0;
    etherType = 0;
    tos = 0;
    ipTotalLength = 0;
    ipHeaderLength = 0;
    ipId = 0;
    flagsFragment = 0;
    ttl = 0;
    protocol = 0;
    srcIp = 0;
    dstIp = 0;
    l4Offset = 0;
    srcPort = 0;
    dstPort = 0;
    seq = 0;
    ack = 0;
    tcpFlags = 0;
    window = 0;
    tcpHeaderLength = 0;
    payloadOffset = 0;
    payloadLength = 0;
    type = 0;
    code = 0;
    icmpIdentifier = 0;
    icmpSequence = 0;
    hasInnerIp = false;
    hasInnerPorts = false;
    innerSrcIp = 0;
    innerDstIp = 0;
    innerProtocol = 0;
    innerIpId = 0;
    innerTtl = 0;
    innerSrcPort = 0;
    innerDstPort = 0;
    innerSeq = 0;
    arpOp = 0;
    arpSenderMac = 0;
    arpSenderIp = 0;
    arpTargetMac = 0;
    arpTargetIp = 0;
  }

  /** The segment of the last frame parsed (for reading payload bytes at {@link #payloadOffset()}). */
  public MemorySegment segment() {
    return segment;
  }

  public long ethDestination() {
    return ethDestination;
  }

  public long ethSource() {
    return ethSource;
  }

  /** The EtherType after any VLAN tags. */
  public int etherType() {
    return etherType;
  }

  public int tos() {
    return tos;
  }

  public int ipTotalLength() {
    return ipTotalLength;
  }

  public int ipHeaderLength() {
    return ipHeaderLength;
  }

  public int ipId() {
    return ipId;
  }

  /** IPv4 flags and fragment offset as one 16-bit value. */
  public int flagsFragment() {
    return flagsFragment;
  }

  public int ttl() {
    return ttl;
  }

  public int protocol() {
    return protocol;
  }

  public int srcIp() {
    return srcIp;
  }

  public int dstIp() {
    return dstIp;
  }

  /** Absolute offset in {@link #segment()} of the transport header. */
  public long l4Offset() {
    return l4Offset;
  }

  /** TCP or UDP source port. */
  public int srcPort() {
    return srcPort;
  }

  /** TCP or UDP destination port. */
  public int dstPort() {
    return dstPort;
  }

  public int seq() {
    return seq;
  }

  public int ack() {
    return ack;
  }

  public int tcpFlags() {
    return tcpFlags;
  }

  public int window() {
    return window;
  }

  /** TCP header length in bytes, options included. */
  public int tcpHeaderLength() {
    return tcpHeaderLength;
  }

  /** Absolute offset in {@link #segment()} of the TCP, UDP or ICMP payload. */
  public long payloadOffset() {
    return payloadOffset;
  }

  /** Bytes of TCP or UDP payload, or of ICMP body after the 8-byte header. */
  public int payloadLength() {
    return payloadLength;
  }

  /** ICMP type. */
  public int type() {
    return type;
  }

  /** ICMP code. */
  public int code() {
    return code;
  }

  /** ICMP echo identifier (the first half of the rest-of-header word). */
  public int icmpIdentifier() {
    return icmpIdentifier;
  }

  /** ICMP echo sequence number (the second half of the rest-of-header word). */
  public int icmpSequence() {
    return icmpSequence;
  }

  /** True when an ICMP error quoted a well-formed IPv4 header; the inner IP fields are then valid. */
  public boolean hasInnerIp() {
    return hasInnerIp;
  }

  /** True when an ICMP error also quoted the ports of a TCP or UDP header (and, for TCP, its sequence). */
  public boolean hasInnerPorts() {
    return hasInnerPorts;
  }

  public int innerSrcIp() {
    return innerSrcIp;
  }

  public int innerDstIp() {
    return innerDstIp;
  }

  public int innerProtocol() {
    return innerProtocol;
  }

  public int innerIpId() {
    return innerIpId;
  }

  public int innerTtl() {
    return innerTtl;
  }

  public int innerSrcPort() {
    return innerSrcPort;
  }

  public int innerDstPort() {
    return innerDstPort;
  }

  public int innerSeq() {
    return innerSeq;
  }

  public int arpOp() {
    return arpOp;
  }

  public long arpSenderMac() {
    return arpSenderMac;
  }

  public int arpSenderIp() {
    return arpSenderIp;
  }

  public long arpTargetMac() {
    return arpTargetMac;
  }

  public int arpTargetIp() {
    return arpTargetIp;
  }
}
