package io.fathom.engine;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import io.fathom.rawio.Neighbours;
import io.fathom.rawio.NetInterfaces;
import io.fathom.rawio.Route;
import io.fathom.rawio.Routes;

/**
 * The link a scan sends on: interface, source addresses and the next hop's MAC. Discovered from the kernel
 * (the route to the first target, the interface's addresses, the neighbour table, an ARP query when the
 * neighbour is unknown) unless named with {@code --interface}, {@code --source-ip}, {@code --gateway-mac}.
 */
public record LinkSetup(String interfaceName, int sourceIp, long sourceMac, int nextHopIp, long gatewayMac) {

  /** Placeholder values for a dry run on a machine whose link cannot be discovered. */
  static LinkSetup placeholder(ScanConfig config) {
    return new LinkSetup(config.interfaceName == null ? "(none)" : config.interfaceName,
        config.sourceIp, 0x02_00_00_00_00_01L, 0, config.gatewayMac < 0 ? 0x02_00_00_00_00_02L : config.gatewayMac);
  }

  static LinkSetup discover(ScanConfig config, int firstTarget) {
    String name = config.interfaceName;
    if (name != null && !NetInterfaces.exists(name)) {
      throw new UsageException("unknown interface '" + name + "'");
    }
    Route route = Routes.lookup(firstTarget);
    if (name == null) {
      if (route == null) {
        throw new UsageException("no route to " + Ipv4.format(firstTarget) + ": give --interface, --source-ip and --gateway-mac");
      }
      name = route.interfaceName();
    }
    int gateway = route != null && route.interfaceName().equals(name) ? route.gateway() : 0;
    int nextHop = gateway != 0 ? gateway : firstTarget;
    int sourceIp = config.sourceIp != 0 ? config.sourceIp : NetInterfaces.ipv4(name);
    if (sourceIp == 0) {
      throw new UsageException("interface '" + name + "' has no IPv4 address: give --source-ip");
    }
    long sourceMac = NetInterfaces.mac(name);
    long gatewayMac = config.gatewayMac;
    if (gatewayMac < 0) {
      gatewayMac = Neighbours.macOf(name, nextHop);
    }
    if (gatewayMac < 0 && !config.dryRun) {
      gatewayMac = ArpResolver.resolve(name, sourceMac, sourceIp, nextHop);
    }
    if (gatewayMac < 0) {
      throw new UsageException("the MAC address of next hop " + Ipv4.format(nextHop) + " on '" + name
          + "' is unknown (no ARP answer): give --gateway-mac");
    }
    return new LinkSetup(name, sourceIp, sourceMac, nextHop, gatewayMac);
  }
}
