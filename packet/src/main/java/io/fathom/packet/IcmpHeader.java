package io.fathom.packet;

import java.lang.foreign.MemorySegment;

/** Flyweight over the fixed 8 bytes of an ICMP message (RFC 792): type, code, checksum and the rest-of-header. */
public final class IcmpHeader extends HeaderFlyweight {
  public static final int LENGTH = 8;
  public static final int TYPE_OFFSET = 0;
  public static final int CODE_OFFSET = 1;
  public static final int CHECKSUM_OFFSET = 2;
  /** Identifier of an echo request or reply; the first half of the rest-of-header word. */
  public static final int IDENTIFIER_OFFSET = 4;
  /** Sequence number of an echo request or reply. */
  public static final int SEQUENCE_OFFSET = 6;

  public static final int TYPE_ECHO_REPLY = 0;
  public static final int TYPE_DESTINATION_UNREACHABLE = 3;
  public static final int TYPE_SOURCE_QUENCH = 4;
  public static final int TYPE_REDIRECT = 5;
  public static final int TYPE_ECHO_REQUEST = 8;
  public static final int TYPE_TIME_EXCEEDED = 11;
  public static final int TYPE_PARAMETER_PROBLEM = 12;
  public static final int TYPE_TIMESTAMP_REQUEST = 13;
  public static final int TYPE_TIMESTAMP_REPLY = 14;

  /** Destination unreachable codes used by scanners. */
  public static final int CODE_PROTOCOL_UNREACHABLE = 2;
  public static final int CODE_PORT_UNREACHABLE = 3;
  public static final int CODE_ADMIN_PROHIBITED = 13;

  @Override
  public IcmpHeader wrap(MemorySegment segment, long offset) {
    super.wrap(segment, offset);
    return this;
  }

  /** True for the error types whose body quotes the offending datagram's IP header and first 8 data bytes. */
  public static boolean isError(int type) {
    return type == TYPE_DESTINATION_UNREACHABLE || type == TYPE_TIME_EXCEEDED || type == TYPE_PARAMETER_PROBLEM
        || type == TYPE_SOURCE_QUENCH || type == TYPE_REDIRECT;
  }

  public int type() {
    return NetworkOrder.getU8(segment, offset + TYPE_OFFSET);
  }

  public IcmpHeader type(int type) {
    NetworkOrder.putU8(segment, offset + TYPE_OFFSET, type);
    return this;
  }

  public int code() {
    return NetworkOrder.getU8(segment, offset + CODE_OFFSET);
  }

  public IcmpHeader code(int code) {
    NetworkOrder.putU8(segment, offset + CODE_OFFSET, code);
    return this;
  }

  public int checksum() {
    return NetworkOrder.getU16(segment, offset + CHECKSUM_OFFSET);
  }

  public IcmpHeader checksum(int checksum) {
    NetworkOrder.putU16(segment, offset + CHECKSUM_OFFSET, checksum);
    return this;
  }

  public int identifier() {
    return NetworkOrder.getU16(segment, offset + IDENTIFIER_OFFSET);
  }

  public IcmpHeader identifier(int identifier) {
    NetworkOrder.putU16(segment, offset + IDENTIFIER_OFFSET, identifier);
    return this;
  }

  public int sequence() {
    return NetworkOrder.getU16(segment, offset + SEQUENCE_OFFSET);
  }

  public IcmpHeader sequence(int sequence) {
    NetworkOrder.putU16(segment, offset + SEQUENCE_OFFSET, sequence);
    return this;
  }

  /** Sets the checksum over {@code messageLength} bytes (header + body). */
  public IcmpHeader computeChecksum(int messageLength) {
    return checksum(Checksums.icmpChecksum(segment, offset, messageLength));
  }
}
