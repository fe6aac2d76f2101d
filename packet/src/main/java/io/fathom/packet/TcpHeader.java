package io.fathom.packet;

import java.lang.foreign.MemorySegment;

/** Flyweight over a TCP header (RFC 9293); {@link #LENGTH} is the size without options. */
public final class TcpHeader extends HeaderFlyweight {
  public static final int LENGTH = 20;
  public static final int MAX_LENGTH = 60;
  public static final int SOURCE_PORT_OFFSET = 0;
  public static final int DESTINATION_PORT_OFFSET = 2;
  public static final int SEQ_OFFSET = 4;
  public static final int ACK_OFFSET = 8;
  public static final int DATA_OFFSET_OFFSET = 12;
  public static final int FLAGS_OFFSET = 13;
  public static final int WINDOW_OFFSET = 14;
  public static final int CHECKSUM_OFFSET = 16;
  public static final int URGENT_OFFSET = 18;

  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  public static final int URG = 0x20;
  public static final int ECE = 0x40;
  public static final int CWR = 0x80;

  @Override
  public TcpHeader wrap(MemorySegment segment, long offset) {
    super.wrap(segment, offset);
    return this;
  }

  public int sourcePort() {
    return NetworkOrder.getU16(segment, offset + SOURCE_PORT_OFFSET);
  }

  public TcpHeader sourcePort(int port) {
    NetworkOrder.putU16(segment, offset + SOURCE_PORT_OFFSET, port);
    return this;
  }

  public int destinationPort() {
    return NetworkOrder.getU16(segment, offset + DESTINATION_PORT_OFFSET);
  }

  public TcpHeader destinationPort(int port) {
    NetworkOrder.putU16(segment, offset + DESTINATION_PORT_OFFSET, port);
    return this;
  }

  public int seq() {
    return NetworkOrder.getInt(segment, offset + SEQ_OFFSET);
  }

  public TcpHeader seq(int seq) {
    NetworkOrder.putInt(segment, offset + SEQ_OFFSET, seq);
    return this;
  }

  public int ack() {
    return NetworkOrder.getInt(segment, offset + ACK_OFFSET);
  }

  public TcpHeader ack(int ack) {
    NetworkOrder.putInt(segment, offset + ACK_OFFSET, ack);
    return this;
  }

  /** Header length in 32-bit words (the high nibble of byte 12). */
  public int dataOffset() {
    return NetworkOrder.getU8(segment, offset + DATA_OFFSET_OFFSET) >>> 4;
  }

  /** Sets the header length in 32-bit words, clearing the reserved bits that share its byte. */
  public TcpHeader dataOffset(int words) {
    NetworkOrder.putU8(segment, offset + DATA_OFFSET_OFFSET, (words & 0xF) << 4);
    return this;
  }

  /** Header length in bytes, options included. */
  public int headerLength() {
    return dataOffset() * 4;
  }

  public int optionsLength() {
    return headerLength() - LENGTH;
  }

  /** The eight flag bits: {@link #FIN} through {@link #CWR}. */
  public int flags() {
    return NetworkOrder.getU8(segment, offset + FLAGS_OFFSET);
  }

  public TcpHeader flags(int flags) {
    NetworkOrder.putU8(segment, offset + FLAGS_OFFSET, flags);
    return this;
  }

  public int window() {
    return NetworkOrder.getU16(segment, offset + WINDOW_OFFSET);
  }

  public TcpHeader window(int window) {
    NetworkOrder.putU16(segment, offset + WINDOW_OFFSET, window);
    return this;
  }

  public int checksum() {
    return NetworkOrder.getU16(segment, offset + CHECKSUM_OFFSET);
  }

  public TcpHeader checksum(int checksum) {
    NetworkOrder.putU16(segment, offset + CHECKSUM_OFFSET, checksum);
    return this;
  }

  public int urgent() {
    return NetworkOrder.getU16(segment, offset + URGENT_OFFSET);
  }

  public TcpHeader urgent(int urgent) {
    NetworkOrder.putU16(segment, offset + URGENT_OFFSET, urgent);
    return this;
  }

  /** Sets the checksum over {@code segmentLength} bytes (header + data) with the IPv4 pseudo-header. */
  public TcpHeader computeChecksum(int srcIp, int dstIp, int segmentLength) {
    return checksum(Checksums.tcpChecksum(segment, offset, segmentLength, srcIp, dstIp));
  }
}
