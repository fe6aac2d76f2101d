package io.fathom.detect.scan;

import io.fathom.common.Ipv4;

/**
 * An IPv4 prefix (CIDR block), e.g. a telescope's address space.
 *
 * @param address the network address (host bits must be zero)
 * @param length the prefix length, 0 to 32
 */
public record Prefix(int address, int length) {
  public Prefix {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("prefix length must be 0-32, not " + length);
    }
    if ((address & ~mask(length)) != 0) {
      throw new IllegalArgumentException("host bits set in " + Ipv4.format(address) + "/" + length);
    }
  }

  /** Parses {@code a.b.c.d/n} (or a bare address, a /32). */
  public static Prefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return new Prefix(Ipv4.parse(text), 32);
    }
    int length;
    try {
      length = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid prefix length in '" + text + "'");
    }
    return new Prefix(Ipv4.parse(text.substring(0, slash)), length);
  }

  static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  /** Addresses in the prefix, 1 to 2^32. */
  public long size() {
    return 1L << (32 - length);
  }

  public boolean contains(int ip) {
    return (ip & mask(length)) == address;
  }

  @Override
  public String toString() {
    return Ipv4.format(address) + "/" + length;
  }
}
