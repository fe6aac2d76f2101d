package io.fathom.detect.decode;

import java.nio.ByteBuffer;

/** Hand-built IPv4 packets for the decoder tests (checksums left zero: the decoder does not check them). */
final class Packets {
  private Packets() {}

  static ByteBuffer ipv4(int protocol, int src, int dst, int ipId, int fragmentField, int transportLength) {
    ByteBuffer b = ByteBuffer.allocate(20 + transportLength);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transportLength)).putShort((short) ipId);
    b.putShort((short) fragmentField).put((byte) 57).put((byte) protocol).putShort((short) 0);
    b.putInt(src).putInt(dst);
    return b;
  }

  /** A SYN with MSS 1460, SACK permitted, timestamps, NOP and window scale 7 (20 option bytes). */
  static byte[] synWithOptions(int src, int dst, int srcPort, int dstPort, int seq) {
    ByteBuffer b = ipv4(6, src, dst, 54321, 0x4000, 40);
    b.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(0);
    b.put((byte) 0xA0).put((byte) 0x02).putShort((short) 64240).putShort((short) 0).putShort((short) 0);
    b.put(new byte[] {2, 4, 0x05, (byte) 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7});
    return b.array();
  }

  /** A bare SYN (no options), as ZMap sends. */
  static byte[] syn(int src, int dst, int srcPort, int dstPort, int seq) {
    ByteBuffer b = ipv4(6, src, dst, 54321, 0, 20);
    b.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(0);
    b.put((byte) 0x50).put((byte) 0x02).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
    return b.array();
  }

  static byte[] udp(int src, int dst, int srcPort, int dstPort, int payload) {
    ByteBuffer b = ipv4(17, src, dst, 1, 0, 8 + payload);
    b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload)).putShort((short) 0);
    return b.array();
  }

  static byte[] icmp(int src, int dst, int type, int code, int payload) {
    ByteBuffer b = ipv4(1, src, dst, 2, 0, 8 + payload);
    b.put((byte) type).put((byte) code).putShort((short) 0).putInt(0x00010002);
    return b.array();
  }
}
