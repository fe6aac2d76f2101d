package io.fathom.rawio;

import java.lang.foreign.MemorySegment;

/**
 * Sends batches of complete Ethernet frames on one interface. The caller writes frame {@code i} of the current
 * batch into {@link #slot(int)} at offset 0, sets its length with {@link #length(int, int)}, and hands
 * frames {@code 0..count-1} over with {@link #send(int)}. Slot contents are not guaranteed to survive a
 * send: write the whole frame for every batch. Lengths are kept per slot index until changed.
 *
 * <p>Implementations allocate nothing per frame or per batch, count per-frame failures instead of throwing,
 * and are used by one thread at a time.
 */
public interface FrameSender extends AutoCloseable {
  /** The smallest frame accepted: an Ethernet header. */
  int MIN_FRAME_LENGTH = 14;

  /** The most frames one batch may hold. */
  int batchCapacity();

  /** The longest frame a slot holds (never more than the interface MTU plus the 14-byte Ethernet header). */
  int maxFrameLength();

  /** Off-heap memory for frame {@code i} of the current batch, {@link #maxFrameLength()} bytes long. */
  MemorySegment slot(int i);

  /** Sets the length of frame {@code i}: between {@link #MIN_FRAME_LENGTH} and {@link #maxFrameLength()}. */
  void length(int i, int length);

  /**
   * Sends frames {@code 0..count-1}; continues after partial sends, retries briefly when the kernel is
   * momentarily out of room, and counts frames that still fail. Returns how many frames were sent.
   */
  int send(int count);

  /** Frames sent since opening. */
  long sentFrames();

  /** Frames that could not be sent since opening. */
  long sendErrors();

  /** Whether frames bypass the interface's queueing discipline (PACKET_QDISC_BYPASS was asked for and set). */
  boolean qdiscBypassed();

  @Override
  void close();
}
