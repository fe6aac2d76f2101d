package io.fathom.detect.fingerprint;

import static io.fathom.detect.fingerprint.RuleTracker.is;

import io.fathom.detect.PacketView;

/**
 * Mirai's telnet scanner: the sequence number is the destination address ({@code tcph->seq = iph->daddr}), sent to
 * port 23, and to 2323 for one probe in ten. Only the sequence rule is required, since variants built from the
 * leaked source scan other ports; the port share is reported. Source: Mirai's {@code bot/scanner.c}.
 */
final class MiraiFingerprint implements ToolFingerprint {
  @Override
  public String id() {
    return "mirai/1";
  }

  @Override
  public String tool() {
    return "mirai";
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
    return is(p.seq, p.dstIp) | (is(p.dstPort, 23) | is(p.dstPort, 2323)) << 1;
  }

  private static final class State extends RuleTracker {
    State() {
      super(PER_PROBE, 1, "sequence == destination address", "destination port 23 or 2323");
    }

    @Override
    int test(PacketView p, PreviousProbe previous) {
      return MiraiFingerprint.rules(p);
    }
  }
}
