package io.fathom.packet;

import io.fathom.common.UsageException;

/** 48-bit Ethernet MAC addresses held in the low bits of a long: parsing and formatting "aa:bb:cc:dd:ee:ff". */
public final class Macs {
  public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
  public static final long MASK = 0xFFFF_FFFF_FFFFL;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Macs() {}

  /** Parses six two-digit hex octets separated by ':' (either case); anything else is a usage error. */
  public static long parse(CharSequence text) {
    if (text == null || text.length() != 17) {
      throw invalid(text);
    }
    long mac = 0;
    for (int octet = 0; octet < 6; octet++) {
      int at = octet * 3;
      int high = hexDigit(text.charAt(at));
      int low = hexDigit(text.charAt(at + 1));
      if (high < 0 || low < 0 || (octet < 5 && text.charAt(at + 2) != ':')) {
        throw invalid(text);
      }
      mac = (mac << 8) | (high << 4) | low;
    }
    return mac;
  }

  /** Formats the low 48 bits as lower-case "aa:bb:cc:dd:ee:ff". */
  public static String format(long mac) {
    char[] out = new char[17];
    for (int octet = 0; octet < 6; octet++) {
      int value = (int) (mac >>> (40 - 8 * octet)) & 0xFF;
      int at = octet * 3;
      out[at] = HEX[value >>> 4];
      out[at + 1] = HEX[value & 0xF];
      if (octet < 5) {
        out[at + 2] = ':';
      }
    }
    return new String(out);
  }

  /** The six octets of {@code mac}, first octet first. */
  public static byte[] toBytes(long mac) {
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) (mac >>> (40 - 8 * i));
    }
    return out;
  }

  /** The MAC held in {@code bytes[offset..offset+6)}. */
  public static long fromBytes(byte[] bytes, int offset) {
    long mac = 0;
    for (int i = 0; i < 6; i++) {
      mac = (mac << 8) | (bytes[offset + i] & 0xFF);
    }
    return mac;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static UsageException invalid(CharSequence text) {
    return new UsageException("invalid MAC address '" + text + "'");
  }
}
