package io.fathom.detect.fingerprint;

import static io.fathom.detect.fingerprint.RuleTracker.NOT_TESTED;
import static io.fathom.detect.fingerprint.RuleTracker.WINDOWS_OPTIONS;
import static io.fathom.detect.fingerprint.RuleTracker.is;
import static io.fathom.detect.fingerprint.RuleTracker.ttlSentIn;
import static io.fathom.detect.fingerprint.RuleTracker.within;

import io.fathom.detect.PacketView;

/**
 * ZMap 4.1.1 and later, TCP SYN module with its defaults: window 65535, Windows-style options (MSS, NOP, WS, NOP,
 * NOP, SACK-permitted: the 12 option bytes of its 32-byte "windows" header), TTL 64 as sent, source port in the
 * default 32768-61000, and random IP IDs (neither 54321 nor a counter: the ID does not follow the previous one
 * within 16). Sources: ZMap's CHANGELOG (4.1.0 random IP ID, 4.1.1 "same IP TTL as ubuntu"), PR 855 (Windows
 * options by default), {@code module_tcp_synscan.c} and {@code make_tcp_header}. ZMap 4.1.0 itself (TTL 255,
 * Linux-style options) is matched by neither ZMap fingerprint.
 */
final class ZmapOptionsFingerprint implements ToolFingerprint {
  static final int FIRST_SOURCE_PORT = 32768;
  static final int LAST_SOURCE_PORT = 61000;
  private static final int COUNTER_STEP = 16;

  @Override
  public String id() {
    return "zmap-options/1";
  }

  @Override
  public String tool() {
    return "zmap";
  }

  @Override
  public String version() {
    return ">=4.1.1";
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
    int step = (p.ipId - previous.ipId) & 0xFFFF;
    int random = (is(p.ipId, ZmapIpIdFingerprint.IP_ID) ^ 1) & within(step, COUNTER_STEP + 1, 0xFFFF);
    return is(p.window, 65535)
        | is(p.tcpOptionKinds, WINDOWS_OPTIONS) << 1
        | ttlSentIn(p.ttl, 64, 64) << 2
        | within(p.srcPort, FIRST_SOURCE_PORT, LAST_SOURCE_PORT) << 3
        | random << 4;
  }

  private static final class State extends RuleTracker {
    State() {
      super(PER_PAIR, 5, "window 65535", "Windows-style options (MSS, NOP, WS, NOP, NOP, SACK-permitted)",
          "TTL 64 as sent", "source port in 32768-61000", "random IP ID (not 54321, not a counter)");
    }

    @Override
    int test(PacketView p, PreviousProbe previous) {
      return ZmapOptionsFingerprint.rules(p, previous);
    }
  }
}
