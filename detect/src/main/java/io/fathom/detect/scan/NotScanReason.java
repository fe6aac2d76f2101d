package io.fathom.detect.scan;

/** Why traffic is not counted as scanning; the labels are those of {@link io.fathom.detect.NotScanRecord}. */
public enum NotScanReason {
  /**
   * SYN-ACK, RST, bare ACK, ICMP replies and errors that answer no probe we saw and continue no connection of the
   * sender's: a DoS victim answering spoofed sources.
   */
  BACKSCATTER("backscatter"),
  /** A source whose probes all went to one destination, hammered, or one destination many new sources hit. */
  SPOOFED_FLOOD("spoofed-flood"),
  /** UDP from port 53. */
  DNS_REPLY("dns-reply"),
  /** A probe repeated within the retransmission window. */
  RETRANSMISSION("retransmission"),
  /** CAIDA's rules: source .0 or .255, source equal to destination, port 0, fragments. */
  SPOOFED_SOURCE("spoofed-source"),
  /** Probes that meet no scan definition. */
  BELOW_THRESHOLD("below-threshold"),
  /**
   * A source's own TCP connections: segments with ACK or RST and no SYN to a destination the source sent a SYN to
   * in its current episode (a client's handshake, data and close), not a victim's answers to spoofed sources.
   */
  CONNECTION("connection");

  private final String label;

  NotScanReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
