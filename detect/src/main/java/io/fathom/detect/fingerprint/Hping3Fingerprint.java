package io.fathom.detect.fingerprint;

import static io.fathom.detect.fingerprint.RuleTracker.NOT_TESTED;
import static io.fathom.detect.fingerprint.RuleTracker.is;

import io.fathom.detect.PacketView;

/**
 * hping3 with its defaults: window 512 ({@code DEFAULT_SRCWINSIZE} in {@code hping2.h}; hping2's manual says 64,
 * so both are accepted), no TCP options, a random non-zero acknowledgement number even in a SYN
 * ({@code th_ack = htonl(rand())} unless {@code -L}), and a source port one above the previous probe's (from a
 * random base, unless {@code -k}). Sources: hping3's {@code sendtcp.c} and {@code hping2.h}.
 */
final class Hping3Fingerprint implements ToolFingerprint {
  @Override
  public String id() {
    return "hping3/1";
  }

  @Override
  public String tool() {
    return "hping3";
  }

  @Override
  public String version() {
    return null;
  }

  @Override
  public Tracker newTracker() {
    return new State();
  }

  /** The rules' bits for one probe against the one before, or {@code NOT_TESTED} for the first. */
  static int rules(PacketView p, PreviousProbe previous) {
    if (!previous.primed) {
      return NOT_TESTED;
    }
    return (is(p.window, 512) | is(p.window, 64))
        | is(p.tcpOptionsLength, 0) << 1
        | is(p.srcPort, (previous.srcPort + 1) & 0xFFFF) << 2
        | (is(p.ack, 0) ^ 1) << 3;
  }

  private static final class State extends RuleTracker {
    State() {
      super(PER_PAIR, 4, "window 512 or 64", "no TCP options", "source port one above the previous probe's",
          "non-zero ACK number in a SYN");
    }

    @Override
    int test(PacketView p, PreviousProbe previous) {
      return Hping3Fingerprint.rules(p, previous);
    }
  }
}
