package io.fathom.detect.entity;

import io.fathom.common.Ipv4;
import io.fathom.detect.CampaignRecord;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.ScanRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Names who scans: each source is attributed to a catalogue entity by address range, then reverse DNS (when a
 * resolver is given), then behaviour ({@link Attributor}); unattributed scans form derived entities, one per
 * campaign ({@code unknown-<tool>-<campaign id>}) or else one per source ({@code unknown-<tool>-<address>},
 * {@code scanner} standing for an unknown tool). Each entity gets the six axes with their evidence
 * ({@link AxisInference}). Catalogue entities come first, then derived ones, each by name.
 */
public final class EntityClassifier {
  private final ClassifierSettings settings;

  public EntityClassifier() {
    this(ClassifierSettings.defaults());
  }

  public EntityClassifier(ClassifierSettings settings) {
    this.settings = settings;
  }

  /** The entities behind {@code scans}; {@code rdns} may be null (no reverse DNS). */
  public List<EntityRecord> classify(List<ScanRecord> scans, List<CampaignRecord> campaigns,
      EntityCatalogue catalogue, ReverseDns rdns) {
    return classifyAll(scans, campaigns, catalogue, rdns).entities();
  }

  /** The entities, and the scans in input order with their entity name set. */
  public EntityClassification classifyAll(List<ScanRecord> scans, List<CampaignRecord> campaigns,
      EntityCatalogue catalogue, ReverseDns rdns) {
    TreeMap<Integer, List<Integer>> scansBySource = new TreeMap<>(Integer::compareUnsigned);
    for (int i = 0; i < scans.size(); i++) {
      scansBySource.computeIfAbsent(scans.get(i).src(), s -> new ArrayList<>()).add(i);
    }
    Map<Integer, Attribution> attributions = attribute(scans, scansBySource, catalogue, rdns);
    Map<String, CampaignRecord> campaignById = new HashMap<>();
    campaigns.forEach(c -> campaignById.put(c.id(), c));
    Map<Integer, String> toolBySource = toolBySource(scans);
    Map<String, EntityBuilder> builders = new TreeMap<>();
    String[] nameByScan = new String[scans.size()];
    for (var source : scansBySource.entrySet()) {
      Attribution attribution = attributions.get(source.getKey());
      for (int index : source.getValue()) {
        ScanRecord scan = scans.get(index);
        String name = attribution != null ? attribution.entry().name() : derivedName(scan, campaignById, toolBySource);
        builders.computeIfAbsent(name, n -> new EntityBuilder(n, attribution == null ? null : attribution.entry()))
            .add(scan, attribution, campaignById.get(scan.campaign()));
        nameByScan[index] = name;
      }
    }
    long captureEnd = settings.captureEndNanos() != null ? settings.captureEndNanos()
        : scans.stream().mapToLong(ScanRecord::endNanos).max().orElse(0);
    AxisInference inference = new AxisInference(catalogue, settings, captureEnd);
    List<EntityRecord> entities = builders.values().stream()
        .sorted(Comparator.comparing((EntityBuilder b) -> b.entry == null).thenComparing(b -> b.name))
        .map(b -> b.build(inference, settings.maxAttributionLines()))
        .toList();
    List<ScanRecord> labelled = new ArrayList<>(scans.size());
    for (int i = 0; i < scans.size(); i++) {
      labelled.add(scans.get(i).withEntity(nameByScan[i]));
    }
    return new EntityClassification(entities, List.copyOf(labelled));
  }

  private Map<Integer, Attribution> attribute(List<ScanRecord> scans, TreeMap<Integer, List<Integer>> bySource,
      EntityCatalogue catalogue, ReverseDns rdns) {
    Attributor attributor = new Attributor(catalogue);
    Map<Integer, Attribution> result = new HashMap<>();
    List<Integer> left = new ArrayList<>();
    for (int source : bySource.keySet()) {
      Attribution byRange = attributor.byRange(source);
      if (byRange != null) {
        result.put(source, byRange);
      } else {
        left.add(source);
      }
    }
    Map<Integer, String> names = rdns == null ? Map.of() : resolve(rdns, left);
    for (int source : left) {
      Attribution found = names.containsKey(source) ? attributor.byRdns(source, names.get(source)) : null;
      if (found == null) {
        List<ScanRecord> own = bySource.get(source).stream().map(scans::get)
            .sorted(Comparator.comparingLong(ScanRecord::startNanos)).toList();
        found = attributor.byBehaviour(source, own);
      }
      if (found != null) {
        result.put(source, found);
      }
    }
    return result;
  }

  /** Asks for every name at once, then waits at most {@code rdnsWait} for them all. */
  private Map<Integer, String> resolve(ReverseDns rdns, List<Integer> sources) {
    Map<Integer, CompletableFuture<Optional<String>>> pending = new HashMap<>();
    for (int source : sources) {
      pending.put(source, rdns.lookup(source).copy()
          .completeOnTimeout(Optional.empty(), settings.rdnsWait().toNanos(), TimeUnit.NANOSECONDS)
          .exceptionally(failure -> Optional.empty()));
    }
    Map<Integer, String> names = new HashMap<>();
    pending.forEach((source, future) -> future.join().ifPresent(name -> names.put(source, name)));
    return names;
  }

  private static String derivedName(ScanRecord scan, Map<String, CampaignRecord> campaignById,
      Map<Integer, String> toolBySource) {
    CampaignRecord campaign = campaignById.get(scan.campaign());
    if (campaign != null) {
      return "unknown-" + shown(campaign.tool()) + "-" + campaign.id();
    }
    return "unknown-" + toolBySource.getOrDefault(scan.src(), "scanner") + "-" + Ipv4.format(scan.src());
  }

  /** Each source's most frequent known tool (ties by name), so one source's derived entity has one name. */
  private static Map<Integer, String> toolBySource(List<ScanRecord> scans) {
    Map<Integer, Map<String, Integer>> counts = new HashMap<>();
    for (ScanRecord scan : scans) {
      if (!shown(scan.tool()).equals("scanner")) {
        counts.computeIfAbsent(scan.src(), s -> new TreeMap<>()).merge(scan.tool(), 1, Integer::sum);
      }
    }
    Map<Integer, String> tools = new HashMap<>();
    counts.forEach((source, byTool) -> tools.put(source,
        byTool.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
    return tools;
  }

  private static String shown(String tool) {
    return tool == null || tool.isEmpty() || tool.equals("unknown") ? "scanner" : tool;
  }
}
