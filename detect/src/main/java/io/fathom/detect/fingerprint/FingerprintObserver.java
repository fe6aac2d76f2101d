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
    if (ruleTrackers != null) {
      for (RuleTracker tracker : ruleTrackers) {
        tracker.observe(packet);
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
