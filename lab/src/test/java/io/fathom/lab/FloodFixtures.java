package io.fathom.lab;

import io.fathom.common.Ipv4;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A flooder configuration and a frame buffer for tests that need no lab. */
final class FloodFixtures {
  static final long TARGET_MAC = 0x02_00_00_00_00_0AL;
  static final long SCANNER_MAC = 0x02_00_00_00_00_0BL;
  static final int SCANNER_IP = Ipv4.parse("198.19.255.254");
  static final int LIVE_PREFIX = Ipv4.parse("198.18.7.0");
  static final int LIVE_PREFIX_LENGTH = 24;
  static final int[] PORTS = {22, 80, 443};

  private FloodFixtures() {}

  static FloodConfig config(long seed) {
    return new FloodConfig("t1-t", TARGET_MAC, SCANNER_MAC, SCANNER_IP, LIVE_PREFIX, LIVE_PREFIX_LENGTH, PORTS, seed,
        20_000);
  }

  /** A buffer as large as a sender slot, never cleared between frames (neither is a sender's). */
  static MemorySegment frame() {
    return Arena.ofAuto().allocate(Flooder.MAX_FRAME_LENGTH, 8);
  }

  static boolean inLabRange(int address) {
    return (address & 0xFFFE_0000) == Ipv4.parse("198.18.0.0");
  }
}
