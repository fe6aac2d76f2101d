package io.fathom.detect.scan;

import io.fathom.detect.NotScanRecord;
import io.fathom.detect.ScanRecord;

/** Receives what a {@link ScanDetector} concludes, on the thread that feeds it. Every method defaults to nothing. */
public interface ScanListener {
  /** A source's episode met at least one scan definition. */
  default void onScan(ScanRecord scan) {}

  /** Traffic of one source that is not scanning, with the reason. */
  default void onNotScan(NotScanRecord notScan) {}

  /**
   * Threshold Random Walk names a suspect: an early warning on live traffic, raised once per episode; the
   * episode may still end below every scan definition.
   *
   * @param likelihoodRatio the walk's likelihood ratio when it crossed beta / alpha
   */
  default void onSuspect(int src, long timeNanos, double likelihoodRatio) {}
}
