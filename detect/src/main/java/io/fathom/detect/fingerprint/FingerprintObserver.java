package io.fathom.detect.fingerprint;

import io.fathom.detect.PacketView;
import java.util.List;

/**
 * Runs every fingerprint's tracker over one episode's SYN probes; see {@link ToolFingerprints} for the verdict.
 *
 * <p>With the built-in trackers (eight, each with at most seven rules) a probe's results are one long, a byte per
 * tracker, and the probe is counted by the number of probes that gave the same long: a scan's probes give one or
 * a few results over and over, so a probe touches none of the eight trackers' counters, only a few longs here
 * (the benchmark capture: about 3 % faster, a third of what the observer cost, bench/README.md). The counts are
 * added to the trackers when {@value #PATTERNS} different results are waiting, and before a verdict: the same
 * counts, in another order.
 *
 * <p>The observer is also the previous probe its trackers' rules compare with ({@link PreviousProbe}), and for the
 * built-in fingerprints it calls their rules directly ({@link #builtInResults}): a scanner's probe reads and writes
 * the observer's own lines and nothing of its eight trackers, which hold counts only (the benchmark capture: within
 * the noise of the build before, bench/README.md).
 */
final class FingerprintObserver extends PreviousProbe implements ToolObserver {
  /** Trackers whose results make one long: a byte each. */
  private static final int BATCHED = 8;
  /** Different results waiting to be counted at most. */
  static final int PATTERNS = 4;
  /** In a result's byte: set when the probe was tested, the rule bits below. */
  private static final int TESTED = 0x80;
  private final List<ToolFingerprint> fingerprints;
  private final ToolFingerprint.Tracker[] trackers;
  /** The same trackers when all are rule trackers (the built-in ones): a class call per probe, not an interface's. */
  private final RuleTracker[] ruleTrackers;
  /** With eight rule trackers: results waiting to be counted, and how many probes gave each. */
  /** Whether probes are counted by pattern (the built-in trackers: eight, each under eight rules). */
  private final boolean batched;
  /** Whether the fingerprints are the built-in ones, in their order: {@link #builtInResults} tests them. */
  private final boolean builtIn;
  /**
   * The waiting patterns and how many probes gave each, in fields rather than arrays: a scanner's probes come a
   * hundred packets apart, and each array would be one more line to bring back into the near caches per probe.
   */
  private long pattern0;
  private long pattern1;
  private long pattern2;
  private long pattern3;
  private int repeat0;
  private int repeat1;
  private int repeat2;
  private int repeat3;
  private int pending;

  FingerprintObserver(List<ToolFingerprint> fingerprints) {
    this.fingerprints = fingerprints;
    this.trackers = new ToolFingerprint.Tracker[fingerprints.size()];
    for (int i = 0; i < trackers.length; i++) {
      trackers[i] = fingerprints.get(i).newTracker();
    }
    RuleTracker[] rules = new RuleTracker[trackers.length];
    for (int i = 0; i < trackers.length && rules != null; i++) {
      if (trackers[i] instanceof RuleTracker rule) {
        rules[i] = rule;
      } else {
        rules = null;
      }
    }
    this.ruleTrackers = rules;
    boolean batched = rules != null && rules.length == BATCHED;
    for (int i = 0; batched && i < rules.length; i++) {
      batched = rules[i].rules() < 8;
    }
    this.batched = batched;
    this.builtIn = fingerprints == ToolFingerprints.all();
  }

  /**
   * The built-in fingerprints' results for one probe, a byte each in the order of {@link ToolFingerprints#all()},
   * from their rules called directly: no tracker is read.
   */
  private static long builtInResults(PacketView p, PreviousProbe previous) {
    return slot(ZmapIpIdFingerprint.rules(p))
        | slot(ZmapOptionsFingerprint.rules(p, previous)) << 8
        | slot(MasscanFingerprint.rules(p)) << 16
        | slot(NmapFingerprint.rules(p, previous)) << 24
        | slot(MiraiFingerprint.rules(p)) << 32
        | slot(UnicornscanFingerprint.rules(p, previous)) << 40
        | slot(Hping3Fingerprint.rules(p, previous)) << 48
        | slot(FathomFingerprint.rules(p)) << 56;
  }

  /** A tracker's result as its byte of a long: zero when not tested. */
  private static long slot(int bits) {
    return (TESTED | bits) & ~(bits >> 31); // NOT_TESTED (-1): zero, without a branch
  }

