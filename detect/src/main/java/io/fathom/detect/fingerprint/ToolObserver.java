package io.fathom.detect.fingerprint;

import io.fathom.detect.PacketView;

/**
 * Watches the probes of one source's scan episode and says which tool sent them. One instance per episode;
 * {@link #observe} is called for every probe packet and must not allocate; its state must stay small and
 * bounded, whatever the number of packets.
 */
public interface ToolObserver {
  void observe(PacketView packet);

  /** The best-supported tool so far, or {@link ToolVerdict#UNKNOWN}: never a guess. */
  ToolVerdict verdict();

  /** An estimate of the bytes this observer holds (objects and arrays with their headers), for memory statistics. */
  default long bytes() {
    return 64;
  }
}
