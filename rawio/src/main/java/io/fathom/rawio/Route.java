package io.fathom.rawio;

import io.fathom.common.Ipv4;

/**
 * A route of the main routing table: frames for {@code destination/prefixLength} leave through
 * {@code interfaceName}, to {@code gateway} or, when it is 0, directly to the target (on-link).
 */
public record Route(String interfaceName, int gateway, int destination, int prefixLength) {
  /** Whether the route reaches its targets without a gateway. */
  public boolean onLink() {
    return gateway == 0;
  }

  /** The address whose MAC a frame to {@code target} must carry: the gateway, or the target itself. */
  public int nextHop(int target) {
    return gateway == 0 ? target : gateway;
  }

  @Override
  public String toString() {
    return Ipv4.format(destination) + "/" + prefixLength + (gateway == 0 ? "" : " via " + Ipv4.format(gateway))
        + " dev " + interfaceName;
  }
}
