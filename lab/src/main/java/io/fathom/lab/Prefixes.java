package io.fathom.lab;

/** Netmask arithmetic for IPv4 prefixes held as ints. */
final class Prefixes {
  private Prefixes() {}

  static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  /** Number of addresses in a prefix of this length. */
  static long size(int length) {
    return 1L << (32 - length);
  }
}
