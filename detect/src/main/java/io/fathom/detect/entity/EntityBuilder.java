package io.fathom.detect.entity;

import io.fathom.detect.CampaignRecord;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.ScanRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Collects one entity's scans, sources, campaigns and attribution lines, then builds its record. */
final class EntityBuilder {
  final String name;
  final CatalogueEntry entry;
  private final List<ScanRecord> scans = new ArrayList<>();
  private final TreeSet<Integer> sources = new TreeSet<>(Integer::compareUnsigned);
  private final Map<String, CampaignRecord> campaigns = new LinkedHashMap<>();
  private final Set<String> lines = new LinkedHashSet<>();

  EntityBuilder(String name, CatalogueEntry entry) {
    this.name = name;
    this.entry = entry;
  }

  void add(ScanRecord scan, Attribution attribution, CampaignRecord campaign) {
    scans.add(scan);
    sources.add(scan.src());
    if (campaign != null) {
      campaigns.putIfAbsent(campaign.id(), campaign);
    }
    if (attribution != null) {
      lines.add(attribution.evidence());
    } else if (campaign != null) {
      lines.add("no catalogue match by range, reverse DNS or behaviour; grouped by campaign " + campaign.id());
    } else {
      lines.add("no catalogue match by range, reverse DNS or behaviour; one entity per source");
    }
  }

  EntityRecord build(AxisInference inference, int maxLines) {
    int[] addresses = sources.stream().mapToInt(Integer::intValue).toArray();
    List<String> attribution = new ArrayList<>(lines.stream().limit(maxLines).toList());
    if (lines.size() > maxLines) {
      attribution.add("and " + (lines.size() - maxLines) + " more sources attributed alike");
    }
    return new EntityRecord(name, addresses,
        inference.axes(entry, addresses, scans, List.copyOf(campaigns.values())), List.copyOf(attribution));
  }
}
