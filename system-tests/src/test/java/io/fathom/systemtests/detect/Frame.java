package io.fathom.systemtests.detect;

import java.nio.ByteBuffer;

/**
 * One Ethernet II frame carrying IPv4 and a TCP, UDP or ICMP header, built field by field and written out with
 * correct IPv4, TCP, UDP and ICMP checksums. Test traffic only: every field a detector reads can be set, defaults
 * are those of a Linux host (TTL 64, DF clear, window 64240).
 */
final class Frame {
  static final int ETHERNET_HEADER = 14;
  static final int IPV4_HEADER = 20;
  static final int TCP_HEADER = 20;
  static final int UDP_HEADER = 8;
  static final int ICMP_HEADER = 8;

  static final int PROTO_ICMP = 1;
  static final int PROTO_TCP = 6;
  static final int PROTO_UDP = 17;

  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACK = 0x10;

  static final int ICMP_ECHO_REPLY = 0;
  static final int ICMP_UNREACHABLE = 3;
  static final int ICMP_ECHO_REQUEST = 8;

  /** MSS 1460, NOP, window scale 8, NOP, NOP, SACK-permitted: the options of a Windows SYN (and of ZMap 4.1.1+). */
  static final byte[] WINDOWS_OPTIONS = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 8, 1, 1, 4, 2};
  /** A lone MSS 1460 option. */
  static final byte[] MSS_1460 = {2, 4, 0x05, (byte) 0xb4};

  private static final byte[] SENDER_MAC = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
  private static final byte[] TELESCOPE_MAC = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x02};
  private static final int ETHERTYPE_IPV4 = 0x0800;

  private final int protocol;
  private final int src;
  private final int dst;
  private int ttl = 64;
  private int ipId;
  private boolean moreFragments;
  private int fragmentOffset;
  private int srcPort;
  private int dstPort;
  private int seq;
  private int ack;
  private int flags;
  private int window = 64240;
  private byte[] options = new byte[0];
  private int icmpType;
  private int icmpCode;
  private byte[] payload = new byte[0];

  private Frame(int protocol, int src, int dst) {
    this.protocol = protocol;
    this.src = src;
    this.dst = dst;
  }

  static Frame tcp(int src, int dst, int srcPort, int dstPort, int flags) {
    Frame f = new Frame(PROTO_TCP, src, dst);
    f.srcPort = srcPort;
    f.dstPort = dstPort;
    f.flags = flags;
    return f;
  }

  static Frame udp(int src, int dst, int srcPort, int dstPort) {
    Frame f = new Frame(PROTO_UDP, src, dst);
    f.srcPort = srcPort;
    f.dstPort = dstPort;
    return f;
  }

  static Frame icmp(int src, int dst, int type, int code) {
    Frame f = new Frame(PROTO_ICMP, src, dst);
    f.icmpType = type;
    f.icmpCode = code;
    return f;
  }

  Frame ttl(int v) {
    ttl = v;
    return this;
  }

  Frame ipId(int v) {
    ipId = v & 0xFFFF;
    return this;
  }

  /** Marks a fragment: more fragments follow and/or this one starts {@code offsetBytes} (a multiple of 8) in. */
  Frame fragment(boolean more, int offsetBytes) {
    moreFragments = more;
    fragmentOffset = offsetBytes / 8;
    return this;
  }

  Frame seq(int v) {
    seq = v;
    return this;
  }

  Frame ack(int v) {
    ack = v;
    return this;
  }

  Frame window(int v) {
    window = v;
    return this;
  }

  /** TCP options, padded with end-of-list bytes to a multiple of four. */
  Frame options(byte[] v) {
    options = v.clone();
    return this;
  }

  Frame payload(byte[] v) {
    payload = v.clone();
    return this;
  }

  /** The whole frame: Ethernet header, IPv4 header, transport header, options and payload. */
  byte[] bytes() {
    byte[] ip = ipPacket();
    ByteBuffer b = ByteBuffer.allocate(ETHERNET_HEADER + ip.length);
    b.put(TELESCOPE_MAC).put(SENDER_MAC).putShort((short) ETHERTYPE_IPV4).put(ip);
    return b.array();
  }

  /** The IPv4 packet alone (for raw-IP link types). */
  byte[] ipPacket() {
    byte[] transport = transport();
    ByteBuffer b = ByteBuffer.allocate(IPV4_HEADER + transport.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4_HEADER + transport.length)).putShort((short) ipId);
    b.putShort((short) ((moreFragments ? 0x2000 : 0) | fragmentOffset));
    b.put((byte) ttl).put((byte) protocol).putShort((short) 0).putInt(src).putInt(dst);
    b.putShort(10, (short) checksum(b.array(), 0, IPV4_HEADER, 0));
    b.put(transport);
    return b.array();
  }

  private byte[] transport() {
    return switch (protocol) {
      case PROTO_TCP -> tcpSegment();
      case PROTO_UDP -> udpDatagram();
      default -> icmpMessage();
    };
  }

  private byte[] tcpSegment() {
    int optionBytes = (options.length + 3) & ~3;
    int headerLength = TCP_HEADER + optionBytes;
    ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
    b.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(ack);
    b.put((byte) ((headerLength / 4) << 4)).put((byte) flags).putShort((short) window);
    b.putShort((short) 0).putShort((short) 0).put(options).position(headerLength);
    b.put(payload);
    byte[] segment = b.array();
    putShort(segment, 16, transportChecksum(segment));
    return segment;
  }

  private byte[] udpDatagram() {
    ByteBuffer b = ByteBuffer.allocate(UDP_HEADER + payload.length);
    b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (UDP_HEADER + payload.length));
    b.putShort((short) 0).put(payload);
    byte[] datagram = b.array();
    int sum = transportChecksum(datagram);
    putShort(datagram, 6, sum == 0 ? 0xFFFF : sum); // 0 would mean "no checksum"
    return datagram;
  }

  private byte[] icmpMessage() {
    ByteBuffer b = ByteBuffer.allocate(ICMP_HEADER + payload.length);
    b.put((byte) icmpType).put((byte) icmpCode).putShort((short) 0).putShort((short) (ipId ^ 0x5a5a))
        .putShort((short) 1).put(payload);
    byte[] message = b.array();
    putShort(message, 2, checksum(message, 0, message.length, 0));
    return message;
  }

  /** TCP and UDP sum the pseudo-header (addresses, protocol, length) before the segment. */
  private int transportChecksum(byte[] segment) {
    long pseudo = (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + protocol + segment.length;
    return checksum(segment, 0, segment.length, pseudo);
  }

  /** RFC 1071: the ones' complement of the ones' complement sum of 16-bit words, plus {@code initial}. */
  static int checksum(byte[] data, int offset, int length, long initial) {
    long sum = initial;
    for (int i = 0; i + 1 < length; i += 2) {
      sum += ((data[offset + i] & 0xFF) << 8) | (data[offset + i + 1] & 0xFF);
    }
    if ((length & 1) != 0) {
      sum += (data[offset + length - 1] & 0xFF) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  private static void putShort(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }
}
