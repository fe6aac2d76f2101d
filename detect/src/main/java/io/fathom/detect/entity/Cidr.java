package io.fathom.detect.entity;

import io.fathom.common.Ipv4;

/**
 * An IPv4 prefix: {@code 198.51.100.0/24}, or a bare address as a /32.
 *
 * @param base the first address (host bits zero)
 * @param prefix 0 to 32
 */
public record Cidr(int base, int prefix) {
  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length must be 0 to 32");
    }
    if ((base & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("host bits set in " + Ipv4.format(base) + "/" + prefix);
    }
  }

  /** Parses {@code a.b.c.d/n} or {@code a.b.c.d}; host bits must be zero. */
  public static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    if (slash < 0) {
      return new Cidr(Ipv4.parse(trimmed), 32);
    }
    String length = trimmed.substring(slash + 1);
    if (length.isEmpty() || length.length() > 2 || !length.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("invalid prefix length in '" + text + "'");
    }
    return new Cidr(Ipv4.parse(trimmed.substring(0, slash)), Integer.parseInt(length));
  }

  /** True for text that looks like an IPv6 address or prefix, which this IPv4 catalogue skips. */
  public static boolean isIpv6(String text) {
    return text.indexOf(':') >= 0;
  }

  public long first() {
    return Ipv4.unsigned(base);
  }

  public long last() {
    return first() + (1L << (32 - prefix)) - 1;
  }

  public boolean contains(int address) {
    return (address & mask(prefix)) == base;
  }

  public boolean overlaps(Cidr other) {
    return first() <= other.last() && other.first() <= last();
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + prefix;
  }
}
