package io.fathom.detect.campaign;

import io.fathom.common.SplitMix;
import io.fathom.detect.CampaignRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Turns a finished cluster into a {@link CampaignRecord}: id, distribution and evidence with figures. */
final class CampaignDescription {
  private static final int PORTS_SHOWN = 10;

  private CampaignDescription() {}

  static CampaignRecord describe(Cluster cluster, CampaignSettings settings, boolean distributed) {
    int[] sources = cluster.sources.stream().sorted(Integer::compareUnsigned).mapToInt(Integer::intValue).toArray();
    Distribution distribution = Distribution.of(sources, settings.wideMinSlash16());
    String tool = cluster.founder.tool() == null ? "unknown" : cluster.founder.tool();
    List<String> evidence = new ArrayList<>();
    if (distributed) {
      evidence.add(String.format(Locale.ROOT, "distributed scan: %d sources, each below every scan definition,"
          + " together about %d distinct targets, at least %d on one port (limits %d sources, %d targets on one"
          + " port: Durumeric et al. 2014's destination threshold over the sources together; a slow distributed"
          + " scan is seen only across its sources, Dainotti et al. IMC 2012)", sources.length,
          Math.round(cluster.distinctTargets), (long) Math.floor(cluster.targetsOnOnePort()),
          settings.distributedMinSources(), settings.distributedMinTargets()));
    }
    if (CampaignGrouper.isUnknownTool(tool)) {
      evidence.add(String.format(Locale.ROOT, "tool unknown: identical ports and packet rates %.1f to %.1f pps"
          + " (within %.1fx)", cluster.minRate, cluster.maxRate, settings.maxRateRatio()));
    } else {
      evidence.add("tool " + tool + " shared by " + sources.length + " sources (" + cluster.members.size()
          + " scans, " + cluster.founder.proto() + ")");
    }
    evidence.add(String.format(Locale.ROOT, "ports %s shared (port-set overlap at least %.2f, limit %.2f)",
        ports(cluster.sharedPorts), cluster.minJaccard, settings.minPortJaccard()));
    evidence.add(String.format(Locale.ROOT, "episodes overlap or start within %d s: %s to %s",
        cluster.windowNanos / 1_000_000_000L, instant(cluster.startNanos), instant(cluster.endNanos)));
    evidence.add(String.format(Locale.ROOT, "target sketches nearly disjoint: at most %.2f of a sketch shared with"
        + " other sources (limit %.2f; independent scans of one full space share 1.00); %d distinct sampled"
        + " targets", cluster.maxOverlap, settings.maxSketchOverlap(), cluster.sketches.size()));
    evidence.add("distribution " + distribution.value() + ": " + distribution.evidence());
    return new CampaignRecord(id(sources, cluster.startNanos), sources, tool, cluster.sharedPorts,
        cluster.startNanos, cluster.endNanos, distribution.value(), List.copyOf(evidence));
  }

  /**
   * {@code c-} and 16 hex digits of a 64-bit hash (SplitMix64's finalizer, chained) of the start, the sorted sources
   * and their number: stable from run to run. Not SHA-256, which it was: the JDK's security providers, set up for
   * that one call, took a third of the campaign grouping's time.
   */
  static String id(int[] sortedSources, long startNanos) {
    long h = 0x9E37_79B9_7F4A_7C15L ^ startNanos;
    for (int source : sortedSources) {
      h = SplitMix.mix64(h + source);
    }
    return "c-" + HexFormat.of().toHexDigits(SplitMix.mix64(h ^ sortedSources.length));
  }

  static String ports(int[] ports) {
    if (ports.length == 0) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(ports.length, PORTS_SHOWN); i++) {
      text.append(i == 0 ? "" : ",").append(ports[i]);
    }
    return ports.length > PORTS_SHOWN ? text + ",... (" + ports.length + " ports)" : text.toString();
  }

  private static String instant(long nanos) {
    return Instant.ofEpochSecond(0, nanos).toString();
  }
}
