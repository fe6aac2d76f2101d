package io.fathom.detect.scan;

import io.fathom.detect.PacketView;

/** Fills one reused PacketView for the synthetic streams of the scan tests. */
final class Traffic {
  static final long SECOND = 1_000_000_000L;
  static final long MILLI = 1_000_000L;

  final PacketView view = new PacketView();

  static int ip(int a, int b, int c, int d) {
    return a << 24 | b << 16 | c << 8 | d;
  }

  PacketView tcp(long time, int src, int dst, int srcPort, int dstPort, int flags, int seq) {
    view.clear();
    view.timestampNanos = time;
    view.srcIp = src;
    view.dstIp = dst;
    view.protocol = PacketView.PROTO_TCP;
    view.ttl = 64;
    view.ipLength = 44;
    view.srcPort = srcPort;
    view.dstPort = dstPort;
    view.tcpFlags = flags;
    view.seq = seq;
    view.window = 65535;
    view.tcpOptionsLength = 4;
    view.tcpOptionKinds = 0x02;
    view.mss = 1460;
    return view;
  }

  /** A SYN whose sequence number differs per destination and port, like a stateless scanner's. */
  PacketView syn(long time, int src, int dst, int dstPort) {
    return tcp(time, src, dst, 54321, dstPort, 0x02, dst * 31 + dstPort);
  }

  PacketView synAck(long time, int src, int dst, int srcPort, int dstPort) {
    return tcp(time, src, dst, srcPort, dstPort, 0x12, 12345);
  }

  PacketView rst(long time, int src, int dst, int srcPort, int dstPort) {
    return tcp(time, src, dst, srcPort, dstPort, 0x14, 0);
  }

  PacketView udp(long time, int src, int dst, int srcPort, int dstPort) {
    view.clear();
    view.timestampNanos = time;
    view.srcIp = src;
    view.dstIp = dst;
    view.protocol = PacketView.PROTO_UDP;
    view.ttl = 64;
    view.ipLength = 40;
    view.srcPort = srcPort;
    view.dstPort = dstPort;
    view.payloadLength = 12;
    return view;
  }

  PacketView icmp(long time, int src, int dst, int type, int code) {
    view.clear();
    view.timestampNanos = time;
    view.srcIp = src;
    view.dstIp = dst;
    view.protocol = PacketView.PROTO_ICMP;
    view.ttl = 64;
    view.ipLength = 28;
    view.icmpType = type;
    view.icmpCode = code;
    return view;
  }
}
