package io.fathom.lab;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link Flooder} sends and where: the interface it sends on with that interface's MAC, the scanner's MAC
 * and address that every frame is addressed to, the prefix forged answers claim to come from (the scan's scope),
 * the ports a real target would answer from, the seed of the mix, and the rate.
 *
 * <p>Validated on construction: every address a flooder writes lies inside the lab range 198.18.0.0/15, and the
 * source prefix leaves room in that range for out-of-scope sources.
 */
public record FloodConfig(
    String interfaceName,
    long sourceMac,
    long destinationMac,
    int destinationIp,
    int sourcePrefix,
    int sourcePrefixLength,
    int[] ports,
    long seed,
    int packetsPerSecond) {

  public static final int MAX_PACKETS_PER_SECOND = 10_000_000;

  public FloodConfig {
    Objects.requireNonNull(interfaceName, "interfaceName");
    if (!inLabRange(destinationIp)) {
      throw new UsageException("destination " + Ipv4.format(destinationIp) + " is outside 198.18.0.0/15");
    }
    validateSourcePrefix(sourcePrefix, sourcePrefixLength);
    ports = validPorts(ports);
    if (packetsPerSecond < 1 || packetsPerSecond > MAX_PACKETS_PER_SECOND) {
      throw new UsageException("rate must be 1 to " + MAX_PACKETS_PER_SECOND + " packets/s, not " + packetsPerSecond);
    }
  }

  /**
   * Flooding a lab's scanner from its target side: sent on the target veth (whose MAC is the lab's gateway MAC),
   * forged answers claim the live prefix and the lab's ports.
   */
  public static FloodConfig forLab(LabInfo info, long scannerMac, long seed, int packetsPerSecond) {
    return new FloodConfig(info.targetInterface(), info.gatewayMac(), scannerMac, info.scannerIp(), info.livePrefix(),
        info.livePrefixLength(), info.ports(), seed, packetsPerSecond);
  }

  public FloodConfig withRate(int newPacketsPerSecond) {
    return new FloodConfig(interfaceName, sourceMac, destinationMac, destinationIp, sourcePrefix, sourcePrefixLength,
        ports, seed, newPacketsPerSecond);
  }

  @Override
  public int[] ports() {
    return ports.clone();
  }

  /** True when the address lies in 198.18.0.0/15, the only space a flooder may write. */
  public static boolean inLabRange(int address) {
    return (address & Prefixes.mask(LabAddresses.LAB_RANGE_LENGTH)) == LabAddresses.LAB_RANGE;
  }

  /** True when the address lies in the source prefix. */
  public boolean inSourcePrefix(int address) {
    return (address & Prefixes.mask(sourcePrefixLength)) == sourcePrefix;
  }

  private static void validateSourcePrefix(int prefix, int length) {
    String text = LabAddresses.cidr(prefix, length);
    if (length < LabAddresses.LAB_RANGE_LENGTH + 1 || length > 32 || !inLabRange(prefix)) {
      throw new UsageException("source prefix " + text + " must be a /16 or longer inside 198.18.0.0/15");
    }
    if ((prefix & ~Prefixes.mask(length)) != 0) {
      throw new UsageException("source prefix " + text + " has host bits set");
    }
    if (((prefix ^ LabAddresses.LINK_NETWORK) & Prefixes.mask(Math.min(length, LabAddresses.LINK_LENGTH))) == 0) {
      throw new UsageException("source prefix " + text + " overlaps the lab link "
          + LabAddresses.cidr(LabAddresses.LINK_NETWORK, LabAddresses.LINK_LENGTH));
    }
  }

  private static int[] validPorts(int[] ports) {
    if (ports == null || ports.length == 0) {
      throw new UsageException("the flooder needs at least one source port to forge answers from");
    }
    for (int port : ports) {
      if (port < 1 || port > 65535) {
        throw new UsageException("port " + port + " is outside 1-65535");
      }
    }
    return ports.clone();
  }

  // Records compare arrays by reference; a configuration is a value, so compare the ports' contents.
  @Override
  public boolean equals(Object o) {
    return o instanceof FloodConfig c
        && interfaceName.equals(c.interfaceName)
        && sourceMac == c.sourceMac
        && destinationMac == c.destinationMac
        && destinationIp == c.destinationIp
        && sourcePrefix == c.sourcePrefix
        && sourcePrefixLength == c.sourcePrefixLength
        && Arrays.equals(ports, c.ports)
        && seed == c.seed
        && packetsPerSecond == c.packetsPerSecond;
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(interfaceName, sourceMac, destinationMac, destinationIp, sourcePrefix, seed)
        + Arrays.hashCode(ports);
  }

  @Override
  public String toString() {
    return "FloodConfig[interface=" + interfaceName + ", from=" + MacAddress.format(sourceMac)
        + ", to=" + MacAddress.format(destinationMac) + " " + Ipv4.format(destinationIp)
        + ", sources=" + LabAddresses.cidr(sourcePrefix, sourcePrefixLength) + ", ports=" + Arrays.toString(ports)
        + ", seed=" + seed + ", rate=" + packetsPerSecond + "/s]";
  }
}
