package io.fathom.detect.fingerprint;

import static io.fathom.detect.fingerprint.RuleTracker.is;

import io.fathom.detect.PacketView;

/**
 * ZMap up to 4.0: every probe carries IP ID 54321 and window 65535. Source: ZMap's {@code make_ip_header} and
 * {@code make_tcp_header} ({@code src/probe_modules/packet.c}); ZMap 4.1.0 randomized the IP ID (CHANGELOG, PR 798).
 */
final class ZmapIpIdFingerprint implements ToolFingerprint {
  static final int IP_ID = 54321;

  @Override
  public String id() {
    return "zmap-ipid/1";
  }

  @Override
  public String tool() {
    return "zmap";
  }

  @Override
  public String version() {
    return "<=4.0";
  }

  @Override
  public Tracker newTracker() {
    return new State();
  }

  /** The rules' bits for one probe (see the tracker's rule list). */
  static int rules(PacketView p) {
    return is(p.ipId, IP_ID) | is(p.window, 65535) << 1;
  }

  private static final class State extends RuleTracker {
    State() {
      super(PER_PROBE, 2, "IP ID 54321", "window 65535");
    }

    @Override
    int test(PacketView p, PreviousProbe previous) {
      return ZmapIpIdFingerprint.rules(p);
    }
  }
}
