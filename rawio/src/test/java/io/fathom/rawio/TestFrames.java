package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Hand-built Ethernet frames for tests (the packet module has the real builders). */
final class TestFrames {
  static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  static final int SYN_LENGTH = 54;
  static final int UDP_LENGTH = 42 + 4;
  static final int ARP_LENGTH = 42;

  private TestFrames() {}

  static void ethernet(MemorySegment frame, long destinationMac, long sourceMac, int etherType) {
    mac(frame, 0, destinationMac);
    mac(frame, 6, sourceMac);
    frame.set(U16, 12, (short) etherType);
  }

  static void mac(MemorySegment frame, long offset, long mac) {
    for (int i = 0; i < 6; i++) {
      frame.set(JAVA_BYTE, offset + i, (byte) (mac >>> (40 - 8 * i)));
    }
  }

  /** An IPv4 header (20 bytes, DF, TTL 64) at offset 14 with a correct checksum. */
  static void ipv4(MemorySegment frame, int protocol, int payloadLength, int source, int destination, int id) {
    frame.set(JAVA_BYTE, 14, (byte) 0x45);
    frame.set(JAVA_BYTE, 15, (byte) 0);
    frame.set(U16, 16, (short) (20 + payloadLength));
    frame.set(U16, 18, (short) id);
    frame.set(U16, 20, (short) 0x4000);
    frame.set(JAVA_BYTE, 22, (byte) 64);
    frame.set(JAVA_BYTE, 23, (byte) protocol);
    frame.set(U16, 24, (short) 0);
    frame.set(U32, 26, source);
    frame.set(U32, 30, destination);
    frame.set(U16, 24, (short) ~fold(sum(frame, 14, 20)));
  }

  /** A TCP SYN (54 bytes) from sourcePort with sequence number {@code sequence}. */
  static int syn(MemorySegment frame, long dstMac, long srcMac, int source, int destination, int sourcePort,
      int destinationPort, int sequence) {
    ethernet(frame, dstMac, srcMac, 0x0800);
    ipv4(frame, 6, 20, source, destination, sequence);
    frame.set(U16, 34, (short) sourcePort);
    frame.set(U16, 36, (short) destinationPort);
    frame.set(U32, 38, sequence);
    frame.set(U32, 42, 0);
    frame.set(U16, 46, (short) 0x5002);
    frame.set(U16, 48, (short) 1024);
    frame.set(U16, 50, (short) 0);
    frame.set(U16, 52, (short) 0);
    long pseudo = sum(frame, 26, 8) + 6 + 20;
    frame.set(U16, 50, (short) ~fold(pseudo + sum(frame, 34, 20)));
    return SYN_LENGTH;
  }

  /** A UDP datagram with 4 payload bytes; its checksum is left 0 (allowed for UDP over IPv4). */
  static int udp(MemorySegment frame, long dstMac, long srcMac, int source, int destination, int sourcePort,
      int destinationPort) {
    ethernet(frame, dstMac, srcMac, 0x0800);
    ipv4(frame, 17, 12, source, destination, 1);
    frame.set(U16, 34, (short) sourcePort);
    frame.set(U16, 36, (short) destinationPort);
    frame.set(U16, 38, (short) 12);
    frame.set(U16, 40, (short) 0);
    frame.set(U32, 42, 0x66617468);
    return UDP_LENGTH;
  }

  /** A broadcast ARP request: who has {@code targetIp}, tell {@code senderIp}. */
  static int arpRequest(MemorySegment frame, long senderMac, int senderIp, int targetIp) {
    ethernet(frame, 0xFFFF_FFFF_FFFFL, senderMac, 0x0806);
    frame.set(U16, 14, (short) 1);
    frame.set(U16, 16, (short) 0x0800);
    frame.set(JAVA_BYTE, 18, (byte) 6);
    frame.set(JAVA_BYTE, 19, (byte) 4);
    frame.set(U16, 20, (short) 1);
    mac(frame, 22, senderMac);
    frame.set(U32, 28, senderIp);
    mac(frame, 32, 0);
    frame.set(U32, 38, targetIp);
    return ARP_LENGTH;
  }

  private static long sum(MemorySegment frame, long offset, int length) {
    long sum = 0;
    for (int i = 0; i < length; i += 2) {
      sum += frame.get(U16, offset + i) & 0xFFFF;
    }
    return sum;
  }

  private static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) sum;
  }
}
