package io.fathom.detect.campaign;

import io.fathom.detect.CampaignRecord;
import io.fathom.detect.ScanRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Groups scans from several sources into campaigns: ZMap shards and botnets that split one target space.
 *
 * <p>The rule: scans join one campaign when they have (1) the same protocol and tool, the tool known, or for an
 * unknown tool the same port set and packet rates within {@link CampaignSettings#maxRateRatio()}; (2) port sets
 * whose Jaccard overlap with the campaign's first scan is at least {@link CampaignSettings#minPortJaccard()};
 * (3) episodes that overlap a member's or start within {@link CampaignSettings#startWindowNanos()} of the latest
 * member's start; and (4) target sketches nearly disjoint from the other sources' sketches (at most
 * {@link CampaignSettings#maxSketchOverlap()} of the new sketch already sampled), see {@link TargetSketches}.
 * Sources that each scan the whole space share their sketches and so form no campaign, however alike they are.
 * Scans with fewer than {@link CampaignSettings#minSketchSize()} sampled targets join nothing, and a group needs
 * two distinct sources: a single-source scan gets no campaign.
 *
 * <p>Scans are taken in order of start (then source), each joining the first open campaign that accepts it, so the
 * result does not depend on the input order. Ids are {@code c-} and 16 hex digits of SHA-256 over the sorted member
 * sources and the first start.
 */
public final class CampaignGrouper {
  private final CampaignSettings settings;

  public CampaignGrouper() {
    this(CampaignSettings.defaults());
  }

  public CampaignGrouper(CampaignSettings settings) {
    this.settings = settings;
  }

  /** The campaigns among {@code scans}, in order of start. */
  public List<CampaignRecord> group(List<ScanRecord> scans) {
    return groupWithScans(scans).campaigns();
  }

  /** The campaigns, and the scans in input order with their campaign id set (null outside any campaign). */
  public CampaignGrouping groupWithScans(List<ScanRecord> scans) {
    List<Cluster> clusters = cluster(scans);
    List<CampaignRecord> campaigns = new ArrayList<>();
    String[] idByScan = new String[scans.size()];
    for (Cluster cluster : clusters) {
      if (cluster.sources.size() < 2) {
        continue;
      }
      CampaignRecord campaign = CampaignDescription.describe(cluster, settings);
      campaigns.add(campaign);
      cluster.members.forEach(i -> idByScan[i] = campaign.id());
    }
    List<ScanRecord> labelled = IntStream.range(0, scans.size())
        .mapToObj(i -> scans.get(i).withCampaign(idByScan[i]))
        .toList();
    return new CampaignGrouping(List.copyOf(campaigns), labelled);
  }

  private List<Cluster> cluster(List<ScanRecord> scans) {
    List<Integer> order = IntStream.range(0, scans.size()).boxed()
        .sorted(Comparator.<Integer>comparingLong(i -> scans.get(i).startNanos())
            .thenComparing(i -> scans.get(i).src(), Integer::compareUnsigned)
            .thenComparingLong(i -> scans.get(i).endNanos())
            .thenComparingInt(i -> i))
        .toList();
    Map<String, List<Cluster>> openByKey = new HashMap<>();
    List<Cluster> all = new ArrayList<>();
    for (int index : order) {
      ScanRecord scan = scans.get(index);
      if (scan.targetSketch() == null || scan.targetSketch().length < settings.minSketchSize()) {
        continue;
      }
      List<Cluster> open = openByKey.computeIfAbsent(key(scan), k -> new ArrayList<>());
      if (!join(open, index, scan)) {
        Cluster cluster = new Cluster(index, scan);
        open.add(cluster);
        all.add(cluster);
      }
    }
    return all;
  }

  /** Adds the scan to the first open campaign that accepts it, retiring campaigns it has outlived. */
  private boolean join(List<Cluster> open, int index, ScanRecord scan) {
    for (Iterator<Cluster> it = open.iterator(); it.hasNext(); ) {
      Cluster cluster = it.next();
      if (!cluster.isOpenAt(scan.startNanos(), settings)) {
        it.remove();
      } else if (cluster.accepts(scan, settings)) {
        cluster.add(index, scan);
        return true;
      }
    }
    return false;
  }

  /** Scans can only share a campaign within one key: protocol and tool, and for an unknown tool the ports too. */
  private static String key(ScanRecord scan) {
    String base = scan.proto() + "|" + scan.tool();
    return isUnknownTool(scan.tool()) ? base + "|" + Arrays.toString(scan.ports()) : base;
  }

  static boolean isUnknownTool(String tool) {
    return tool == null || tool.isEmpty() || tool.equals("unknown");
  }
}
