package io.fathom.detect.entity;

import io.fathom.detect.CampaignRecord;
import io.fathom.detect.EntityRecord.Axis;
import io.fathom.detect.ScanRecord;
import io.fathom.detect.campaign.Distribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The six axes of one entity: inferred from its traffic where a rule below applies, else the catalogue's value,
 * else {@code unknown} (source {@code none}). The rules are deliberately few:
 *
 * <ul>
 *   <li>distribution: from its campaigns (wide if any is), else from its sources when there are several (2 or more
 *       /16s: wide). What one capture sees is a lower bound on spread, so an inferred {@code single/local} yields
 *       to a catalogue value; one source in no campaign is {@code single/local} only without one;
 *   <li>software: {@code public} when every fingerprinted tool is a published one ({@link #PUBLIC_TOOLS}); an
 *       unknown tool tells nothing;
 *   <li>intention: {@code exploit} for Mirai's scanner (it scans to log in and infect); {@code
 *       discovery/reconnaissance} when every scan is vertical (many ports of chosen hosts);
 *   <li>timing: {@code ongoing} when the last packet lies within the inactivity timeout of the capture's end,
 *       else {@code passed};
 *   <li>organization and publication: never from traffic.
 * </ul>
 */
final class AxisInference {
  /** Tools whose code is published; Mirai's since its release in 2016. */
  static final Set<String> PUBLIC_TOOLS =
      Set.of("zmap", "masscan", "nmap", "unicornscan", "hping3", "fathom", "zgrab", "mirai");

  private final EntityCatalogue catalogue;
  private final ClassifierSettings settings;
  private final long captureEndNanos;

  AxisInference(EntityCatalogue catalogue, ClassifierSettings settings, long captureEndNanos) {
    this.catalogue = catalogue;
    this.settings = settings;
    this.captureEndNanos = captureEndNanos;
  }

  Map<String, Axis> axes(CatalogueEntry entry, int[] sources, List<ScanRecord> scans,
      List<CampaignRecord> campaigns) {
    Map<String, Axis> axes = new LinkedHashMap<>();
    axes.put("organization", fromCatalogue(entry, "organization"));
    axes.put("intention", orCatalogue(intention(scans), entry, "intention"));
    axes.put("distribution", distribution(entry, sources, campaigns));
    axes.put("publication", fromCatalogue(entry, "publication"));
    axes.put("software", orCatalogue(software(scans), entry, "software"));
    axes.put("timing", orCatalogue(timing(scans), entry, "timing"));
    return axes;
  }

  private Axis intention(List<ScanRecord> scans) {
    for (ScanRecord scan : scans) {
      if ("mirai".equals(scan.tool())) {
        return inferred("exploit", "tool mirai fingerprinted on " + scan.proto() + " ports "
            + Arrays.toString(scan.ports()) + ": Mirai scans to log in and infect");
      }
    }
    if (!scans.isEmpty() && scans.stream().allMatch(s -> "vertical".equals(s.shape()))) {
      long hosts = scans.stream().mapToLong(ScanRecord::targets).sum();
      int ports = scans.stream().mapToInt(s -> s.ports().length).max().orElse(0);
      return inferred("discovery/reconnaissance", "every scan vertical: up to " + ports + " ports of " + hosts
          + " chosen hosts");
    }
    return null;
  }

  private Axis software(List<ScanRecord> scans) {
    Set<String> tools = new TreeSet<>();
    scans.stream().map(ScanRecord::tool).filter(t -> t != null && !t.equals("unknown")).forEach(tools::add);
    if (!tools.isEmpty() && PUBLIC_TOOLS.containsAll(tools)) {
      return inferred("public", "fingerprinted tool " + String.join(", ", tools) + " is publicly available");
    }
    return null;
  }

  private Axis timing(List<ScanRecord> scans) {
    if (scans.isEmpty()) {
      return null;
    }
    long last = scans.stream().mapToLong(ScanRecord::endNanos).max().getAsLong();
    double gap = (captureEndNanos - last) / 1e9;
    double timeout = settings.inactivityTimeoutNanos() / 1e9;
    String value = captureEndNanos - last <= settings.inactivityTimeoutNanos() ? "ongoing" : "passed";
    return inferred(value, String.format(Locale.ROOT, "last packet %.1f s before the capture's end"
        + " (inactivity timeout %.0f s)", gap, timeout));
  }

  private Axis distribution(CatalogueEntry entry, int[] sources, List<CampaignRecord> campaigns) {
    if (!campaigns.isEmpty()) {
      CampaignRecord widest = campaigns.stream().filter(c -> Distribution.WIDE.equals(c.distribution()))
          .findFirst().orElse(campaigns.getFirst());
      Axis axis = inferred(widest.distribution(), "campaign " + widest.id() + ": " + widest.sources().length
          + " sources, " + widest.distribution());
      return keepCatalogueOverLocal(axis, entry);
    }
    Distribution spread = Distribution.of(sources, settings.wideMinSlash16());
    String suffix = sources.length == 1 ? " in no campaign" : "";
    return keepCatalogueOverLocal(inferred(spread.value(), spread.evidence() + suffix), entry);
  }

  private Axis keepCatalogueOverLocal(Axis inferred, CatalogueEntry entry) {
    Axis catalogued = fromCatalogue(entry, "distribution");
    if (Distribution.SINGLE.equals(inferred.value()) && catalogued.source().equals("catalogue")) {
      List<String> evidence = new ArrayList<>(catalogued.evidence());
      evidence.add("observed " + inferred.evidence().getFirst() + " (a lower bound on spread)");
      return new Axis(catalogued.value(), "catalogue", List.copyOf(evidence));
    }
    return inferred;
  }

  private Axis orCatalogue(Axis inferred, CatalogueEntry entry, String axis) {
    return inferred != null ? inferred : fromCatalogue(entry, axis);
  }

  private Axis fromCatalogue(CatalogueEntry entry, String axis) {
    String value = entry == null ? null : entry.axes().get(axis);
    if (value == null || value.equals(AxisValues.UNKNOWN)) {
      String why = entry == null ? "not in the catalogue and no traffic rule applies"
          : "catalogue '" + entry.name() + "' says unknown and no traffic rule applies";
      return new Axis(AxisValues.UNKNOWN, "none", List.of(why));
    }
    List<String> evidence = new ArrayList<>();
    evidence.add("catalogue '" + entry.name() + "' (catalogue version " + catalogue.version() + ", "
        + catalogue.date() + ")");
    if (entry.axisNotes().containsKey(axis)) {
      evidence.add(entry.axisNotes().get(axis));
    }
    return new Axis(value, "catalogue", List.copyOf(evidence));
  }

  private static Axis inferred(String value, String evidence) {
    return new Axis(value, "inferred", List.of(evidence));
  }
}
