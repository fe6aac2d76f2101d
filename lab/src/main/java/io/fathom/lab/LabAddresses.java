package io.fathom.lab;

import io.fathom.common.Ipv4;

/** The lab's fixed address plan, all inside the benchmarking range 198.18.0.0/15 (RFC 2544). */
final class LabAddresses {
  /** Where live targets may be placed; the target namespace owns all of it (AnyIP). */
  static final int LIVE_SUPERNET = Ipv4.parse("198.18.0.0");
  static final int LIVE_SUPERNET_LENGTH = 16;
  /** Routed to the target namespace, which drops it: a telescope's view of unused space. */
  static final int DARK_PREFIX = Ipv4.parse("198.19.0.0");
  static final int DARK_PREFIX_LENGTH = 16;
  /** The veth link, carved out of the top of the dark prefix. */
  static final int LINK_NETWORK = Ipv4.parse("198.19.255.252");
  static final int LINK_LENGTH = 30;
  static final int TARGET_LINK_IP = Ipv4.parse("198.19.255.253");
  static final int SCANNER_LINK_IP = Ipv4.parse("198.19.255.254");
  /** Everything the scanner may reach: 198.18.0.0/15. */
  static final int LAB_RANGE = LIVE_SUPERNET;
  static final int LAB_RANGE_LENGTH = 15;

  private LabAddresses() {}

  static String cidr(int address, int length) {
    return Ipv4.format(address) + "/" + length;
  }
}
