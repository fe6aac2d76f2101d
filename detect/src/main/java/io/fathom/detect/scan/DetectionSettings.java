package io.fathom.detect.scan;

import io.fathom.detect.fingerprint.ToolObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every threshold of scan detection, with the published defaults; each can be overridden through
 * {@link #builder()}, and {@link #describe()} lists them all for a report.
 *
 * <p><b>Durumeric, Bailey and Halderman (2014)</b>: a scan is a source probing at least
 * {@code durumericMinTargets} (100) distinct destinations on one port, at {@code durumericMinRatePps} (10) packets
 * per second or more over the episode, an episode ending after {@code idleTimeoutNanos} (480 s) without a probe.
 * The rate is the source's probe rate as the capture sees it, averaged over the whole episode.
 *
 * <p><b>Zeek's scan.zeek</b>: {@code zeekAddressScanThreshold} (25) distinct hosts on one port, or
 * {@code zeekPortScanThreshold} (15) distinct ports on one host, within {@code zeekIntervalNanos} (5 min,
 * tumbling windows from the episode's first probe). In a telescope every probe is a failed attempt, so every
 * probe counts.
 *
 * <p><b>Threshold Random Walk (Jung et al. 2004)</b>: the probability that a first contact succeeds is
 * {@code trwTheta0} (0.8) for a benign source and {@code trwTheta1} (0.2) for a scanner; with the false-positive
 * bound {@code trwAlpha} (0.01) and detection probability {@code trwBeta} (0.99) a source is a suspect once the
 * likelihood ratio reaches beta / alpha (99), which takes four unanswered first contacts. A suspect is an early
 * warning, never a scan.
 *
 * <p><b>Bounds</b>: at most {@code maxSources} live (source, protocol) episodes and {@code maxNotScanSources}
 * (source, reason) aggregates, the stalest evicted beyond; distinct targets counted exactly up to
 * {@code exactDistinctCap}, then by HyperLogLog with 2^{@code hllPrecision} registers (relative error
 * 1.04 / sqrt(2^p)); the per-port and per-host tables behind the thresholds hold at most {@code maxTrackedKeys}
 * keys each; the target sketch keeps the {@code sketchK} smallest hashes.
 *
 * <p><b>Candidates</b>: a below-threshold episode (no definition met, not a flood) with at least
 * {@code candidateMinTargets} (16) distinct targets is also handed to {@link ScanListener#onCandidate}, so that
 * slow sources splitting one target space can be found together (a slow distributed scan, Dainotti et al., IMC
 * 2012; see {@code io.fathom.detect.campaign.CampaignGrouper}). Fewer targets prove nothing about splitting: 16 is
 * the campaign grouper's least sketch. At most {@code maxCandidates} (1,000,000) are handed over per detector, the
 * rest counted as dropped. Every candidate is still reported as a below-threshold not-scan too.
 *
 * <p><b>Not scans</b>: a probe repeating (source, destination, port, sequence) within {@code retransmitWindowNanos}
 * is a retransmission, told from a young episode's records or remembered in a set-associative cache sized by the
 * rate of new probes (2^15 entries at first, up to {@code retransmitCacheMaxSize}, 2^21), see
 * {@link RetransmissionFilter}. A TCP segment with ACK or RST and no SYN from a source to a destination it sent a
 * SYN to in its current episode belongs to its own connection ({@code connection}), not to backscatter. A flood is a
 * source whose probes all went to one destination with at least {@code floodPacketsPerPort} packets per distinct
 * port, or a source whose probes all went to one destination that at least {@code floodMinSources} new sources also
 * hit first within the idle timeout (random spoofed sources; tracked in {@code floodTableSize} slots).
 *
 * <p><b>Ports scope</b>: {@code single} (1 port), {@code strobe} (2 to {@code strobeMaxPorts}), {@code vanilla}
 * (at least {@code vanillaMinFraction} of ports 1-65535) or {@code range}.
 *
 * @param sweepIntervalNanos how often (capture time) the detector looks for idle episodes on its own
 * @param telescopePrefixes the telescope's address space, or empty for no extrapolation
 * @param observers makes one tool observer per episode, or null for no tool attribution
 */
public record DetectionSettings(
    int durumericMinTargets,
    double durumericMinRatePps,
    long idleTimeoutNanos,
    int zeekAddressScanThreshold,
    int zeekPortScanThreshold,
    long zeekIntervalNanos,
    double trwTheta0,
    double trwTheta1,
    double trwAlpha,
    double trwBeta,
    int trwMaxReplies,
    int maxSources,
    int maxNotScanSources,
    int maxCandidates,
    int candidateMinTargets,
    int exactDistinctCap,
    int hllPrecision,
    int maxTrackedKeys,
    int sketchK,
    long retransmitWindowNanos,
    int retransmitCacheMaxSize,
    int floodPacketsPerPort,
    int floodMinSources,
    int floodTableSize,
    int strobeMaxPorts,
    double vanillaMinFraction,
    long sweepIntervalNanos,
    List<Prefix> telescopePrefixes,
    Supplier<ToolObserver> observers) {

  public DetectionSettings {
    positive("durumericMinTargets", durumericMinTargets);
    positive("zeekAddressScanThreshold", zeekAddressScanThreshold);
    positive("zeekPortScanThreshold", zeekPortScanThreshold);
    positive("trwMaxReplies", trwMaxReplies);
    positive("maxSources", maxSources);
    positive("maxNotScanSources", maxNotScanSources);
    positive("candidateMinTargets", candidateMinTargets);
    if (maxCandidates < 0) {
      throw new IllegalArgumentException("maxCandidates must not be negative, not " + maxCandidates);
    }
    positive("maxTrackedKeys", maxTrackedKeys);
    positive("sketchK", sketchK);
    positive("retransmitCacheMaxSize", retransmitCacheMaxSize);
    positive("floodPacketsPerPort", floodPacketsPerPort);
    positive("floodMinSources", floodMinSources);
    positive("floodTableSize", floodTableSize);
    positive("strobeMaxPorts", strobeMaxPorts);
    if (exactDistinctCap < sketchK) {
      throw new IllegalArgumentException("exactDistinctCap must be at least sketchK (" + sketchK + ")");
    }
    if (hllPrecision < 4 || hllPrecision > 16) {
      throw new IllegalArgumentException("hllPrecision must be 4-16, not " + hllPrecision);
    }
    if (idleTimeoutNanos <= 0 || zeekIntervalNanos <= 0 || sweepIntervalNanos <= 0 || retransmitWindowNanos < 0) {
      throw new IllegalArgumentException("time settings must be positive");
    }
    if (retransmitWindowNanos > RetransmissionFilter.MAX_WINDOW_NANOS) {
      throw new IllegalArgumentException("retransmitWindowNanos must be at most "
          + RetransmissionFilter.MAX_WINDOW_NANOS / 1_000_000_000L + " s");
    }
    if (durumericMinRatePps < 0) {
      throw new IllegalArgumentException("durumericMinRatePps must not be negative");
    }
    if (!(trwTheta1 > 0 && trwTheta1 < trwTheta0 && trwTheta0 < 1)) {
      throw new IllegalArgumentException("TRW needs 0 < theta1 < theta0 < 1");
    }
    if (!(trwAlpha > 0 && trwAlpha < trwBeta && trwBeta < 1)) {
      throw new IllegalArgumentException("TRW needs 0 < alpha < beta < 1");
    }
    if (!(vanillaMinFraction > 0 && vanillaMinFraction <= 1)) {
      throw new IllegalArgumentException("vanillaMinFraction must be in (0, 1]");
    }
    telescopePrefixes = List.copyOf(telescopePrefixes);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }

  public static DetectionSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The likelihood ratio at which TRW names a suspect: beta / alpha. */
  public double trwUpperBound() {
    return trwBeta / trwAlpha;
  }

  /** The likelihood ratio at which TRW accepts a source as benign and starts its walk again: (1-beta)/(1-alpha). */
  public double trwLowerBound() {
    return (1 - trwBeta) / (1 - trwAlpha);
  }

  /** Every setting by name, in declaration order, for printing in a report. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("durumericMinTargets", durumericMinTargets);
    out.put("durumericMinRatePps", durumericMinRatePps);
    out.put("idleTimeoutSeconds", seconds(idleTimeoutNanos));
    out.put("zeekAddressScanThreshold", zeekAddressScanThreshold);
    out.put("zeekPortScanThreshold", zeekPortScanThreshold);
    out.put("zeekIntervalSeconds", seconds(zeekIntervalNanos));
    out.put("trwTheta0", trwTheta0);
    out.put("trwTheta1", trwTheta1);
    out.put("trwAlpha", trwAlpha);
    out.put("trwBeta", trwBeta);
    out.put("trwUpperBound", trwUpperBound());
    out.put("trwLowerBound", trwLowerBound());
    out.put("trwMaxReplies", trwMaxReplies);
    out.put("maxSources", maxSources);
    out.put("maxNotScanSources", maxNotScanSources);
    out.put("maxCandidates", maxCandidates);
    out.put("candidateMinTargets", candidateMinTargets);
    out.put("exactDistinctCap", exactDistinctCap);
    out.put("hllPrecision", hllPrecision);
    out.put("hllRelativeError", HyperLogLog.relativeError(hllPrecision));
    out.put("maxTrackedKeys", maxTrackedKeys);
    out.put("sketchK", sketchK);
    out.put("retransmitWindowSeconds", seconds(retransmitWindowNanos));
    out.put("retransmitCacheMaxSize", retransmitCacheMaxSize);
    out.put("floodPacketsPerPort", floodPacketsPerPort);
    out.put("floodMinSources", floodMinSources);
    out.put("floodTableSize", floodTableSize);
    out.put("strobeMaxPorts", strobeMaxPorts);
    out.put("vanillaMinFraction", vanillaMinFraction);
    out.put("sweepIntervalSeconds", seconds(sweepIntervalNanos));
    List<String> prefixes = new ArrayList<>();
    telescopePrefixes.forEach(p -> prefixes.add(p.toString()));
    out.put("telescopePrefixes", prefixes);
    out.put("telescopeSize", telescopePrefixes.isEmpty() ? 0L : new Telescope(telescopePrefixes).size());
    out.put("toolObservers", observers == null ? "none" : "per episode");
    return out;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.durumericMinTargets = durumericMinTargets;
    b.durumericMinRatePps = durumericMinRatePps;
    b.idleTimeoutNanos = idleTimeoutNanos;
    b.zeekAddressScanThreshold = zeekAddressScanThreshold;
    b.zeekPortScanThreshold = zeekPortScanThreshold;
    b.zeekIntervalNanos = zeekIntervalNanos;
    b.trwTheta0 = trwTheta0;
    b.trwTheta1 = trwTheta1;
    b.trwAlpha = trwAlpha;
    b.trwBeta = trwBeta;
    b.trwMaxReplies = trwMaxReplies;
    b.maxSources = maxSources;
    b.maxNotScanSources = maxNotScanSources;
    b.maxCandidates = maxCandidates;
    b.candidateMinTargets = candidateMinTargets;
    b.exactDistinctCap = exactDistinctCap;
    b.hllPrecision = hllPrecision;
    b.maxTrackedKeys = maxTrackedKeys;
    b.sketchK = sketchK;
    b.retransmitWindowNanos = retransmitWindowNanos;
    b.retransmitCacheMaxSize = retransmitCacheMaxSize;
    b.floodPacketsPerPort = floodPacketsPerPort;
    b.floodMinSources = floodMinSources;
    b.floodTableSize = floodTableSize;
    b.strobeMaxPorts = strobeMaxPorts;
    b.vanillaMinFraction = vanillaMinFraction;
    b.sweepIntervalNanos = sweepIntervalNanos;
    b.telescopePrefixes = telescopePrefixes;
    b.observers = observers;
    return b;
  }

  /** Builds settings from the defaults, one override at a time. */
  public static final class Builder {
    private int durumericMinTargets = 100;
    private double durumericMinRatePps = 10.0;
    private long idleTimeoutNanos = TimeUnit.SECONDS.toNanos(480);
    private int zeekAddressScanThreshold = 25;
    private int zeekPortScanThreshold = 15;
    private long zeekIntervalNanos = TimeUnit.MINUTES.toNanos(5);
    private double trwTheta0 = 0.8;
    private double trwTheta1 = 0.2;
    private double trwAlpha = 0.01;
    private double trwBeta = 0.99;
    private int trwMaxReplies = 256;
    private int maxSources = 1_000_000;
    private int maxNotScanSources = 1_000_000;
    private int maxCandidates = 1_000_000;
    private int candidateMinTargets = 16;
    private int exactDistinctCap = 4096;
    private int hllPrecision = 12;
    private int maxTrackedKeys = 1024;
    private int sketchK = 64;
    private long retransmitWindowNanos = TimeUnit.SECONDS.toNanos(10);
    private int retransmitCacheMaxSize = 1 << 21;
    private int floodPacketsPerPort = 100;
    private int floodMinSources = 50;
    private int floodTableSize = 4096;
    private int strobeMaxPorts = 32;
    private double vanillaMinFraction = 0.99;
    private long sweepIntervalNanos = TimeUnit.SECONDS.toNanos(30);
    private List<Prefix> telescopePrefixes = List.of();
    private Supplier<ToolObserver> observers;

    private Builder() {}

    public Builder durumericMinTargets(int v) {
      durumericMinTargets = v;
      return this;
    }

    public Builder durumericMinRatePps(double v) {
      durumericMinRatePps = v;
      return this;
    }

    public Builder idleTimeoutNanos(long v) {
      idleTimeoutNanos = v;
      return this;
    }

    public Builder zeekAddressScanThreshold(int v) {
      zeekAddressScanThreshold = v;
      return this;
    }

    public Builder zeekPortScanThreshold(int v) {
      zeekPortScanThreshold = v;
      return this;
    }

    public Builder zeekIntervalNanos(long v) {
      zeekIntervalNanos = v;
      return this;
    }

    public Builder trw(double theta0, double theta1, double alpha, double beta) {
      trwTheta0 = theta0;
      trwTheta1 = theta1;
      trwAlpha = alpha;
      trwBeta = beta;
      return this;
    }

    public Builder trwMaxReplies(int v) {
      trwMaxReplies = v;
      return this;
    }

    public Builder maxSources(int v) {
      maxSources = v;
      return this;
    }

    public Builder maxNotScanSources(int v) {
      maxNotScanSources = v;
      return this;
    }

    public Builder maxCandidates(int v) {
      maxCandidates = v;
      return this;
    }

    public Builder candidateMinTargets(int v) {
      candidateMinTargets = v;
      return this;
    }

    public Builder exactDistinctCap(int v) {
      exactDistinctCap = v;
      return this;
    }

    public Builder hllPrecision(int v) {
      hllPrecision = v;
      return this;
    }

    public Builder maxTrackedKeys(int v) {
      maxTrackedKeys = v;
      return this;
    }

    public Builder sketchK(int v) {
      sketchK = v;
      return this;
    }

    public Builder retransmitWindowNanos(long v) {
      retransmitWindowNanos = v;
      return this;
    }

    public Builder retransmitCacheMaxSize(int v) {
      retransmitCacheMaxSize = v;
      return this;
    }

    public Builder floodPacketsPerPort(int v) {
      floodPacketsPerPort = v;
      return this;
    }

    public Builder floodMinSources(int v) {
      floodMinSources = v;
      return this;
    }

    public Builder floodTableSize(int v) {
      floodTableSize = v;
      return this;
    }

    public Builder strobeMaxPorts(int v) {
      strobeMaxPorts = v;
      return this;
    }

    public Builder vanillaMinFraction(double v) {
      vanillaMinFraction = v;
      return this;
    }

    public Builder sweepIntervalNanos(long v) {
      sweepIntervalNanos = v;
      return this;
    }

    public Builder telescopePrefixes(List<Prefix> v) {
      telescopePrefixes = v;
      return this;
    }

    public Builder observers(Supplier<ToolObserver> v) {
      observers = v;
      return this;
    }

    public DetectionSettings build() {
      return new DetectionSettings(durumericMinTargets, durumericMinRatePps, idleTimeoutNanos,
          zeekAddressScanThreshold, zeekPortScanThreshold, zeekIntervalNanos, trwTheta0, trwTheta1, trwAlpha,
          trwBeta, trwMaxReplies, maxSources, maxNotScanSources, maxCandidates, candidateMinTargets, exactDistinctCap,
          hllPrecision, maxTrackedKeys, sketchK, retransmitWindowNanos, retransmitCacheMaxSize, floodPacketsPerPort,
          floodMinSources, floodTableSize, strobeMaxPorts, vanillaMinFraction, sweepIntervalNanos, telescopePrefixes,
          observers);
    }
  }
}
