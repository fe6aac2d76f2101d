package io.fathom.detect.campaign;

import java.time.Duration;

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
 */
public record CampaignSettings(long startWindowNanos, double minPortJaccard, double maxSketchOverlap,
    int minSketchSize, double maxRateRatio, int wideMinSlash16) {

  public CampaignSettings {
    if (startWindowNanos < 0) {
      throw new IllegalArgumentException("start window must not be negative");
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
  }

  /** Ten minutes' start window, 80 % port overlap, 10 % sketch overlap, 16 samples, rates within 2x, 2 /16s. */
  public static CampaignSettings defaults() {
    return new CampaignSettings(Duration.ofMinutes(10).toNanos(), 0.8, 0.1, 16, 2.0, 2);
  }
}
