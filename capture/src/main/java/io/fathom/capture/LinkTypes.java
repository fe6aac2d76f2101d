package io.fathom.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The LINKTYPE_ values (tcpdump's list) that Fathom reads, and where the IPv4 header starts behind each link
 * header.
 */
public final class LinkTypes {
  /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
  public static final int NULL = 0;
  public static final int ETHERNET = 1;
  /** Raw IP, version 4 or 6 (told apart by the version nibble). */
  public static final int RAW = 101;
  /** OpenBSD loopback: a 4-byte address family in network byte order. */
  public static final int LOOP = 108;
  /** Linux "cooked" capture v1: 16-byte header, protocol at byte 14. */
  public static final int LINUX_SLL = 113;
  public static final int IPV4 = 228;
  /** Linux "cooked" capture v2: 20-byte header, protocol at byte 0. */
  public static final int LINUX_SLL2 = 276;

  private static final int ETHERTYPE_IPV4 = 0x0800;
  /** The EtherType IPv4 followed by the version nibble 4, as the top 20 bits of the four bytes from byte 12. */
  private static final int IPV4_VERSION_4 = ETHERTYPE_IPV4 << 4 | 4;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88a8;
  private static final int ETHERTYPE_QINQ_OLD = 0x9100;
  private static final int AF_INET = 2;
  private static final ValueLayout.OfShort NET_SHORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt NET_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private LinkTypes() {}

  /**
   * Where the IPv4 header starts, counted from the packet's first byte at {@code offset}, or -1 when the packet
   * is not IPv4, its link header is cut short, or the link type is not one of these. The header's first byte
   * must be captured and say version 4; the caller checks the rest of the header against the length.
   */
  public static int networkLayerOffset(int linkType, MemorySegment seg, long offset, int capturedLength) {
    // Untagged Ethernet, nearly every frame of a capture, in one read: EtherType IPv4 and version 4 after it.
    if (linkType == ETHERNET && capturedLength >= 16 && seg.get(NET_INT, offset + 12) >>> 12 == IPV4_VERSION_4) {
      return 14;
    }
    int at = switch (linkType) {
      case ETHERNET -> ethernet(seg, offset, capturedLength);
      case LINUX_SLL -> capturedLength >= 16 && u16(seg, offset + 14) == ETHERTYPE_IPV4 ? 16 : -1;
      case LINUX_SLL2 -> capturedLength >= 20 && u16(seg, offset) == ETHERTYPE_IPV4 ? 20 : -1;
      case NULL, LOOP -> capturedLength >= 4 && isInetFamily(seg.get(NET_INT, offset)) ? 4 : -1;
      case RAW, IPV4 -> 0;
      default -> -1;
    };
    if (at < 0 || at >= capturedLength) {
      return -1;
    }
    return (seg.get(ValueLayout.JAVA_BYTE, offset + at) & 0xf0) == 0x40 ? at : -1;
  }

  /** Ethernet II with up to two VLAN tags (802.1Q, 802.1ad). */
  private static int ethernet(MemorySegment seg, long offset, int capturedLength) {
    int at = 12;
    for (int tags = 0; tags <= 2; tags++) {
      if (capturedLength < at + 2) {
        return -1;
      }
      int type = u16(seg, offset + at);
      if (type == ETHERTYPE_IPV4) {
        return at + 2;
      }
      if (type != ETHERTYPE_VLAN && type != ETHERTYPE_QINQ && type != ETHERTYPE_QINQ_OLD) {
        return -1;
      }
      at += 4;
    }
    return -1;
  }

  /** AF_INET is 2 everywhere; the family is written in the capturing host's order (LOOP: network order). */
  private static boolean isInetFamily(int family) {
    return family == AF_INET || family == Integer.reverseBytes(AF_INET);
  }

  private static int u16(MemorySegment seg, long at) {
    return seg.get(NET_SHORT, at) & 0xffff;
  }
}
