package io.fathom.detect.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dark address space a capture watches, for extrapolating a scan to all of IPv4: a scan that probes
 * uniformly at random reaches the same fraction of the telescope as of the Internet, so
 * {@code coverage = targets in the telescope / telescope size} and
 * {@code internet rate = rate * 2^32 / telescope size}. Overlapping prefixes are merged so no address counts twice.
 */
final class Telescope {
  private static final double IPV4_SPACE = 4294967296.0;
  private final Prefix[] prefixes;
  private final long size;

  Telescope(List<Prefix> configured) {
    List<Prefix> sorted = new ArrayList<>(configured);
    sorted.sort(Comparator.comparingLong((Prefix p) -> p.address() & 0xFFFF_FFFFL).thenComparingInt(Prefix::length));
    List<Prefix> merged = new ArrayList<>();
    for (Prefix prefix : sorted) {
      Prefix last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last == null || !last.contains(prefix.address())) {
        merged.add(prefix);
      }
    }
    prefixes = merged.toArray(new Prefix[0]);
    long total = 0;
    for (Prefix prefix : prefixes) {
      total += prefix.size();
    }
    size = total;
  }

  boolean isEmpty() {
    return prefixes.length == 0;
  }

  long size() {
    return size;
  }

  boolean contains(int ip) {
    for (Prefix prefix : prefixes) {
      if (prefix.contains(ip)) {
        return true;
      }
    }
    return false;
  }

  /** The fraction of IPv4 a uniform scan reaching {@code targetsInside} telescope addresses would cover. */
  double coverage(long targetsInside) {
    return Math.min(1.0, (double) targetsInside / size);
  }

  double internetRatePps(double ratePps) {
    return ratePps * IPV4_SPACE / size;
  }
}
