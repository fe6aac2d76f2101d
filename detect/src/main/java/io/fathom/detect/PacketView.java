package io.fathom.detect;

/**
 * One decoded IPv4 packet as detection sees it. A single instance is reused for every packet of a capture
 * (fields are valid until the next packet), so the detection path allocates nothing per packet.
 */
public final class PacketView {
  public static final int PROTO_ICMP = 1;
  public static final int PROTO_TCP = 6;
  public static final int PROTO_UDP = 17;

  /** Capture time, nanoseconds since the Unix epoch. */
  public long timestampNanos;
  public int srcIp;
  public int dstIp;
  /** IPv4 protocol number: 6 TCP, 17 UDP, 1 ICMP, others as they come. */
  public int protocol;
  public int ttl;
  public int ipId;
  /** IPv4 total length from the header. */
  public int ipLength;
  /** True for any fragment (more-fragments flag set or a non-zero fragment offset). */
  public boolean fragment;
  /** TCP/UDP ports; 0 for ICMP and non-first fragments. */
  public int srcPort;
  public int dstPort;
  /** TCP only: flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80). */
  public int tcpFlags;
  public int seq;
  public int ack;
  public int window;
  /** TCP options length in bytes (0-40). */
  public int tcpOptionsLength;
  /**
   * The kinds of the TCP options in order, one byte each, first option in the lowest byte (up to 8; NOP = 1
   * included, EOL = 0 ends the list). {@code 0x02} alone is "MSS only"; {@code 0x0402080101030102}-style values
   * describe longer lists.
   */
  public long tcpOptionKinds;
  /** The MSS option's value, or -1 when absent. */
  public int mss;
  /** TCP/UDP payload bytes (from the IP lengths, not what the capture kept). */
  public int payloadLength;
  /** ICMP only. */
  public int icmpType;
  public int icmpCode;

  /** Resets every field, so that nothing of the previous packet leaks into the next. */
  public PacketView clear() {
    timestampNanos = 0;
    srcIp = dstIp = protocol = ttl = ipId = ipLength = 0;
    fragment = false;
    srcPort = dstPort = tcpFlags = seq = ack = window = tcpOptionsLength = payloadLength = 0;
    tcpOptionKinds = 0;
    mss = -1;
    icmpType = icmpCode = 0;
    return this;
  }

  public boolean isTcp() {
    return protocol == PROTO_TCP;
  }

  /** A TCP SYN without ACK: the probe of a SYN scan. */
  public boolean isTcpSyn() {
    return protocol == PROTO_TCP && (tcpFlags & 0x12) == 0x02;
  }
}
