package io.fathom.systemtests.detect;

import io.fathom.capture.LinkTypes;
import io.fathom.capture.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Frames with their capture times, gathered from any number of generators in any order and written to a capture
 * in time order (ties keep the order they were added), as a telescope's tcpdump would have written them.
 */
final class SyntheticCapture {
  /** Capture time zero of every generated capture: a Monday morning, UTC. */
  static final long T0 = Instant.parse("2026-03-02T09:00:00Z").getEpochSecond() * 1_000_000_000L;
  static final long SECOND = 1_000_000_000L;
  static final long MINUTE = 60 * SECOND;

  /** One captured frame. */
  record Packet(long timeNanos, byte[] frame) {}

  private final List<Packet> packets = new ArrayList<>();

  SyntheticCapture add(long timeNanos, Frame frame) {
    packets.add(new Packet(timeNanos, frame.bytes()));
    return this;
  }

  /** The frames in capture order. */
  List<Packet> inOrder() {
    List<Packet> sorted = new ArrayList<>(packets);
    sorted.sort(Comparator.comparingLong(Packet::timeNanos));
    return sorted;
  }

  /** Writes an Ethernet pcap with microsecond timestamps. */
  Path writePcap(Path file) throws IOException {
    return writePcap(file, false, false);
  }

  Path writePcap(Path file, boolean nanosecond, boolean gzip) throws IOException {
    try (PcapWriter out = PcapWriter.create(file, LinkTypes.ETHERNET, 65535, nanosecond, gzip)) {
      for (Packet p : inOrder()) {
        out.write(p.timeNanos(), p.frame(), 0, p.frame().length);
      }
    }
    return file;
  }
}
