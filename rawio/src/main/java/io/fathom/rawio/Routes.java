package io.fathom.rawio;

import java.util.List;

/**
 * Route lookup in the calling thread's network namespace, from /proc/thread-self/net/route (the main
 * table; addresses there are hexadecimal in host, that is little-endian, byte order). Picks the longest
 * matching prefix, and among equals the lowest metric, as the kernel does for the main table. Reads and
 * parses the file on every call: for setup, not for hot paths.
 */
public final class Routes {
  private static final int RTF_UP = 0x1;
  private static final int RTF_GATEWAY = 0x2;
  private static final int RTF_REJECT = 0x200;

  private Routes() {}

  /** The route to {@code destination}, or null when there is none. */
  public static Route lookup(int destination) {
    return lookup(destination, ProcNet.lines("route"));
  }

  /** Looks up in the lines of a /proc/net/route file; package-private for tests. */
  static Route lookup(int destination, List<String> routeFile) {
    Route best = null;
    long bestMetric = Long.MAX_VALUE;
    for (int i = 1; i < routeFile.size(); i++) {
      String[] fields = routeFile.get(i).trim().split("\\s+");
      if (fields.length < 8) {
        continue;
      }
      int flags;
      int network;
      int gateway;
      int mask;
      long metric;
      try {
        network = hostOrderHex(fields[1]);
        gateway = hostOrderHex(fields[2]);
        flags = Integer.parseInt(fields[3], 16);
        metric = Long.parseLong(fields[6]);
        mask = hostOrderHex(fields[7]);
      } catch (NumberFormatException e) {
        continue;
      }
      if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0 || (destination & mask) != network) {
        continue;
      }
      int prefixLength = Integer.bitCount(mask);
      boolean better = best == null || prefixLength > best.prefixLength()
          || (prefixLength == best.prefixLength() && metric < bestMetric);
      if (better) {
        best = new Route(fields[0], (flags & RTF_GATEWAY) != 0 ? gateway : 0, network, prefixLength);
        bestMetric = metric;
      }
    }
    return best;
  }

  /** "0100A8C0" is 192.168.0.1: the kernel prints the address's bytes as a host-order (little-endian) int. */
  private static int hostOrderHex(String text) {
    if (text.length() != 8) {
      throw new NumberFormatException(text);
    }
    return Integer.reverseBytes(Integer.parseUnsignedInt(text, 16));
  }
}
