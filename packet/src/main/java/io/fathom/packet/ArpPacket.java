package io.fathom.packet;

import java.lang.foreign.MemorySegment;

/**
 * Flyweight over an Ethernet/IPv4 ARP packet (RFC 826), the 28 bytes after the Ethernet header, with helpers
 * to write a broadcast request frame and to recognise the reply that answers it.
 */
public final class ArpPacket extends HeaderFlyweight {
  public static final int LENGTH = 28;
  /** Ethernet header plus ARP packet: the length of a request frame before any padding. */
  public static final int FRAME_LENGTH = EthernetHeader.LENGTH + LENGTH;

  public static final int HARDWARE_TYPE_OFFSET = 0;
  public static final int PROTOCOL_TYPE_OFFSET = 2;
  public static final int HARDWARE_LENGTH_OFFSET = 4;
  public static final int PROTOCOL_LENGTH_OFFSET = 5;
  public static final int OP_OFFSET = 6;
  public static final int SENDER_HARDWARE_OFFSET = 8;
  public static final int SENDER_PROTOCOL_OFFSET = 14;
  public static final int TARGET_HARDWARE_OFFSET = 18;
  public static final int TARGET_PROTOCOL_OFFSET = 24;

  public static final int HARDWARE_ETHERNET = 1;
  public static final int REQUEST = 1;
  public static final int REPLY = 2;

  @Override
  public ArpPacket wrap(MemorySegment segment, long offset) {
    super.wrap(segment, offset);
    return this;
  }

  /**
   * Writes a broadcast "who has {@code targetIp}" request frame from {@code srcMac}/{@code srcIp} at
   * {@code offset}; returns its length, {@value #FRAME_LENGTH}.
   */
  public static int writeRequest(MemorySegment segment, long offset, long srcMac, int srcIp, int targetIp) {
    NetworkOrder.putMac(segment, offset + EthernetHeader.DESTINATION_OFFSET, Macs.BROADCAST);
    NetworkOrder.putMac(segment, offset + EthernetHeader.SOURCE_OFFSET, srcMac);
    NetworkOrder.putU16(segment, offset + EthernetHeader.ETHER_TYPE_OFFSET, EthernetHeader.ETHERTYPE_ARP);
    long arp = offset + EthernetHeader.LENGTH;
    writeEthernetIpv4Preamble(segment, arp, REQUEST);
    NetworkOrder.putMac(segment, arp + SENDER_HARDWARE_OFFSET, srcMac);
    NetworkOrder.putInt(segment, arp + SENDER_PROTOCOL_OFFSET, srcIp);
    NetworkOrder.putMac(segment, arp + TARGET_HARDWARE_OFFSET, 0L);
    NetworkOrder.putInt(segment, arp + TARGET_PROTOCOL_OFFSET, targetIp);
    return FRAME_LENGTH;
  }

  /**
   * The sender MAC of the frame at {@code offset} if it is an Ethernet/IPv4 ARP reply sent by {@code ip},
   * else -1. Reads nothing beyond {@code length} bytes and never throws for short or foreign frames.
   */
  public static long replySenderMac(MemorySegment segment, long offset, int length, int ip) {
    if (length < FRAME_LENGTH || offset < 0 || offset + FRAME_LENGTH > segment.byteSize()
        || NetworkOrder.getU16(segment, offset + EthernetHeader.ETHER_TYPE_OFFSET) != EthernetHeader.ETHERTYPE_ARP) {
      return -1;
    }
    long arp = offset + EthernetHeader.LENGTH;
    if (!isEthernetIpv4(segment, arp) || NetworkOrder.getU16(segment, arp + OP_OFFSET) != REPLY
        || NetworkOrder.getInt(segment, arp + SENDER_PROTOCOL_OFFSET) != ip) {
      return -1;
    }
    return NetworkOrder.getMac(segment, arp + SENDER_HARDWARE_OFFSET);
  }

