package io.fathom.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Flyweight over an Ethernet II header (no VLAN tag): destination MAC, source MAC, EtherType. */
public final class EthernetHeader extends HeaderFlyweight {
  public static final int LENGTH = 14;
  public static final int DESTINATION_OFFSET = 0;
  public static final int SOURCE_OFFSET = 6;
  public static final int ETHER_TYPE_OFFSET = 12;
  private static final int MAC_LENGTH = 6;

  public static final int ETHERTYPE_IPV4 = 0x0800;
  public static final int ETHERTYPE_ARP = 0x0806;
  public static final int ETHERTYPE_VLAN = 0x8100;
  public static final int ETHERTYPE_QINQ = 0x88A8;
  public static final int ETHERTYPE_IPV6 = 0x86DD;

  @Override
  public EthernetHeader wrap(MemorySegment segment, long offset) {
    super.wrap(segment, offset);
    return this;
  }

  public long destination() {
    return NetworkOrder.getMac(segment, offset + DESTINATION_OFFSET);
  }

  public EthernetHeader destination(long mac) {
    NetworkOrder.putMac(segment, offset + DESTINATION_OFFSET, mac);
    return this;
  }

  /** Copies the six destination octets into {@code into[0..6)}. */
  public void copyDestination(byte[] into) {
    copyMac(DESTINATION_OFFSET, into);
  }

  /** Sets the destination from six octets {@code mac[0..6)}. */
  public EthernetHeader destination(byte[] mac) {
    return putMac(DESTINATION_OFFSET, mac);
  }

  public long source() {
    return NetworkOrder.getMac(segment, offset + SOURCE_OFFSET);
  }

  public EthernetHeader source(long mac) {
    NetworkOrder.putMac(segment, offset + SOURCE_OFFSET, mac);
    return this;
  }

  /** Copies the six source octets into {@code into[0..6)}. */
  public void copySource(byte[] into) {
    copyMac(SOURCE_OFFSET, into);
  }

  /** Sets the source from six octets {@code mac[0..6)}. */
  public EthernetHeader source(byte[] mac) {
    return putMac(SOURCE_OFFSET, mac);
  }

  public int etherType() {
    return NetworkOrder.getU16(segment, offset + ETHER_TYPE_OFFSET);
  }

  public EthernetHeader etherType(int etherType) {
    NetworkOrder.putU16(segment, offset + ETHER_TYPE_OFFSET, etherType);
    return this;
  }

  private void copyMac(int field, byte[] into) {
    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset + field, into, 0, MAC_LENGTH);
  }

  private EthernetHeader putMac(int field, byte[] mac) {
    MemorySegment.copy(mac, 0, segment, ValueLayout.JAVA_BYTE, offset + field, MAC_LENGTH);
    return this;
  }
}
