package io.fathom.detect.fingerprint;

import io.fathom.detect.PacketView;

/**
 * The fields of an episode's previous SYN probe that rules relating a probe to the one before compare: Nmap's
 * sequence number and source port, unicornscan's key, hping3's source port, ZMap's IP ID. Every such rule looks at
 * the same previous probe (the observer gives each tracker every SYN probe), so one copy serves them all, and the
 * fingerprint observer is that copy (it extends this class): a scanner's probe then reads no tracker's state, only
 * the observer's own lines.
 */
class PreviousProbe {
  /** False until a first probe was remembered: a rule relating two probes then tests nothing. */
  boolean primed;
  int seq;
  int srcPort;
  int ipId;
  int dstIp;
  int dstPort;

  /** Makes {@code probe} the previous probe. */
  final void remember(PacketView probe) {
    primed = true;
    seq = probe.seq;
    srcPort = probe.srcPort;
    ipId = probe.ipId;
    dstIp = probe.dstIp;
    dstPort = probe.dstPort;
  }
}
