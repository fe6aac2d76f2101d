package io.fathom.packet;

import java.lang.foreign.MemorySegment;

/** Flyweight over a UDP header (RFC 768). */
public final class UdpHeader extends HeaderFlyweight {
  public static final int LENGTH = 8;
  public static final int SOURCE_PORT_OFFSET = 0;
  public static final int DESTINATION_PORT_OFFSET = 2;
  public static final int LENGTH_OFFSET = 4;
  public static final int CHECKSUM_OFFSET = 6;

  @Override
  public UdpHeader wrap(MemorySegment segment, long offset) {
    super.wrap(segment, offset);
    return this;
  }

  public int sourcePort() {
    return NetworkOrder.getU16(segment, offset + SOURCE_PORT_OFFSET);
  }

  public UdpHeader sourcePort(int port) {
    NetworkOrder.putU16(segment, offset + SOURCE_PORT_OFFSET, port);
    return this;
  }

  public int destinationPort() {
    return NetworkOrder.getU16(segment, offset + DESTINATION_PORT_OFFSET);
  }

  public UdpHeader destinationPort(int port) {
    NetworkOrder.putU16(segment, offset + DESTINATION_PORT_OFFSET, port);
    return this;
  }

  /** Length of header and data in bytes. */
  public int length() {
    return NetworkOrder.getU16(segment, offset + LENGTH_OFFSET);
  }

  public UdpHeader length(int length) {
    NetworkOrder.putU16(segment, offset + LENGTH_OFFSET, length);
    return this;
  }

  public int checksum() {
    return NetworkOrder.getU16(segment, offset + CHECKSUM_OFFSET);
  }

  public UdpHeader checksum(int checksum) {
    NetworkOrder.putU16(segment, offset + CHECKSUM_OFFSET, checksum);
    return this;
  }

  /** Sets the checksum over {@link #length()} bytes with the IPv4 pseudo-header. */
  public UdpHeader computeChecksum(int srcIp, int dstIp) {
    return checksum(Checksums.udpChecksum(segment, offset, length(), srcIp, dstIp));
  }
}
