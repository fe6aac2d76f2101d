package io.fathom.detect.campaign;

import io.fathom.detect.ScanRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** A campaign being built: its members so far and what a new scan must share with them. */
final class Cluster {
  final List<Integer> members = new ArrayList<>();
  final TreeSet<Integer> sources = new TreeSet<>();
  final ScanRecord founder;
  final TargetSketches sketches = new TargetSketches();
  /** Two episodes count as one time when they overlap or their starts lie this close. */
  final long windowNanos;
  int[] sharedPorts;
  long startNanos;
  long endNanos;
  long lastStartNanos;
  double maxOverlap;
  double minJaccard = 1;
  double minRate;
  double maxRate;
  /** Combined distinct targets: each member's targets less the share its sketch had in common on joining. */
  double distinctTargets;

  Cluster(int index, ScanRecord founder, long windowNanos) {
    this.founder = founder;
    this.windowNanos = windowNanos;
    this.sharedPorts = founder.ports().clone();
    this.startNanos = founder.startNanos();
    this.endNanos = founder.endNanos();
    this.minRate = founder.ratePps();
    this.maxRate = founder.ratePps();
    add(index, founder, 0, 1);
  }

  /** True when {@code scan} (starting no earlier than any member) may join, per the rule of the grouper. */
  boolean accepts(ScanRecord scan, CampaignSettings settings) {
    if (!isOpenAt(scan.startNanos())) {
      return false;
    }
    if (jaccard(founder.ports(), scan.ports()) < settings.minPortJaccard()) {
      return false;
    }
    if (CampaignGrouper.isUnknownTool(scan.tool()) && !sameRate(founder.ratePps(), scan.ratePps(), settings)) {
      return false;
    }
    return sketches.overlap(scan.src(), scan.targetSketch()) <= settings.maxSketchOverlap();
  }

  /** True while a scan starting at {@code startNanos} overlaps a member's episode or starts within the window. */
  boolean isOpenAt(long startNanos) {
    return startNanos <= endNanos || startNanos - lastStartNanos <= windowNanos;
  }

  /**
   * For members with one port set, the distinct targets that at least one port received: the combined targets
   * over the number of ports (each target was probed on one of them at least); for ICMP, the combined targets.
   */
  double targetsOnOnePort() {
    return distinctTargets / Math.max(1, sharedPorts.length);
  }

  void add(int index, ScanRecord scan) {
    add(index, scan, sketches.overlap(scan.src(), scan.targetSketch()), jaccard(founder.ports(), scan.ports()));
  }

  private void add(int index, ScanRecord scan, double overlap, double jaccard) {
    members.add(index);
    sources.add(scan.src());
    sketches.add(scan.src(), scan.targetSketch());
    sharedPorts = Arrays.stream(sharedPorts).filter(p -> Arrays.binarySearch(scan.ports(), p) >= 0).toArray();
    startNanos = Math.min(startNanos, scan.startNanos());
    endNanos = Math.max(endNanos, scan.endNanos());
    lastStartNanos = Math.max(lastStartNanos, scan.startNanos());
    maxOverlap = Math.max(maxOverlap, overlap);
    distinctTargets += scan.targets() * (1 - overlap);
    minJaccard = Math.min(minJaccard, jaccard);
    minRate = Math.min(minRate, scan.ratePps());
    maxRate = Math.max(maxRate, scan.ratePps());
  }

  static boolean sameRate(double a, double b, CampaignSettings settings) {
    double low = Math.min(a, b);
    double high = Math.max(a, b);
    return high <= 0 || (low > 0 && high / low <= settings.maxRateRatio());
  }

  /** |A ∩ B| / |A ∪ B| of two ascending port arrays; 1 when both are empty (ICMP). */
  static double jaccard(int[] a, int[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return common / (double) (a.length + b.length - common);
  }
}
