package io.fathom.detect.fingerprint;

import java.util.List;

/**
 * The registry of tool fingerprints, and the observer that runs them all over an episode.
 *
 * <p>Verdict thresholds: a fingerprint qualifies when its rules were tested on at least {@link #MIN_PROBES} probes
 * (six probes for rules that relate a probe to the one before) and held for at least {@link #MIN_FRACTION} of them.
 * Exactly one qualifying fingerprint names the tool; none, or two or more (a tie: the rules are meant to be
 * disjoint, so two that hold mean a stream we cannot tell apart), give {@link ToolVerdict#UNKNOWN}. Confidence is
 * {@code matched / (tested + 5)}: the fraction that held, discounted for few probes (5 of 5 gives 0.5, 100 of 100
 * gives 0.95, 1000 of 1000 gives 0.995).
 */
public final class ToolFingerprints {
  public static final int MIN_PROBES = 5;
  public static final double MIN_FRACTION = 0.90;
  /** Probes that halve the confidence of a perfect match; see the class comment. */
  public static final int CONFIDENCE_PRIOR = 5;

  /** The one list: add a fingerprint here and to FINGERPRINTS.md. */
  private static final List<ToolFingerprint> ALL = List.of(
      new ZmapIpIdFingerprint(),
      new ZmapOptionsFingerprint(),
      new MasscanFingerprint(),
      new NmapFingerprint(),
      new MiraiFingerprint(),
      new UnicornscanFingerprint(),
      new Hping3Fingerprint(),
      new FathomFingerprint());

  private ToolFingerprints() {}

  /** Every registered fingerprint, in a fixed order (immutable). */
  public static List<ToolFingerprint> all() {
    return ALL;
  }

  /** An observer for one episode: feeds each TCP SYN probe to every fingerprint, ignores other packets. */
  public static ToolObserver newObserver() {
    return new FingerprintObserver(ALL);
  }

  /** Whether a tracker's evidence is enough for a verdict. */
  public static boolean qualifies(ToolFingerprint.Tracker tracker) {
    int tested = tracker.tested();
    return tested >= MIN_PROBES && tracker.matched() >= MIN_FRACTION * tested;
  }

  /** {@code matched / (tested + CONFIDENCE_PRIOR)}, 0 for nothing tested. */
  public static double confidence(int matched, int tested) {
    return tested <= 0 ? 0 : (double) matched / (tested + CONFIDENCE_PRIOR);
  }
}
