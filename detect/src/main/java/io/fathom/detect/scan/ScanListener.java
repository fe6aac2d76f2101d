package io.fathom.detect.scan;

import io.fathom.detect.NotScanRecord;
import io.fathom.detect.ScanRecord;

/** Receives what a {@link ScanDetector} concludes, on the thread that feeds it. Every method defaults to nothing. */
public interface ScanListener {
  /** A source's episode met at least one scan definition. */
  default void onScan(ScanRecord scan) {}

  /**
   * A below-threshold probing episode (no definition met, not a flood) with enough targets to be part of a slow
   * distributed scan: a record with empty definitions, its sketch, ports, targets and times, for grouping with
   * other sources' candidates (see {@code io.fathom.detect.campaign.CampaignGrouper}). The same episode is then
   * reported through {@link #onNotScan} as {@code below-threshold} (same source, packets, start and end), so a
   * listener that ignores candidates loses nothing; one that promotes a candidate to a scan drops that record.
   * Bounded by {@link DetectionSettings#maxCandidates()} per detector.
   */
  default void onCandidate(ScanRecord candidate) {}

  /** Traffic of one source that is not scanning, with the reason. */
  default void onNotScan(NotScanRecord notScan) {}

  /**
   * False when {@link #onNotScan} ignores every record: the detector then makes none (a telescope's capture gives
   * millions; it counts them all the same). Asked once, when the detector is made.
   */
  default boolean keepsNotScans() {
    return true;
  }

  /**
   * Threshold Random Walk names a suspect: an early warning on live traffic, raised once per episode; the
   * episode may still end below every scan definition.
   *
   * @param likelihoodRatio the walk's likelihood ratio when it crossed beta / alpha
   */
  default void onSuspect(int src, long timeNanos, double likelihoodRatio) {}
}
