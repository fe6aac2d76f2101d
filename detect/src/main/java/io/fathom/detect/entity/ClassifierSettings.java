package io.fathom.detect.entity;

import java.time.Duration;

/**
 * Settings of {@link EntityClassifier}.
 *
 * @param captureEndNanos the capture's last moment, nanoseconds since the epoch, or null for the latest scan end
 * @param inactivityTimeoutNanos a scan whose last packet lies within this of the capture's end is {@code ongoing}
 * @param rdnsWait the longest wait for all reverse-DNS answers together; sources unanswered by then have no name
 * @param wideMinSlash16 distinct /16s from which an entity's sources count as {@code wide/global}
 * @param maxAttributionLines per-source attribution lines kept per entity before a summary line
 */
public record ClassifierSettings(Long captureEndNanos, long inactivityTimeoutNanos, Duration rdnsWait,
    int wideMinSlash16, int maxAttributionLines) {

  public ClassifierSettings {
    if (inactivityTimeoutNanos < 0 || rdnsWait.isNegative() || wideMinSlash16 < 2 || maxAttributionLines < 1) {
      throw new IllegalArgumentException("invalid classifier settings");
    }
  }

  /** Capture end from the scans, five minutes' inactivity timeout, 30 s for reverse DNS, 2 /16s, 20 lines. */
  public static ClassifierSettings defaults() {
    return new ClassifierSettings(null, Duration.ofMinutes(5).toNanos(), Duration.ofSeconds(30), 2, 20);
  }

  public ClassifierSettings withCaptureEnd(long nanos) {
    return new ClassifierSettings(nanos, inactivityTimeoutNanos, rdnsWait, wideMinSlash16, maxAttributionLines);
  }
}
