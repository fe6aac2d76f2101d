package io.fathom.targets;

import io.fathom.common.Ipv4;
import java.util.List;

/**
 * The IPv4 blocks a scan leaves out unless asked for them by name: the IANA IPv4 Special-Purpose Address Registry
 * (RFC 6890 and its updates) plus 224.0.0.0/4 multicast, as in ZMap's default block list.
 *
 * <p>The rule, applied to each target item (one address, CIDR block or range) on its own: a special-purpose block is
 * subtracted from the item unless the item lies entirely inside that block. So "198.18.0.0/16" and "198.18.0.5"
 * are scanned as given (both inside 198.18.0.0/15), "198.0.0.0/8" loses 198.18.0.0/15 and 198.51.100.0/24, and
 * "0.0.0.0/0" loses every block. Blocks nest (255.255.255.255/32 lies in 240.0.0.0/4), and the rule looks at each
 * block separately: "240.0.0.0/4" is scanned without 255.255.255.255.
 */
public final class SpecialPurposeBlocks {
  private static final List<String> CIDRS = List.of(
      "0.0.0.0/8", // "this network" (RFC 791)
      "10.0.0.0/8", // private use (RFC 1918)
      "100.64.0.0/10", // shared address space, carrier-grade NAT (RFC 6598)
      "127.0.0.0/8", // loopback (RFC 1122)
      "169.254.0.0/16", // link local (RFC 3927)
      "172.16.0.0/12", // private use (RFC 1918)
      "192.0.0.0/24", // IETF protocol assignments (RFC 6890)
      "192.0.2.0/24", // documentation, TEST-NET-1 (RFC 5737)
      "192.31.196.0/24", // AS112-v4 (RFC 7535)
      "192.52.193.0/24", // AMT (RFC 7450)
      "192.88.99.0/24", // deprecated 6to4 relay anycast (RFC 7526)
      "192.168.0.0/16", // private use (RFC 1918)
      "192.175.48.0/24", // direct delegation AS112 service (RFC 7534)
      "198.18.0.0/15", // benchmarking (RFC 2544)
      "198.51.100.0/24", // documentation, TEST-NET-2 (RFC 5737)
      "203.0.113.0/24", // documentation, TEST-NET-3 (RFC 5737)
      "224.0.0.0/4", // multicast (RFC 5771), excluded by ZMap's default block list
      "240.0.0.0/4", // reserved (RFC 1112)
      "255.255.255.255/32"); // limited broadcast (RFC 919)

  private static final long[] STARTS = new long[CIDRS.size()];
  private static final long[] ENDS = new long[CIDRS.size()];
  private static final AddressSet ALL;

  static {
    AddressSet.Builder all = AddressSet.builder();
    for (int i = 0; i < CIDRS.size(); i++) {
      String[] parts = CIDRS.get(i).split("/");
      AddressSet block = AddressSet.cidr(Ipv4.parse(parts[0]), Integer.parseInt(parts[1]));
      STARTS[i] = block.rangeStart(0);
      ENDS[i] = block.rangeEnd(0);
      all.addAll(block);
    }
    ALL = all.build();
  }

  private SpecialPurposeBlocks() {}

  /** The blocks in CIDR notation, in ascending order of their first address. */
  public static List<String> cidrs() {
    return CIDRS;
  }

  /** Every address in any of the blocks. */
  public static AddressSet all() {
    return ALL;
  }

  /** The part of the target item [start, endInclusive] (unsigned) that the rule above keeps. */
  public static AddressSet keptPart(long start, long endInclusive) {
    AddressSet.Builder kept = AddressSet.builder();
    addKeptPart(start, endInclusive, kept);
    return kept.build();
  }

  /** Adds the part of [start, endInclusive] that the rule keeps to {@code out}, without building a set per item. */
  static void addKeptPart(long start, long endInclusive, AddressSet.Builder out) {
    AddressSet.checkRange(start, endInclusive);
    long from = start; // everything below `from` has been emitted or cut
    for (int i = 0; i < STARTS.length; i++) { // ascending starts, so one sweep handles nested blocks
      boolean overlaps = STARTS[i] <= endInclusive && ENDS[i] >= start;
      boolean itemInside = STARTS[i] <= start && endInclusive <= ENDS[i];
      if (!overlaps || itemInside) {
        continue;
      }
      if (STARTS[i] > from) {
        out.add(from, STARTS[i] - 1);
      }
      from = Math.max(from, ENDS[i] + 1);
    }
    if (from <= endInclusive) {
      out.add(from, endInclusive);
    }
  }
}
