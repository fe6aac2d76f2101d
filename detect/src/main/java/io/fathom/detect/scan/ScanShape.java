package io.fathom.detect.scan;

/**
 * Names a scan's shape and ports scope from its distinct counts.
 *
 * <p>Shape: {@code horizontal} when one port (or ICMP) is probed, {@code vertical} when one host is, {@code block}
 * otherwise. Scope: {@code single} (one port, or ICMP), {@code strobe} (2 to strobeMaxPorts ports, whether
 * contiguous or not), {@code vanilla} (at least vanillaMinFraction of ports 1-65535; 0.99 by default, so a scan
 * that lost a few hundred probes still counts) and {@code range} otherwise (e.g. 1-1024, or many chosen ports).
 */
final class ScanShape {
  private static final int PORTS = 65535;

  private ScanShape() {}

  static String shape(long targets, int ports) {
    if (ports <= 1) {
      return "horizontal";
    }
    return targets <= 1 ? "vertical" : "block";
  }

  static String portsScope(int ports, int strobeMaxPorts, double vanillaMinFraction) {
    if (ports <= 1) {
      return "single";
    }
    if (ports >= Math.ceil(vanillaMinFraction * PORTS)) {
      return "vanilla";
    }
    return ports <= strobeMaxPorts ? "strobe" : "range";
  }

  static String protocolName(int protocol) {
    return switch (protocol) {
      case 6 -> "tcp";
      case 17 -> "udp";
      case 1 -> "icmp";
      default -> Integer.toString(protocol);
    };
  }
}
