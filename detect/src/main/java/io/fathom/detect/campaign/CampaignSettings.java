package io.fathom.detect.campaign;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thresholds of {@link CampaignGrouper}, validated when built.
 *
 * @param startWindowNanos two episodes that do not overlap still count as one time when their starts lie this
 *     close
 * @param minPortJaccard the least |A ∩ B| / |A ∪ B| of two port sets that counts as "the same ports"
 * @param maxSketchOverlap the largest share of a scan's target sketch that may also appear in the other members'
 *     sketches for the scan to count as splitting the target space with them
 * @param minSketchSize sketches shorter than this prove nothing about splitting; such scans join no campaign
 * @param maxRateRatio for scans whose tool is unknown, the largest ratio of packet rates that counts as "the same
 *     timing"
 * @param wideMinSlash16 the number of distinct /16 networks from which a campaign counts as {@code wide/global}
 * @param distributedStartWindowNanos the start window for below-threshold candidates: slow sources of one
 *     distributed scan start hours apart (Dainotti et al., IMC 2012: the Sality botnet's sweep took 12 days)
 * @param distributedMinSources the fewest distinct sources whose candidates can form a distributed campaign: a
 *     handful of slow sources that happen to split a space prove little
 * @param distributedMinTargets the combined distinct targets on one port that a distributed campaign needs:
 *     Durumeric, Bailey and Halderman's (2014) 100 destinations
 */
public record CampaignSettings(long startWindowNanos, double minPortJaccard, double maxSketchOverlap,
    int minSketchSize, double maxRateRatio, int wideMinSlash16, long distributedStartWindowNanos,
    int distributedMinSources, int distributedMinTargets) {

  public CampaignSettings {
    if (startWindowNanos < 0 || distributedStartWindowNanos < 0) {
      throw new IllegalArgumentException("start windows must not be negative");
    }
    if (!(minPortJaccard > 0 && minPortJaccard <= 1)) {
      throw new IllegalArgumentException("port overlap must be in (0, 1]");
    }
    if (!(maxSketchOverlap >= 0 && maxSketchOverlap < 1)) {
      throw new IllegalArgumentException("sketch overlap must be in [0, 1)");
    }
    if (minSketchSize < 1 || maxRateRatio < 1 || wideMinSlash16 < 2) {
      throw new IllegalArgumentException("sketch size >= 1, rate ratio >= 1 and wide /16 count >= 2 are required");
    }
    if (distributedMinSources < 2 || distributedMinTargets < 1) {
      throw new IllegalArgumentException("a distributed campaign needs at least 2 sources and 1 target");
    }
  }

  /**
   * Ten minutes' start window, 80 % port overlap, 10 % sketch overlap, 16 samples, rates within 2x, 2 /16s; for
   * distributed campaigns of below-threshold sources two hours' start window, 10 sources and 100 targets.
   */
  public static CampaignSettings defaults() {
    return new CampaignSettings(Duration.ofMinutes(10).toNanos(), 0.8, 0.1, 16, 2.0, 2,
        Duration.ofHours(2).toNanos(), 10, 100);
  }

  /** The same settings with another distributed-campaign rule. */
  public CampaignSettings withDistributed(long startWindowNanos, int minSources, int minTargets) {
    return new CampaignSettings(this.startWindowNanos, minPortJaccard, maxSketchOverlap, minSketchSize, maxRateRatio,
        wideMinSlash16, startWindowNanos, minSources, minTargets);
  }

  /** Every setting by name, in declaration order, for printing in a report. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("campaignStartWindowSeconds", startWindowNanos / 1e9);
    out.put("campaignMinPortJaccard", minPortJaccard);
    out.put("campaignMaxSketchOverlap", maxSketchOverlap);
    out.put("campaignMinSketchSize", minSketchSize);
    out.put("campaignMaxRateRatio", maxRateRatio);
    out.put("campaignWideMinSlash16", wideMinSlash16);
    out.put("distributedStartWindowSeconds", distributedStartWindowNanos / 1e9);
    out.put("distributedMinSources", distributedMinSources);
    out.put("distributedMinTargets", distributedMinTargets);
    return out;
  }
}
