package io.fathom.detect.fingerprint;

import io.fathom.detect.PacketView;
import java.util.List;

/** Runs every fingerprint's tracker over one episode's SYN probes; see {@link ToolFingerprints} for the verdict. */
final class FingerprintObserver implements ToolObserver {
  private final List<ToolFingerprint> fingerprints;
  private final ToolFingerprint.Tracker[] trackers;
  /** The same trackers when all are rule trackers (the built-in ones): a class call per probe, not an interface's. */
  private final RuleTracker[] ruleTrackers;

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
  }

  @Override
  public void observe(PacketView packet) {
    if (!packet.isTcpSyn()) {
      return;
    }
    RuleTracker[] rules = ruleTrackers;
    if (rules != null) {
      // One call of test per tracker position, eight in a row: each call site sees a single class (every observer
      // holds the fingerprints in one order), so the JIT inlines each test, where one call site in a loop would make
      // a virtual call through eight classes for every probe.
      int i = 0;
      for (; i + 8 <= rules.length; i += 8) {
        rules[i].count(rules[i].test(packet));
        rules[i + 1].count(rules[i + 1].test(packet));
        rules[i + 2].count(rules[i + 2].test(packet));
        rules[i + 3].count(rules[i + 3].test(packet));
        rules[i + 4].count(rules[i + 4].test(packet));
        rules[i + 5].count(rules[i + 5].test(packet));
        rules[i + 6].count(rules[i + 6].test(packet));
        rules[i + 7].count(rules[i + 7].test(packet));
      }
      for (; i < rules.length; i++) {
        rules[i].count(rules[i].test(packet));
      }
      return;
    }
    for (ToolFingerprint.Tracker tracker : trackers) {
      tracker.observe(packet);
    }
  }

  @Override
  public long bytes() {
    long bytes = 32 + 2 * (16 + 4L * trackers.length);
    for (ToolFingerprint.Tracker tracker : trackers) {
      bytes += tracker instanceof RuleTracker rule ? rule.bytes() : 64;
    }
    return bytes;
  }

  @Override
  public ToolVerdict verdict() {
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
