package io.fathom.detect.fingerprint;

import static io.fathom.detect.fingerprint.RuleTracker.is;
import static io.fathom.detect.fingerprint.RuleTracker.mssOnly;
import static io.fathom.detect.fingerprint.RuleTracker.ttlSentIn;

import io.fathom.detect.PacketView;

/**
 * Fathom's own SYN probes: IP ID = ((seq >>> 16) ^ destination port ^ 0x4654) &amp; 0xFFFF, TTL 64 as sent, window
 * 64240 and a lone MSS 1460 option. Source: {@code io.fathom.probe.tcp.SynProbe} and the README; published so
 * that anyone can tell our scans apart.
 */
final class FathomFingerprint implements ToolFingerprint {
  /** {@code SynProbe.IP_ID_SIGNATURE} ("FT"); detect does not depend on probe, so the value is repeated here. */
  static final int IP_ID_SIGNATURE = 0x4654;

  @Override
  public String id() {
    return "fathom/1";
  }

  @Override
  public String tool() {
    return "fathom";
  }

  @Override
  public String version() {
    return null;
  }

  @Override
  public Tracker newTracker() {
    return new State();
  }

  /** The rules' bits for one probe (see the tracker's rule list). */
  static int rules(PacketView p) {
    int expected = ((p.seq >>> 16) ^ p.dstPort ^ IP_ID_SIGNATURE) & 0xFFFF;
    return is(p.ipId, expected)
        | is(p.window, 64240) << 1
        | mssOnly(p, 1460) << 2
        | ttlSentIn(p.ttl, 64, 64) << 3;
  }

  private static final class State extends RuleTracker {
    State() {
      super(PER_PROBE, 4, "IP ID == ((seq >>> 16) ^ dport ^ 0x4654) & 0xFFFF", "window 64240",
          "MSS 1460 as the only option", "TTL 64 as sent");
    }

    @Override
    int test(PacketView p, PreviousProbe previous) {
      return FathomFingerprint.rules(p);
    }
  }
}
