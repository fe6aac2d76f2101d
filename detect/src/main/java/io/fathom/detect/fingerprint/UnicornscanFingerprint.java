package io.fathom.detect.fingerprint;

import static io.fathom.detect.fingerprint.RuleTracker.NOT_TESTED;
import static io.fathom.detect.fingerprint.RuleTracker.is;

import io.fathom.detect.PacketView;

/**
 * unicornscan: {@code seq = key ^ dst ^ ((dport << 16) + sport)} with one secret key per scan, so
 * {@code seq ^ dst ^ ((dport << 16) + sport)} is the same for every probe. unicornscan XORs the address as stored
 * (network order), which a little-endian sender sees byte-swapped, so both byte orders are tried. A sequence equal
 * to the destination (Mirai, whose key would be constant too) does not count. Source: unicornscan's
 * {@code tcphash.h} ({@code TCPHASHTRACK}) and {@code send_packet.c}.
 */
final class UnicornscanFingerprint implements ToolFingerprint {
  @Override
  public String id() {
    return "unicornscan/1";
  }

  @Override
  public String tool() {
    return "unicornscan";
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
    int ports = (p.dstPort << 16) + p.srcPort;
    int previousPorts = (previous.dstPort << 16) + previous.srcPort;
    int same = is(p.seq ^ p.dstIp ^ ports, previous.seq ^ previous.dstIp ^ previousPorts)
        | is(p.seq ^ Integer.reverseBytes(p.dstIp) ^ ports,
            previous.seq ^ Integer.reverseBytes(previous.dstIp) ^ previousPorts);
    return same | (is(p.seq, p.dstIp) ^ 1) << 1;
  }

  private static final class State extends RuleTracker {
    State() {
      super(PER_PAIR, 2, "seq ^ dst ^ ((dport << 16) + sport) as the previous probe's",
          "sequence not the destination address");
    }

    @Override
    int test(PacketView p, PreviousProbe previous) {
      return UnicornscanFingerprint.rules(p, previous);
    }
  }
}
