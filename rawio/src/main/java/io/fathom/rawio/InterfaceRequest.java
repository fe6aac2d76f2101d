package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A struct ifreq for the SIOCGIF* ioctls: the interface name and a 24-byte answer area. */
final class InterfaceRequest {
  /** IFNAMSIZ less the terminating NUL. */
  static final int MAX_NAME_BYTES = 15;

  final MemorySegment segment;

  InterfaceRequest(Arena arena, String interfaceName) {
    byte[] name = validName(interfaceName);
    if (name == null) {
      throw new IllegalArgumentException("invalid interface name '" + interfaceName + "'");
    }
    segment = arena.allocate(LinuxStructs.IFREQ);
    MemorySegment.copy(name, 0, segment, JAVA_BYTE, 0, name.length);
  }

  /** The name as ifreq wants it, or null when the kernel could never accept it. */
  static byte[] validName(String interfaceName) {
    byte[] name = interfaceName.getBytes(StandardCharsets.UTF_8);
    if (name.length == 0 || name.length > MAX_NAME_BYTES || interfaceName.indexOf('/') >= 0
        || interfaceName.indexOf('\0') >= 0) {
      return null;
    }
    return name;
  }

  static boolean isValidName(String interfaceName) {
    return validName(interfaceName) != null;
  }

  int intAnswer() {
    return segment.get(JAVA_INT, LinuxStructs.IFR_DATA);
  }

  /** The IPv4 address of a sockaddr_in answer (family at 0, port at 2, address at 4). */
  int ipv4Answer() {
    return segment.get(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), LinuxStructs.IFR_DATA + 4);
  }

  /** The 6-byte hardware address of a sockaddr answer (family at 0, data from 2), as a 48-bit value. */
  long macAnswer() {
    long mac = 0;
    for (int i = 0; i < 6; i++) {
      mac = (mac << 8) | (segment.get(JAVA_BYTE, LinuxStructs.IFR_DATA + 2 + i) & 0xFF);
    }
    return mac;
  }
}
