package io.fathom.detect.scan;

import io.fathom.detect.PacketView;
import io.fathom.detect.fingerprint.ToolObserver;
import io.fathom.detect.fingerprint.ToolVerdict;
import java.util.List;

/** A test observer: names "testtool" when every probe it saw had source port 54321. */
final class CountingObserver implements ToolObserver {
  long seen;
  long matching;

  @Override
  public void observe(PacketView packet) {
    seen++;
    if (packet.srcPort == 54321) {
      matching++;
    }
  }

  @Override
  public ToolVerdict verdict() {
    if (seen == 0 || matching != seen) {
      return ToolVerdict.UNKNOWN;
    }
    return new ToolVerdict("testtool", "1.x", "test-port/1", 0.9,
        List.of("source port 54321 in " + matching + " of " + seen + " probes"));
  }
}
