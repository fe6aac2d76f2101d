package io.fathom.lab;

import io.fathom.packet.Checksums;
import io.fathom.packet.EthernetHeader;
import io.fathom.packet.Ipv4Header;
import io.fathom.packet.TcpHeader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Writes well-formed Ethernet/IPv4/TCP frames (no options, no payload, correct checksums) from any source to the
 * scanner: the raw material of every forged answer, and of every malformed one before it is damaged.
 *
 * <p>The constant bytes (MACs, EtherType, IP version, length, flags, TTL, protocol, destination) are written once
 * into a template; a frame is a copy of it with the varying fields patched in. Both checksums are then summed
 * over their 20 bytes: a flooder's few tens of thousands of frames a second do not need incremental updates.
 */
final class ForgedTcpFrame {
  static final int IP_OFFSET = EthernetHeader.LENGTH;
  static final int TCP_OFFSET = IP_OFFSET + Ipv4Header.LENGTH;
  static final int LENGTH = TCP_OFFSET + TcpHeader.LENGTH;
  static final int TTL = 64;

  private final int destinationIp;
  private final MemorySegment template;
  private final Ipv4Header ip = new Ipv4Header();
  private final TcpHeader tcp = new TcpHeader();

  ForgedTcpFrame(long sourceMac, long destinationMac, int destinationIp) {
    this.destinationIp = destinationIp;
    this.template = Arena.ofAuto().allocate(LENGTH, 8);
    new EthernetHeader().wrap(template, 0)
        .destination(destinationMac)
        .source(sourceMac)
        .etherType(EthernetHeader.ETHERTYPE_IPV4);
    new Ipv4Header().wrap(template, IP_OFFSET)
        .versionIhl(Ipv4Header.VERSION_IHL_NO_OPTIONS)
        .totalLength(Ipv4Header.LENGTH + TcpHeader.LENGTH)
        .flagsFragment(Ipv4Header.FLAG_DF)
        .ttl(TTL)
        .protocol(Ipv4Header.PROTO_TCP)
        .destination(destinationIp);
    new TcpHeader().wrap(template, TCP_OFFSET).dataOffset(TcpHeader.LENGTH / 4);
  }

  int destinationIp() {
    return destinationIp;
  }

  /** Writes one frame of {@link #LENGTH} bytes at offset 0 of {@code frame}; returns its length. */
  int write(MemorySegment frame, int sourceIp, int ipId, int sourcePort, int destinationPort, int flags, int seq,
      int ack, int window) {
    MemorySegment.copy(template, 0, frame, 0, LENGTH);
    ip.wrap(frame, IP_OFFSET).id(ipId).source(sourceIp);
    tcp.wrap(frame, TCP_OFFSET)
        .sourcePort(sourcePort)
        .destinationPort(destinationPort)
        .seq(seq)
        .ack(ack)
        .flags(flags)
        .window(window);
    repairIpChecksum(frame);
    repairTcpChecksum(frame, sourceIp);
    return LENGTH;
  }

  /** Sets the IP checksum over the fixed 20-byte header, whatever its IHL field now claims. */
  void repairIpChecksum(MemorySegment frame) {
    ip.wrap(frame, IP_OFFSET).checksum(0).checksum(Checksums.internet(frame, IP_OFFSET, Ipv4Header.LENGTH));
  }

  /** Sets the TCP checksum over the 20-byte header, whatever its data offset field now claims. */
  void repairTcpChecksum(MemorySegment frame, int sourceIp) {
    tcp.wrap(frame, TCP_OFFSET).computeChecksum(sourceIp, destinationIp, TcpHeader.LENGTH);
  }
}
