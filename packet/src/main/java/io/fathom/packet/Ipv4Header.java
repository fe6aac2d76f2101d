package io.fathom.packet;

import java.lang.foreign.MemorySegment;

/** Flyweight over an IPv4 header (RFC 791); {@link #LENGTH} is the size without options. */
public final class Ipv4Header extends HeaderFlyweight {
  public static final int LENGTH = 20;
  public static final int VERSION_IHL_OFFSET = 0;
  public static final int TOS_OFFSET = 1;
  public static final int TOTAL_LENGTH_OFFSET = 2;
  public static final int ID_OFFSET = 4;
  public static final int FLAGS_FRAGMENT_OFFSET = 6;
  public static final int TTL_OFFSET = 8;
  public static final int PROTOCOL_OFFSET = 9;
  public static final int CHECKSUM_OFFSET = 10;
  public static final int SOURCE_OFFSET = 12;
  public static final int DESTINATION_OFFSET = 16;

  public static final int PROTO_ICMP = 1;
  public static final int PROTO_TCP = 6;
  public static final int PROTO_UDP = 17;

  /** Version 4, IHL 5: the first byte of a header without options. */
  public static final int VERSION_IHL_NO_OPTIONS = 0x45;
  /** Don't Fragment, in {@link #flagsFragment()}. */
  public static final int FLAG_DF = 0x4000;
  /** More Fragments, in {@link #flagsFragment()}. */
  public static final int FLAG_MF = 0x2000;
  public static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

  @Override
  public Ipv4Header wrap(MemorySegment segment, long offset) {
    super.wrap(segment, offset);
    return this;
  }

  public int versionIhl() {
    return NetworkOrder.getU8(segment, offset + VERSION_IHL_OFFSET);
  }

  public Ipv4Header versionIhl(int versionIhl) {
    NetworkOrder.putU8(segment, offset + VERSION_IHL_OFFSET, versionIhl);
    return this;
  }

  public int version() {
    return versionIhl() >>> 4;
  }

  /** Header length in 32-bit words. */
  public int ihl() {
    return versionIhl() & 0xF;
  }

  /** Header length in bytes, options included. */
  public int headerLength() {
    return ihl() * 4;
  }

  public int tos() {
    return NetworkOrder.getU8(segment, offset + TOS_OFFSET);
  }

  public Ipv4Header tos(int tos) {
    NetworkOrder.putU8(segment, offset + TOS_OFFSET, tos);
    return this;
  }

  public int totalLength() {
    return NetworkOrder.getU16(segment, offset + TOTAL_LENGTH_OFFSET);
  }

  public Ipv4Header totalLength(int totalLength) {
    NetworkOrder.putU16(segment, offset + TOTAL_LENGTH_OFFSET, totalLength);
    return this;
  }

  public int id() {
    return NetworkOrder.getU16(segment, offset + ID_OFFSET);
  }

  public Ipv4Header id(int id) {
    NetworkOrder.putU16(segment, offset + ID_OFFSET, id);
    return this;
  }

  /** The 3 flag bits and the 13-bit fragment offset (in 8-byte units) as one 16-bit value. */
  public int flagsFragment() {
    return NetworkOrder.getU16(segment, offset + FLAGS_FRAGMENT_OFFSET);
  }

  public Ipv4Header flagsFragment(int flagsFragment) {
    NetworkOrder.putU16(segment, offset + FLAGS_FRAGMENT_OFFSET, flagsFragment);
    return this;
  }

  public int ttl() {
    return NetworkOrder.getU8(segment, offset + TTL_OFFSET);
  }

  public Ipv4Header ttl(int ttl) {
    NetworkOrder.putU8(segment, offset + TTL_OFFSET, ttl);
    return this;
  }

  public int protocol() {
    return NetworkOrder.getU8(segment, offset + PROTOCOL_OFFSET);
  }

  public Ipv4Header protocol(int protocol) {
    NetworkOrder.putU8(segment, offset + PROTOCOL_OFFSET, protocol);
    return this;
  }

  public int checksum() {
    return NetworkOrder.getU16(segment, offset + CHECKSUM_OFFSET);
  }

  public Ipv4Header checksum(int checksum) {
    NetworkOrder.putU16(segment, offset + CHECKSUM_OFFSET, checksum);
    return this;
  }

  public int source() {
    return NetworkOrder.getInt(segment, offset + SOURCE_OFFSET);
  }

  public Ipv4Header source(int address) {
    NetworkOrder.putInt(segment, offset + SOURCE_OFFSET, address);
    return this;
  }

  public int destination() {
    return NetworkOrder.getInt(segment, offset + DESTINATION_OFFSET);
  }

  public Ipv4Header destination(int address) {
    NetworkOrder.putInt(segment, offset + DESTINATION_OFFSET, address);
    return this;
  }

  /** Sets the header checksum over {@link #headerLength()} bytes (the field is zeroed first). */
  public Ipv4Header computeChecksum() {
    checksum(0);
    return checksum(Checksums.internet(segment, offset, headerLength()));
  }

  /** True when the header, checksum included, sums to 0xFFFF. */
  public boolean checksumValid() {
    return Checksums.sum(segment, offset, headerLength()) == 0xFFFF;
  }
}
