package io.fathom.lab;

import java.util.HexFormat;

/** 48-bit Ethernet addresses held in the low bits of a long, and their "aa:bb:cc:dd:ee:ff" text. */
final class MacAddress {
  private MacAddress() {}

  static long parse(String text) {
    String[] parts = text.strip().split(":");
    if (parts.length != 6) {
      throw new IllegalArgumentException("invalid MAC address '" + text + "'");
    }
    long value = 0;
    for (String part : parts) {
      if (part.length() != 2) {
        throw new IllegalArgumentException("invalid MAC address '" + text + "'");
      }
      value = value << 8 | HexFormat.fromHexDigits(part);
    }
    return value;
  }

  static String format(long mac) {
    StringBuilder text = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      if (shift != 40) {
        text.append(':');
      }
      text.append(HexFormat.of().toHexDigits((byte) (mac >>> shift)));
    }
    return text.toString();
  }
}
