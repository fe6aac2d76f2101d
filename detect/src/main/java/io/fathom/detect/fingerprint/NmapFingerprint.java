package io.fathom.detect.fingerprint;

import static io.fathom.detect.fingerprint.RuleTracker.NOT_TESTED;
import static io.fathom.detect.fingerprint.RuleTracker.is;
import static io.fathom.detect.fingerprint.RuleTracker.mssOnly;
import static io.fathom.detect.fingerprint.RuleTracker.ttlSentIn;
import static io.fathom.detect.fingerprint.RuleTracker.within;

import io.fathom.detect.PacketView;

/**
 * Nmap's SYN scan ({@code -sS}): window 1024, a lone MSS 1460 option, TTL drawn from 37-59, and one sequence number
 * and one source port per scan phase. The try number is mirrored into both halves of the sequence number
 * ({@code seq = ((n << 16) | n) ^ seqmask}) and added to the base source port, so two probes of a phase differ in
 * sequence only by {@code (d << 16) | d} and in source port by a few. Sources: Nmap's {@code tcpip.cc}
 * ({@code build_tcp_raw}: {@code (get_random_uint() % 23) + 37}), {@code scan_engine_raw.cc}
 * ({@code seq32_encode}, {@code sport_encode}), and the Emerging Threats rule "ET SCAN NMAP -sS window 1024".
 */
final class NmapFingerprint implements ToolFingerprint {
  private static final int PORT_SPREAD = 16;

  @Override
  public String id() {
    return "nmap/1";
  }

  @Override
  public String tool() {
    return "nmap";
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
    int seqDelta = p.seq ^ previous.seq;
    int portDelta = p.srcPort - previous.srcPort;
    return is(p.window, 1024)
        | mssOnly(p, 1460) << 1
        | ttlSentIn(p.ttl, 37, 59) << 2
        | is(seqDelta >>> 16, seqDelta & 0xFFFF) << 3
        | within(portDelta, 1 - PORT_SPREAD, PORT_SPREAD - 1) << 4;
  }

  private static final class State extends RuleTracker {
    State() {
      super(PER_PAIR, 5, "window 1024", "MSS 1460 as the only option", "TTL 37-59 as sent",
          "sequence as the previous probe's, but for the mirrored try number",
          "source port within 16 of the previous probe's");
    }

    @Override
    int test(PacketView p, PreviousProbe previous) {
      return NmapFingerprint.rules(p, previous);
    }
  }
}
