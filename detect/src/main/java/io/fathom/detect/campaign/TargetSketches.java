package io.fathom.detect.campaign;

import java.util.HashMap;
import java.util.Map;

/**
 * The target sketches of a campaign's members, to tell whether a new scan splits the target space with them.
 *
 * <p>A sketch holds the destinations with the smallest hashes (bottom-k), so with one hash function two scans of
 * the same full space hold the same sketch (overlap 1), disjoint shards hold disjoint sketches (overlap 0), and
 * independent scans each covering a share c of a common space overlap by about c. The share of a new sketch
 * already held by other sources' sketches is therefore low only when the sources split the space (or each covers
 * little of it, which is why the grouper also asks for the same tool, ports and time).
 */
final class TargetSketches {
  private final Map<Integer, Integer> ownerByTarget = new HashMap<>();

  /** The share of {@code sketch} that sources other than {@code src} already hold, 0 to 1. */
  double overlap(int src, int[] sketch) {
    if (sketch.length == 0) {
      return 0;
    }
    int shared = 0;
    for (int target : sketch) {
      Integer owner = ownerByTarget.get(target);
      if (owner != null && owner != src) {
        shared++;
      }
    }
    return shared / (double) sketch.length;
  }

  void add(int src, int[] sketch) {
    for (int target : sketch) {
      ownerByTarget.putIfAbsent(target, src);
    }
  }

  /** Distinct sampled targets across members. */
  int size() {
    return ownerByTarget.size();
  }
}