  /** True when the fixed fields at {@code arp} say Ethernet hardware addresses and IPv4 protocol addresses. */
  static boolean isEthernetIpv4(MemorySegment segment, long arp) {
    return NetworkOrder.getU16(segment, arp + HARDWARE_TYPE_OFFSET) == HARDWARE_ETHERNET
        && NetworkOrder.getU16(segment, arp + PROTOCOL_TYPE_OFFSET) == EthernetHeader.ETHERTYPE_IPV4
        && NetworkOrder.getU8(segment, arp + HARDWARE_LENGTH_OFFSET) == 6
        && NetworkOrder.getU8(segment, arp + PROTOCOL_LENGTH_OFFSET) == 4;
  }

  private static void writeEthernetIpv4Preamble(MemorySegment segment, long arp, int op) {
    NetworkOrder.putU16(segment, arp + HARDWARE_TYPE_OFFSET, HARDWARE_ETHERNET);
    NetworkOrder.putU16(segment, arp + PROTOCOL_TYPE_OFFSET, EthernetHeader.ETHERTYPE_IPV4);
    NetworkOrder.putU8(segment, arp + HARDWARE_LENGTH_OFFSET, 6);
    NetworkOrder.putU8(segment, arp + PROTOCOL_LENGTH_OFFSET, 4);
    NetworkOrder.putU16(segment, arp + OP_OFFSET, op);
  }

  /** Fills hardware type, protocol type and address lengths for Ethernet/IPv4 and sets the operation. */
  public ArpPacket ethernetIpv4(int op) {
    writeEthernetIpv4Preamble(segment, offset, op);
    return this;
  }

  public int hardwareType() {
    return NetworkOrder.getU16(segment, offset + HARDWARE_TYPE_OFFSET);
  }

  public ArpPacket hardwareType(int type) {
    NetworkOrder.putU16(segment, offset + HARDWARE_TYPE_OFFSET, type);
    return this;
  }

  public int protocolType() {
    return NetworkOrder.getU16(segment, offset + PROTOCOL_TYPE_OFFSET);
  }

  public ArpPacket protocolType(int type) {
    NetworkOrder.putU16(segment, offset + PROTOCOL_TYPE_OFFSET, type);
    return this;
  }

  public int hardwareLength() {
    return NetworkOrder.getU8(segment, offset + HARDWARE_LENGTH_OFFSET);
  }

  public ArpPacket hardwareLength(int length) {
    NetworkOrder.putU8(segment, offset + HARDWARE_LENGTH_OFFSET, length);
    return this;
  }

  public int protocolLength() {
    return NetworkOrder.getU8(segment, offset + PROTOCOL_LENGTH_OFFSET);
  }

  public ArpPacket protocolLength(int length) {
    NetworkOrder.putU8(segment, offset + PROTOCOL_LENGTH_OFFSET, length);
    return this;
  }

  public int op() {
    return NetworkOrder.getU16(segment, offset + OP_OFFSET);
  }

  public ArpPacket op(int op) {
    NetworkOrder.putU16(segment, offset + OP_OFFSET, op);
    return this;
  }

  public long senderHardware() {
    return NetworkOrder.getMac(segment, offset + SENDER_HARDWARE_OFFSET);
  }

  public ArpPacket senderHardware(long mac) {
    NetworkOrder.putMac(segment, offset + SENDER_HARDWARE_OFFSET, mac);
    return this;
  }

  public int senderProtocol() {
    return NetworkOrder.getInt(segment, offset + SENDER_PROTOCOL_OFFSET);
  }

  public ArpPacket senderProtocol(int ip) {
    NetworkOrder.putInt(segment, offset + SENDER_PROTOCOL_OFFSET, ip);
    return this;
  }

  public long targetHardware() {
    return NetworkOrder.getMac(segment, offset + TARGET_HARDWARE_OFFSET);
  }

  public ArpPacket targetHardware(long mac) {
    NetworkOrder.putMac(segment, offset + TARGET_HARDWARE_OFFSET, mac);
    return this;
  }

  public int targetProtocol() {
    return NetworkOrder.getInt(segment, offset + TARGET_PROTOCOL_OFFSET);
  }

  public ArpPacket targetProtocol(int ip) {
    NetworkOrder.putInt(segment, offset + TARGET_PROTOCOL_OFFSET, ip);
    return this;
  }
}
