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
 * <p><b>Distributed campaigns</b> (definition {@value #DISTRIBUTED}): a slow distributed scan, such as the Sality
 * botnet's /0 SIP sweep (Dainotti et al., "Analysis of a "/0" Stealth Scan from a Botnet", IMC 2012), has every
 * source below every per-source definition and is seen only across sources. Below-threshold candidates (see
 * {@code ScanListener.onCandidate}) are grouped among themselves by the same rule with the same port set always
 * required and the longer window {@link CampaignSettings#distributedStartWindowNanos()}; a group is a distributed
 * campaign when it has at least {@link CampaignSettings#distributedMinSources()} distinct sources and its combined
 * distinct targets on one port reach {@link CampaignSettings#distributedMinTargets()}, Durumeric et al.'s (2014)
 * destination threshold applied to the sources together (the combined count is each member's targets less the
 * share of its sketch already held by the others; over several ports, divided by their number). Its members are
 * then scans with the definition {@value #DISTRIBUTED}; other candidates stay below-threshold not-scans.
 *
 * <p>Scans are taken in order of start (then source), each joining the first open campaign that accepts it, so the
 * result does not depend on the input order. Ids are {@code c-} and 16 hex digits of a 64-bit hash of the sorted member
 * sources and the first start.
 */
public final class CampaignGrouper {
  /** The scan definition of a promoted candidate: a member of a distributed campaign. */
  public static final String DISTRIBUTED = "distributed";

  private final CampaignSettings settings;

  public CampaignGrouper() {
    this(CampaignSettings.defaults());
  }

  public CampaignGrouper(CampaignSettings settings) {
    this.settings = settings;
  }

  public CampaignSettings settings() {
    return settings;
  }

  /** The campaigns among {@code scans}, in order of start. */
  public List<CampaignRecord> group(List<ScanRecord> scans) {
    return groupWithScans(scans).campaigns();
  }

  /** The campaigns, and the scans in input order with their campaign id set (null outside any campaign). */
  public CampaignGrouping groupWithScans(List<ScanRecord> scans) {
    return group(scans, List.of());
  }

  /**
   * The campaigns among {@code scans} and the distributed campaigns among below-threshold {@code candidates}, in
   * order of start; the scans in input order with their campaign id set, followed by the promoted candidates (in
   * input order, with the definition {@value #DISTRIBUTED} and their campaign id).
   */
  public CampaignGrouping group(List<ScanRecord> scans, List<ScanRecord> candidates) {
    List<CampaignRecord> campaigns = new ArrayList<>();
    String[] idByScan = new String[scans.size()];
    for (Cluster cluster : cluster(scans, settings.startWindowNanos(), false)) {
      if (cluster.sources.size() >= 2) {
        addCampaign(cluster, false, campaigns, idByScan);
      }
    }
    String[] idByCandidate = new String[candidates.size()];
    for (Cluster cluster : cluster(candidates, settings.distributedStartWindowNanos(), true)) {
      if (isDistributed(cluster)) {
        addCampaign(cluster, true, campaigns, idByCandidate);
      }
    }
    List<ScanRecord> labelled = new ArrayList<>(scans.size());
    IntStream.range(0, scans.size()).forEach(i -> labelled.add(scans.get(i).withCampaign(idByScan[i])));
    List<ScanRecord> promoted = IntStream.range(0, candidates.size())
        .filter(i -> idByCandidate[i] != null)
        .mapToObj(i -> promote(candidates.get(i), idByCandidate[i]))
        .toList();
    labelled.addAll(promoted);
    campaigns.sort(Comparator.comparingLong(CampaignRecord::startNanos).thenComparing(CampaignRecord::id));
    return new CampaignGrouping(List.copyOf(campaigns), List.copyOf(labelled), promoted);
  }

  private void addCampaign(Cluster cluster, boolean distributed, List<CampaignRecord> campaigns, String[] ids) {
    CampaignRecord campaign = CampaignDescription.describe(cluster, settings, distributed);
    campaigns.add(campaign);
    cluster.members.forEach(i -> ids[i] = campaign.id());
  }

  private boolean isDistributed(Cluster cluster) {
    return cluster.sources.size() >= settings.distributedMinSources()
        && cluster.targetsOnOnePort() >= settings.distributedMinTargets();
  }

  private static ScanRecord promote(ScanRecord c, String campaign) {
    return new ScanRecord(c.src(), c.proto(), c.ports(), c.targets(), c.packets(), c.shape(), c.portsScope(),
        c.tool(), c.toolVersion(), c.confidence(), c.evidence(), c.startNanos(), c.endNanos(), c.ratePps(),
        List.of(DISTRIBUTED), c.targetSketch(), c.coverage(), c.internetRatePps(), campaign, c.entity());
  }

  private List<Cluster> cluster(List<ScanRecord> scans, long windowNanos, boolean samePorts) {
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
      List<Cluster> open = openByKey.computeIfAbsent(key(scan, samePorts), k -> new ArrayList<>());
      if (!join(open, index, scan)) {
        Cluster cluster = new Cluster(index, scan, windowNanos);
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
      if (!cluster.isOpenAt(scan.startNanos())) {
        it.remove();
      } else if (cluster.accepts(scan, settings)) {
        cluster.add(index, scan);
        return true;
      }
    }
    return false;
  }

  /**
   * Scans can only share a campaign within one key: protocol and tool, and for an unknown tool (or when
   * {@code samePorts}) the ports too.
   */
  private static String key(ScanRecord scan, boolean samePorts) {
    String base = scan.proto() + "|" + scan.tool();
    return samePorts || isUnknownTool(scan.tool()) ? base + "|" + Arrays.toString(scan.ports()) : base;
  }

  static boolean isUnknownTool(String tool) {
    return tool == null || tool.isEmpty() || tool.equals("unknown");
  }
}
