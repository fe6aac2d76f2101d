package io.fathom.lab;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What a lab should look like: its name, the live prefix (inside 198.18.0.0/16) and the seeded ground truth
 * that decides which address and port pairs answer. Validated on construction; ports are sorted and deduplicated.
 */
public record LabConfig(
    String name, long seed, int prefixAddress, int prefixLength, int[] ports, int openPerMille, int closedPerMille) {

  public static final String DEFAULT_NAME = "fathom";
  private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,8}");

  public LabConfig {
    validateName(name);
    validatePrefix(prefixAddress, prefixLength);
    ports = normalizedPorts(ports);
    validateRatios(openPerMille, closedPerMille);
  }

  /** Lab "fathom": 198.18.0.0/16, ports 22, 80 and 443, 2% open, 3% closed, seed 1. */
  public static LabConfig defaults() {
    return new LabConfig(DEFAULT_NAME, 1L, LabAddresses.LIVE_SUPERNET, 16, new int[] {22, 80, 443}, 20, 30);
  }

  public LabConfig withName(String newName) {
    return new LabConfig(newName, seed, prefixAddress, prefixLength, ports, openPerMille, closedPerMille);
  }

  public LabConfig withSeed(long newSeed) {
    return new LabConfig(name, newSeed, prefixAddress, prefixLength, ports, openPerMille, closedPerMille);
  }

  public LabConfig withPrefix(int newPrefixAddress, int newPrefixLength) {
    return new LabConfig(name, seed, newPrefixAddress, newPrefixLength, ports, openPerMille, closedPerMille);
  }

  public LabConfig withPorts(int... newPorts) {
    return new LabConfig(name, seed, prefixAddress, prefixLength, newPorts, openPerMille, closedPerMille);
  }

  public LabConfig withRatios(int newOpenPerMille, int newClosedPerMille) {
    return new LabConfig(name, seed, prefixAddress, prefixLength, ports, newOpenPerMille, newClosedPerMille);
  }

  @Override
  public int[] ports() {
    return ports.clone();
  }

  /** Throws a one-line {@link UsageException} unless {@code name} is 1-8 characters of a-z and 0-9. */
  public static void validateName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new UsageException("lab name '" + name + "' must be 1-8 characters of a-z and 0-9");
    }
  }

  private static void validatePrefix(int address, int length) {
    String text = Ipv4.format(address) + "/" + length;
    if (length < 16 || length > 32 || (address & 0xFFFF_0000) != LabAddresses.LIVE_SUPERNET) {
      throw new UsageException("live prefix " + text + " must lie inside 198.18.0.0/16");
    }
    if ((address & ~Prefixes.mask(length)) != 0) {
      throw new UsageException("live prefix " + text + " has host bits set");
    }
  }

  private static int[] normalizedPorts(int[] ports) {
    if (ports == null || ports.length == 0) {
      throw new UsageException("the lab needs at least one port");
    }
    for (int port : ports) {
      if (port < 1 || port > 65535) {
        throw new UsageException("port " + port + " is outside 1-65535");
      }
    }
    return Arrays.stream(ports).sorted().distinct().toArray();
  }

  private static void validateRatios(int open, int closed) {
    if (open < 0 || closed < 0 || open + closed > 1000) {
      throw new UsageException(
          "open and closed per mille must be >= 0 and add up to at most 1000 (got " + open + " and " + closed + ")");
    }
  }

  // Records compare arrays by reference; a configuration is a value, so compare the ports' contents.
  @Override
  public boolean equals(Object o) {
    return o instanceof LabConfig c
        && name.equals(c.name)
        && seed == c.seed
        && prefixAddress == c.prefixAddress
        && prefixLength == c.prefixLength
        && Arrays.equals(ports, c.ports)
        && openPerMille == c.openPerMille
        && closedPerMille == c.closedPerMille;
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hash(name, seed, prefixAddress, prefixLength, openPerMille, closedPerMille)
        + Arrays.hashCode(ports);
  }

  @Override
  public String toString() {
    return "LabConfig[name=" + name + ", seed=" + seed + ", prefix=" + Ipv4.format(prefixAddress) + "/" + prefixLength
        + ", ports=" + Arrays.toString(ports) + ", openPerMille=" + openPerMille
        + ", closedPerMille=" + closedPerMille + "]";
  }
}
