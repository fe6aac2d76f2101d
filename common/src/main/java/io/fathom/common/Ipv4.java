package io.fathom.common;

/** IPv4 addresses as ints (network order in value: {@code 198.18.0.1 == 0xC6120001}); parsing without DNS. */
public final class Ipv4 {
  private Ipv4() {}

  /** Parses dotted-quad text strictly (four decimal parts 0-255, no leading '+', no hostnames). */
  public static int parse(CharSequence text) {
    int value = 0;
    int part = 0;
    int digits = 0;
    int parts = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        part = part * 10 + (c - '0');
        if (++digits > 3 || part > 255) {
          throw new IllegalArgumentException("invalid IPv4 address '" + text + "'");
        }
      } else if (c == '.' && digits > 0 && parts < 3) {
        value = (value << 8) | part;
        parts++;
        part = 0;
        digits = 0;
      } else {
        throw new IllegalArgumentException("invalid IPv4 address '" + text + "'");
      }
    }
    if (parts != 3 || digits == 0) {
      throw new IllegalArgumentException("invalid IPv4 address '" + text + "'");
    }
    return (value << 8) | part;
  }

  /** True when {@code text} is a dotted quad that {@link #parse} accepts. */
  public static boolean isAddress(CharSequence text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static String format(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
  }

  /** The address as an unsigned value in [0, 2^32). */
  public static long unsigned(int address) {
    return address & 0xFFFF_FFFFL;
  }
}
