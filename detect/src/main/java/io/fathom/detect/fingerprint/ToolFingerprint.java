package io.fathom.detect.fingerprint;

import io.fathom.detect.PacketView;
import java.util.List;

/**
 * The packet habits of one scanning tool (one version range of it), as rules that each SYN probe of an episode
 * either follows or not. One class per tool, registered in {@link ToolFingerprints#all()}.
 */
public interface ToolFingerprint {
  /** Name and revision of this fingerprint's rules, e.g. {@code masscan/1}; bump the revision when rules change. */
  String id();

  /** The tool, e.g. {@code masscan}. */
  String tool();

  /** The tool versions the rules describe, e.g. {@code <=4.0}, or null for every version we know of. */
  String version();

  /** Fresh state for one episode. */
  Tracker newTracker();

  /**
   * One episode's state: a handful of counters and the previous probe's fields, never more. {@link #observe}
   * is given TCP SYN probes only (see {@link ToolFingerprints#newObserver()}) and allocates nothing after the first.
   */
  interface Tracker {
    void observe(PacketView probe);

    /** Probes the rules were tested on (for rules relating a probe to the previous one: all but the first). */
    int tested();

    /** Tested probes that followed every required rule. */
    int matched();

    /** One sentence with figures per rule, e.g. "IP ID 54321 in 998 of 1000 SYN probes" (allocates). */
    List<String> evidence();
  }
}
