package io.fathom.targets;

import java.util.Objects;

/**
 * Every (address, port) pair of a scan, numbered {@code addressIndex * portCount + portIndex}: the numbers a
 * {@link TargetOrder} permutes. Consecutive numbers share an address, so an order that spreads numbers spreads
 * the load over hosts.
 */
public final class TargetSpace {
  private final AddressSet addresses;
  private final PortSet ports;
  private final int portCount;
  private final long size;

  public TargetSpace(AddressSet addresses, PortSet ports) {
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.ports = Objects.requireNonNull(ports, "ports");
    this.portCount = ports.size();
    this.size = addresses.size() * portCount; // at most 2^32 * 65535 < 2^48
  }

  public long size() {
    return size;
  }

  public AddressSet addresses() {
    return addresses;
  }

  public PortSet ports() {
    return ports;
  }

  /** The address of target number {@code index}, in [0, size). */
  public int addressOf(long index) {
    checkIndex(index);
    return addresses.addressAt(index / portCount);
  }

  /** The port of target number {@code index}, in [0, size). */
  public int portOf(long index) {
    checkIndex(index);
    return ports.portAt((int) (index % portCount));
  }

  /** The number of the target (address, port), or -1 when either is outside the space. */
  public long indexOf(int address, int port) {
    int portIndex = ports.indexOf(port);
    if (portIndex < 0) {
      return -1;
    }
    long addressIndex = addresses.indexOf(address);
    return addressIndex < 0 ? -1 : addressIndex * portCount + portIndex;
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("target index " + index + " outside [0, " + size + ")");
    }
  }

  @Override
  public String toString() {
    return "TargetSpace(" + addresses.size() + " addresses x " + portCount + " ports)";
  }
}
