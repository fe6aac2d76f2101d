package io.fathom.probe;

import io.fathom.packet.FrameParser;
import java.lang.foreign.MemorySegment;

/**
 * One scan technique. The contract, as in ZMap's probe modules: {@link #prepare} writes the bytes that never
 * change once; {@link #write} patches only what varies per target; {@link #classify} validates a reply
 * against the probe's cookie, keeping no state per target. A module never sees threads or sockets, so it can
 * be tested on plain memory. Instances are not thread-safe: one per sending or receiving thread.
 */
public interface ProbeModule {
  /** The technique's name on the command line and in outputs, e.g. {@code syn}. */
  String name();

  /** The transport protocol of the probes as written in results, e.g. {@code tcp}. */
  String protocolName();

  /** IPv4 protocol numbers of the replies this module reads (for the kernel filter). */
  int[] replyProtocols();

  /** Builds the constant part of every probe; called once before any {@link #write}. */
  void prepare(ProbeSetup setup);

  /** Length in bytes of each probe frame, Ethernet header included. */
  int frameLength();

  /**
   * Writes the probe to {@code address:port} into {@code frame} at {@code offset}. Allocation-free.
   *
   * @param probeIndex which of the {@code --probes N} copies this is (0-based)
   */
  void write(MemorySegment frame, long offset, int address, int port, int probeIndex);

  /**
   * Classifies the frame last parsed by {@code parsed} as one of the {@link ReplyVerdict} constants.
   * Allocation-free.
   */
  int classify(FrameParser parsed);
}
