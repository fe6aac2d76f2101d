package io.fathom.detect.fingerprint;

import static io.fathom.detect.fingerprint.RuleTracker.is;
import static io.fathom.detect.fingerprint.RuleTracker.ttlSentIn;
import static io.fathom.detect.fingerprint.RuleTracker.within;

import io.fathom.detect.PacketView;

/**
 * masscan: IP ID = (destination address ^ destination port ^ sequence) &amp; 0xFFFF, TTL 255 as sent, window 1024
 * (templates up to 1.0) or 1025 (later templates write bytes 04 01 under a "window fixed to 1024" comment).
 * Source: masscan's {@code templ-pkt.c} ({@code template_set_target_ipv4}: {@code ip_id = ip_them ^ port_them ^
 * seqno}, all in host order; {@code default_tcp_template}).
 */
final class MasscanFingerprint implements ToolFingerprint {
  @Override
  public String id() {
    return "masscan/1";
  }

  @Override
  public String tool() {
    return "masscan";
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
    int expected = (p.dstIp ^ p.dstPort ^ p.seq) & 0xFFFF;
    return is(p.ipId, expected)
        | within(p.window, 1024, 1025) << 1
        | ttlSentIn(p.ttl, 255, 255) << 2;
  }

  private static final class State extends RuleTracker {
    State() {
      super(PER_PROBE, 3, "IP ID == (dst ^ dport ^ seq) & 0xFFFF", "window 1024 or 1025", "TTL 255 as sent");
    }

    @Override
    int test(PacketView p, PreviousProbe previous) {
      return MasscanFingerprint.rules(p);
    }
  }
}
