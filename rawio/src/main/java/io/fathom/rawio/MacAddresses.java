package io.fathom.rawio;

/**
 * 48-bit MAC addresses held in the low bits of a long (first byte highest), and their text form. Parsing
 * allocates nothing; formatting builds a String.
 */
public final class MacAddresses {
  private MacAddresses() {}

  /** Parses {@code aa:bb:cc:dd:ee:ff} (hex digits in either case); throws IllegalArgumentException. */
  public static long parse(CharSequence text) {
    if (text.length() != 17) {
      throw new IllegalArgumentException("invalid MAC address '" + text + "'");
    }
    long mac = 0;
    for (int i = 0; i < 17; i++) {
      char c = text.charAt(i);
      if (i % 3 == 2) {
        if (c != ':') {
          throw new IllegalArgumentException("invalid MAC address '" + text + "'");
        }
        continue;
      }
      int digit = Character.digit(c, 16);
      if (digit < 0) {
        throw new IllegalArgumentException("invalid MAC address '" + text + "'");
      }
      mac = (mac << 4) | digit;
    }
    return mac;
  }

  /** Formats as {@code aa:bb:cc:dd:ee:ff}. */
  public static String format(long mac) {
    StringBuilder text = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      int octet = (int) (mac >>> shift) & 0xFF;
      text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
      if (shift > 0) {
        text.append(':');
      }
    }
    return text.toString();
  }
}
