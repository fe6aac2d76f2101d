package io.fathom.detect.fingerprint;

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

  private static final class State extends RuleTracker {
    private boolean primed;
    private int previousKey;
    private int previousSwappedKey;

    State() {
      super(PER_PAIR, 2, "seq ^ dst ^ ((dport << 16) + sport) as the previous probe's",
          "sequence not the destination address");
    }

    @Override
    int test(PacketView p) {
      int ports = (p.dstPort << 16) + p.srcPort;
      int key = p.seq ^ p.dstIp ^ ports;
      int swappedKey = p.seq ^ Integer.reverseBytes(p.dstIp) ^ ports;
      boolean wasPrimed = primed;
      int same = is(key, previousKey) | is(swappedKey, previousSwappedKey);
      primed = true;
      previousKey = key;
      previousSwappedKey = swappedKey;
      if (!wasPrimed) {
        return NOT_TESTED;
      }
      return same | (is(p.seq, p.dstIp) ^ 1) << 1;
    }
  }
}
