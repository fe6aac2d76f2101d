package io.fathom.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Big-endian (network order) unaligned value layouts and accessors for wire fields at any byte offset.
 *
 * <p>The plain {@link ValueLayout} constants are native-endian and aligned, so they would swap bytes on x86 and
 * throw at odd offsets; every header field goes through these instead.
 */
public final class NetworkOrder {
  public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private NetworkOrder() {}

  public static int getU8(MemorySegment segment, long offset) {
    return segment.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
  }

  public static void putU8(MemorySegment segment, long offset, int value) {
    segment.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
  }

  public static int getU16(MemorySegment segment, long offset) {
    return segment.get(SHORT, offset) & 0xFFFF;
  }

  public static void putU16(MemorySegment segment, long offset, int value) {
    segment.set(SHORT, offset, (short) value);
  }

  public static int getInt(MemorySegment segment, long offset) {
    return segment.get(INT, offset);
  }

  public static void putInt(MemorySegment segment, long offset, int value) {
    segment.set(INT, offset, value);
  }

  /** Reads a 48-bit MAC address as the low 48 bits of a long (first octet most significant). */
  public static long getMac(MemorySegment segment, long offset) {
    long high = segment.get(INT, offset) & 0xFFFF_FFFFL;
    long low = segment.get(SHORT, offset + 4) & 0xFFFFL;
    return (high << 16) | low;
  }

  /** Writes the low 48 bits of {@code mac} as six octets, first octet most significant. */
  public static void putMac(MemorySegment segment, long offset, long mac) {
    segment.set(INT, offset, (int) (mac >>> 16));
    segment.set(SHORT, offset + 4, (short) mac);
  }
}
