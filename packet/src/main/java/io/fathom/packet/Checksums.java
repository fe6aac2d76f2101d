package io.fathom.packet;

import java.lang.foreign.MemorySegment;

/**
 * The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
 *
 * <p>The checksum is the one's-complement of the one's-complement sum of the data taken as big-endian 16-bit
 * words (an odd last byte is padded with a zero byte on the right). One's-complement addition is addition modulo
 * 0xFFFF with the "end-around carry": because 2^16 = 1 (mod 0xFFFF), a 32-bit or 64-bit word is congruent to the
 * sum of its 16-bit halves, so we may add 32-bit halves of 8-byte loads into a 64-bit accumulator and
 * {@linkplain #fold fold} the carries back at the end. Any positive total folds to a value in [1, 0xFFFF], so
 * the folded sum of data that is not all zero is never 0, and a computed checksum is never 0xFFFF (RFC 1624
 * section 3). A receiver verifies by summing everything, checksum field included, and expecting 0xFFFF.
 *
 * <p>Incremental update (RFC 1624 equation 3): when a 16-bit word m changes to m', the new checksum is
 * {@code HC' = ~(~HC + ~m + m')}; it equals a full recomputation bit for bit whenever HC was computed fully.
 * TCP and UDP checksums also cover a pseudo-header: source and destination address, protocol and the
 * transport length.
 */
public final class Checksums {
  private Checksums() {}

  /** The RFC 1071 checksum of {@code length} bytes at {@code offset}: the value a checksum field must hold. */
  public static int internet(MemorySegment segment, long offset, int length) {
    return ~fold(accumulate(segment, offset, length)) & 0xFFFF;
  }

  /** The folded one's-complement sum (not complemented) of {@code length} bytes, in [0, 0xFFFF]. */
  public static int sum(MemorySegment segment, long offset, int length) {
    return fold(accumulate(segment, offset, length));
  }

  /**
   * Adds the data as big-endian 32-bit (and a trailing 16-bit and 8-bit) words into a 64-bit accumulator,
   * unfolded. Safe for any int length: each 8-byte step adds less than 2^33.
   */
  static long accumulate(MemorySegment segment, long offset, int length) {
    long acc = 0;
    long at = offset;
    long end = offset + length;
    while (end - at >= 8) {
      long v = segment.get(NetworkOrder.LONG, at);
      acc += (v >>> 32) + (v & 0xFFFF_FFFFL);
      at += 8;
    }
    if (end - at >= 4) {
      acc += segment.get(NetworkOrder.INT, at) & 0xFFFF_FFFFL;
      at += 4;
    }
    if (end - at >= 2) {
      acc += segment.get(NetworkOrder.SHORT, at) & 0xFFFF;
      at += 2;
    }
    if (end - at == 1) {
      acc += (long) NetworkOrder.getU8(segment, at) << 8;
    }
    return acc;
  }

  /** Folds an unsigned 64-bit sum of words to a 16-bit one's-complement sum, adding the carries back. */
  public static int fold(long sum) {
    long s = (sum & 0xFFFF_FFFFL) + (sum >>> 32);
    s = (s & 0xFFFF) + (s >>> 16);
    s = (s & 0xFFFF) + (s >>> 16);
    s = (s & 0xFFFF) + (s >>> 16);
    return (int) s;
  }

  /** The folded sum of the TCP/UDP pseudo-header: addresses, protocol and transport length (header + data). */
  public static int tcpPseudoHeaderSum(int srcIp, int dstIp, int protocol, int length) {
    long s = (srcIp >>> 16) + (srcIp & 0xFFFF) + (dstIp >>> 16) + (dstIp & 0xFFFF);
    return fold(s + (protocol & 0xFF) + (length & 0xFFFF));
  }

  /**
   * The checksum a TCP segment of {@code length} bytes (header + data) at {@code offset} must carry, computed
   * as if its checksum field were zero, so it may be called on a segment in place.
   */
  public static int tcpChecksum(MemorySegment segment, long offset, int length, int srcIp, int dstIp) {
    return transport(segment, offset, length, srcIp, dstIp, Ipv4Header.PROTO_TCP, TcpHeader.CHECKSUM_OFFSET);
  }

  /**
   * The checksum a UDP datagram of {@code length} bytes at {@code offset} must carry, ignoring its current
   * checksum field; a computed 0 is sent as 0xFFFF because 0 means "no checksum" in UDP (RFC 768).
   */
  public static int udpChecksum(MemorySegment segment, long offset, int length, int srcIp, int dstIp) {
    int c = transport(segment, offset, length, srcIp, dstIp, Ipv4Header.PROTO_UDP, UdpHeader.CHECKSUM_OFFSET);
    return c == 0 ? 0xFFFF : c;
  }

  /** The checksum an ICMP message of {@code length} bytes must carry, ignoring its current checksum field. */
  public static int icmpChecksum(MemorySegment segment, long offset, int length) {
    checkCovers(length, IcmpHeader.CHECKSUM_OFFSET);
    return ~fold(accumulateSkipping(segment, offset, length, IcmpHeader.CHECKSUM_OFFSET)) & 0xFFFF;
  }

  /** True when a TCP or UDP segment (checksum field included) sums with its pseudo-header to 0xFFFF. */
  public static boolean transportValid(MemorySegment segment, long offset, int length, int srcIp, int dstIp,
      int protocol) {
    long s = accumulate(segment, offset, length) + tcpPseudoHeaderSum(srcIp, dstIp, protocol, length);
    return fold(s) == 0xFFFF;
  }

  /** RFC 1624 equation 3: the checksum after a covered 16-bit word changes from {@code oldWord} to {@code newWord}. */
  public static int adjust(int checksum, int oldWord, int newWord) {
    int s = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
    s = (s & 0xFFFF) + (s >>> 16);
    s = (s & 0xFFFF) + (s >>> 16);
    return ~s & 0xFFFF;
  }

  /** {@link #adjust} for a covered 32-bit field (two words), such as an address or a sequence number. */
  public static int adjust32(int checksum, int oldValue, int newValue) {
    int s = (~checksum & 0xFFFF) + (~oldValue >>> 16) + (~oldValue & 0xFFFF) + (newValue >>> 16) + (newValue & 0xFFFF);
    s = (s & 0xFFFF) + (s >>> 16);
    s = (s & 0xFFFF) + (s >>> 16);
    return ~s & 0xFFFF;
  }

  private static int transport(MemorySegment segment, long offset, int length, int srcIp, int dstIp, int protocol,
      int checksumOffset) {
    checkCovers(length, checksumOffset);
    long s = accumulateSkipping(segment, offset, length, checksumOffset) + tcpPseudoHeaderSum(srcIp, dstIp, protocol,
        length);
    return ~fold(s) & 0xFFFF;
  }

  /** Sums around the 16-bit word at the even relative offset {@code skip}, as if it were zero. */
  private static long accumulateSkipping(MemorySegment segment, long offset, int length, int skip) {
    return accumulate(segment, offset, skip) + accumulate(segment, offset + skip + 2, length - skip - 2);
  }

  private static void checkCovers(int length, int checksumOffset) {
    if (length < checksumOffset + 2) {
      throw new IllegalArgumentException("length " + length + " does not cover the checksum field");
    }
  }
}