  @Override
  public void observe(PacketView packet) {
    if (!packet.isTcpSyn()) {
      return;
    }
    RuleTracker[] rules = ruleTrackers;
    if (batched) {
      long pattern = builtIn ? builtInResults(packet, this)
          : slot(rules[0].test(packet, this))
              | slot(rules[1].test(packet, this)) << 8
              | slot(rules[2].test(packet, this)) << 16
              | slot(rules[3].test(packet, this)) << 24
              | slot(rules[4].test(packet, this)) << 32
              | slot(rules[5].test(packet, this)) << 40
              | slot(rules[6].test(packet, this)) << 48
              | slot(rules[7].test(packet, this)) << 56;
      remember(packet);
      int n = pending;
      if (n > 0 && pattern0 == pattern) {
        repeat0++;
      } else if (n > 1 && pattern1 == pattern) {
        repeat1++;
      } else if (n > 2 && pattern2 == pattern) {
        repeat2++;
      } else if (n > 3 && pattern3 == pattern) {
        repeat3++;
      } else {
        if (n == PATTERNS) {
          countPending();
          n = 0;
        }
        switch (n) {
          case 0 -> {
            pattern0 = pattern;
            repeat0 = 1;
          }
          case 1 -> {
            pattern1 = pattern;
            repeat1 = 1;
          }
          case 2 -> {
            pattern2 = pattern;
            repeat2 = 1;
          }
          default -> {
            pattern3 = pattern;
            repeat3 = 1;
          }
        }
        pending = n + 1;
      }
      return;
    }
    if (rules != null) {
      // One call of test per tracker position, eight in a row: each call site sees a single class (every observer
      // holds the fingerprints in one order), so the JIT inlines each test, where one call site in a loop would make
      // a virtual call through eight classes for every probe.
      int i = 0;
      for (; i + 8 <= rules.length; i += 8) {
        rules[i].count(rules[i].test(packet, this));
        rules[i + 1].count(rules[i + 1].test(packet, this));
        rules[i + 2].count(rules[i + 2].test(packet, this));
        rules[i + 3].count(rules[i + 3].test(packet, this));
        rules[i + 4].count(rules[i + 4].test(packet, this));
        rules[i + 5].count(rules[i + 5].test(packet, this));
        rules[i + 6].count(rules[i + 6].test(packet, this));
        rules[i + 7].count(rules[i + 7].test(packet, this));
      }
      for (; i < rules.length; i++) {
        rules[i].count(rules[i].test(packet, this));
      }
      remember(packet);
      return;
    }
    for (ToolFingerprint.Tracker tracker : trackers) {
      tracker.observe(packet);
    }
  }

  /** Adds the waiting results to the trackers' counts. */
  private void countPending() {
    int n = pending;
    if (n > 0) {
      countPattern(pattern0, repeat0);
    }
    if (n > 1) {
      countPattern(pattern1, repeat1);
    }
    if (n > 2) {
      countPattern(pattern2, repeat2);
    }
    if (n > 3) {
      countPattern(pattern3, repeat3);
    }
    pending = 0;
  }

  private void countPattern(long pattern, int repeats) {
    for (int i = 0; i < BATCHED; i++) {
      int result = (int) (pattern >>> (8 * i)) & 0xFF;
      if (result != 0) {
        ruleTrackers[i].count(result & ~TESTED, repeats);
      }
    }
  }

  @Override
  public long bytes() {
    long bytes = 72 + 2 * (16 + 4L * trackers.length) + (batched ? 12L * PATTERNS : 0);
    for (ToolFingerprint.Tracker tracker : trackers) {
      bytes += tracker instanceof RuleTracker rule ? rule.bytes() : 64;
    }
    return bytes;
  }

  /** Tracker {@code index}, with every probe observed so far counted (tests). */
  ToolFingerprint.Tracker tracker(int index) {
    if (batched) {
      countPending();
    }
    return trackers[index];
  }

  @Override
  public ToolVerdict verdict() {
    if (batched) {
      countPending();
    }
    int found = -1;
    for (int i = 0; i < trackers.length; i++) {
      if (ToolFingerprints.qualifies(trackers[i])) {
        if (found >= 0) {
          return ToolVerdict.UNKNOWN;
        }
        found = i;
      }
    }
    if (found < 0) {
      return ToolVerdict.UNKNOWN;
    }
    ToolFingerprint fingerprint = fingerprints.get(found);
    ToolFingerprint.Tracker tracker = trackers[found];
    double confidence = ToolFingerprints.confidence(tracker.matched(), tracker.tested());
    return new ToolVerdict(fingerprint.tool(), fingerprint.version(), fingerprint.id(), confidence,
        tracker.evidence());
  }
}
