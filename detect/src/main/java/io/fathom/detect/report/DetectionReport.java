package io.fathom.detect.report;

import io.fathom.detect.CampaignRecord;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.NotScanRecord;
import io.fathom.detect.ScanRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one detection run found, with the settings it used and where its input came from. Immutable; the
 * maps keep their insertion order so that reports list settings as the run declared them.
 *
 * @param scans the scans found
 * @param notScans traffic labelled as not scanning (empty when not asked for: a run then counts them only)
 * @param notScanCount how many not-scan records the run made (the size of {@code notScans} when they were kept)
 * @param includeNotScans whether formats list {@code notScans} (the user asked for them)
 * @param campaigns groups of sources that scan together
 * @param entities the scanning entities with their classification
 * @param suspects sources the sequential test flagged, scan or not
 * @param settings the detection settings and thresholds in force, by name (every report states them)
 * @param statistics run counters by name: packets, files, warnings, evicted flows...
 * @param provenance the version, the inputs and when the run took place
 */
public record DetectionReport(
    List<ScanRecord> scans,
    List<NotScanRecord> notScans,
    long notScanCount,
    boolean includeNotScans,
    List<CampaignRecord> campaigns,
    List<EntityRecord> entities,
    List<Suspect> suspects,
    Map<String, Object> settings,
    Map<String, Object> statistics,
    Provenance provenance) {

  public DetectionReport {
    scans = List.copyOf(scans);
    notScans = List.copyOf(notScans);
    if (notScanCount < notScans.size()) {
      throw new IllegalArgumentException("notScanCount " + notScanCount + " < " + notScans.size() + " records");
    }
    campaigns = List.copyOf(campaigns);
    entities = List.copyOf(entities);
    suspects = List.copyOf(suspects);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    Objects.requireNonNull(provenance, "provenance");
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A source whose sequential hypothesis test crossed the scanner threshold.
   *
   * @param src the source address
   * @param timeNanos when the test decided, nanoseconds since the epoch
   * @param likelihoodRatio the likelihood ratio at that moment
   */
  public record Suspect(int src, long timeNanos, double likelihoodRatio) {}

  /**
   * Where a report came from.
   *
   * @param version Fathom's version
   * @param inputs the capture files (or interfaces) read, in order
   * @param started when the run started (wall clock), or null
   * @param finished when the run finished, or null
   */
  public record Provenance(String version, List<String> inputs, Instant started, Instant finished) {
    public Provenance {
      Objects.requireNonNull(version, "version");
      inputs = List.copyOf(inputs);
    }
  }

  /** Collects a report's parts; lists and maps left unset are empty. */
  public static final class Builder {
    private List<ScanRecord> scans = List.of();
    private List<NotScanRecord> notScans = List.of();
    private long notScanCount = -1;
    private boolean includeNotScans;
    private List<CampaignRecord> campaigns = List.of();
    private List<EntityRecord> entities = List.of();
    private List<Suspect> suspects = List.of();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Object> statistics = new LinkedHashMap<>();
    private Provenance provenance = new Provenance("unknown", List.of(), null, null);

    private Builder() {}

    public Builder scans(List<ScanRecord> value) {
      scans = new ArrayList<>(value);
      return this;
    }

    public Builder notScans(List<NotScanRecord> value) {
      notScans = new ArrayList<>(value);
      return this;
    }

    /** How many not-scan records there were, when they were counted rather than kept (default: the list's size). */
    public Builder notScanCount(long value) {
      notScanCount = value;
      return this;
    }

    public Builder includeNotScans(boolean value) {
      includeNotScans = value;
      return this;
    }

    public Builder campaigns(List<CampaignRecord> value) {
      campaigns = new ArrayList<>(value);
      return this;
    }

    public Builder entities(List<EntityRecord> value) {
      entities = new ArrayList<>(value);
      return this;
    }

    public Builder suspects(List<Suspect> value) {
      suspects = new ArrayList<>(value);
      return this;
    }

    /** Adds all of {@code values} to the settings, after those already set. */
    public Builder settings(Map<String, ?> values) {
      settings.putAll(values);
      return this;
    }

    public Builder setting(String name, Object value) {
      settings.put(name, value);
      return this;
    }

    /** Adds all of {@code values} to the statistics, after those already set. */
    public Builder statistics(Map<String, ?> values) {
      statistics.putAll(values);
      return this;
    }

    public Builder statistic(String name, Object value) {
      statistics.put(name, value);
      return this;
    }

    public Builder provenance(Provenance value) {
      provenance = value;
      return this;
    }

    public DetectionReport build() {
      long count = notScanCount < 0 ? notScans.size() : notScanCount;
      return new DetectionReport(scans, notScans, count, includeNotScans, campaigns, entities, suspects, settings,
          statistics, provenance);
    }
  }
}
