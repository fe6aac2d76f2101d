package io.fathom.rawio;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutesTest {
  private static final String HEADER =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

  /** Formats a /proc/net/route line the way the kernel does: addresses as host-order (little-endian) hex. */
  private static String line(String device, String destination, String gateway, int flags, int metric,
      String mask) {
    return String.format("%s\t%08X\t%08X\t%04X\t0\t0\t%d\t%08X\t0\t0\t0", device,
        Integer.reverseBytes(Ipv4.parse(destination)), Integer.reverseBytes(Ipv4.parse(gateway)), flags, metric,
        Integer.reverseBytes(Ipv4.parse(mask)));
  }

  private static final List<String> TABLE = List.of(HEADER,
      line("eth0", "0.0.0.0", "192.168.0.1", 0x3, 100, "0.0.0.0"),
      line("eth0", "192.168.0.0", "0.0.0.0", 0x1, 100, "255.255.255.0"),
      line("lab0", "198.18.0.0", "0.0.0.0", 0x1, 0, "255.254.0.0"),
      line("lab1", "198.18.7.0", "198.18.0.2", 0x3, 5, "255.255.255.0"),
      line("lab2", "198.18.7.0", "198.18.0.3", 0x3, 1, "255.255.255.0"),
      line("down0", "10.1.0.0", "0.0.0.0", 0x0, 0, "255.255.0.0"),
      line("lo", "10.2.0.0", "0.0.0.0", 0x201, 0, "255.255.0.0"));

  @Test
  void kernelFormatIsLittleEndianHex() {
    assertThat(line("eth0", "192.168.0.1", "0.0.0.0", 1, 0, "255.255.255.255")).startsWith("eth0\t0100A8C0");
  }

  @Test
  void longestPrefixWins() {
    assertThat(Routes.lookup(Ipv4.parse("192.168.0.77"), TABLE))
        .isEqualTo(new Route("eth0", 0, Ipv4.parse("192.168.0.0"), 24));
    assertThat(Routes.lookup(Ipv4.parse("198.19.200.1"), TABLE))
        .isEqualTo(new Route("lab0", 0, Ipv4.parse("198.18.0.0"), 15));
    assertThat(Routes.lookup(Ipv4.parse("8.8.8.8"), TABLE))
        .isEqualTo(new Route("eth0", Ipv4.parse("192.168.0.1"), 0, 0));
  }

  @Test
  void lowerMetricBreaksTies() {
    Route route = Routes.lookup(Ipv4.parse("198.18.7.9"), TABLE);
    assertThat(route).isEqualTo(new Route("lab2", Ipv4.parse("198.18.0.3"), Ipv4.parse("198.18.7.0"), 24));
    assertThat(route.onLink()).isFalse();
    assertThat(route.nextHop(Ipv4.parse("198.18.7.9"))).isEqualTo(Ipv4.parse("198.18.0.3"));
  }

  @Test
  void routesThatAreDownOrRejectAreSkipped() {
    assertThat(Routes.lookup(Ipv4.parse("10.1.2.3"), TABLE).interfaceName()).isEqualTo("eth0");
    assertThat(Routes.lookup(Ipv4.parse("10.2.2.3"), TABLE).interfaceName()).isEqualTo("eth0");
  }

  @Test
  void noMatchingRouteGivesNull() {
    List<String> noDefault = TABLE.stream().filter(l -> !l.contains("A8C0\t0003")).toList();
    assertThat(noDefault).hasSize(TABLE.size() - 1);
    assertThat(Routes.lookup(Ipv4.parse("8.8.8.8"), noDefault)).isNull();
    List<String> garbage = List.of(HEADER, "garbage line", "x\ty\tz\t1\t0\t0\t0\tw");
    assertThat(Routes.lookup(Ipv4.parse("8.8.8.8"), garbage)).isNull();
  }

  @Test
  void onLinkRouteHasTheTargetAsNextHop() {
    Route route = new Route("lab0", 0, Ipv4.parse("198.18.0.0"), 15);
    assertThat(route.onLink()).isTrue();
    assertThat(route.nextHop(Ipv4.parse("198.18.3.4"))).isEqualTo(Ipv4.parse("198.18.3.4"));
    assertThat(route.toString()).isEqualTo("198.18.0.0/15 dev lab0");
  }
}
