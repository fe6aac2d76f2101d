package io.fathom.rawio;

import java.util.function.Function;

/**
 * What the AF_PACKET senders share: the socket, the frame length limit, the outcome of asking for
 * PACKET_QDISC_BYPASS, the retry policy for a full queue, and the sent and failed frame counters.
 */
abstract class PacketSocketSender implements FrameSender {
  protected final PacketSocket socket;
  protected final int maxFrameLength;
  protected final SendRetry retry = new SendRetry();
  private final boolean qdiscBypassed;
  private final int qdiscBypassErrno;
  private long sentFrames;
  private long sendErrors;

  PacketSocketSender(PacketSocket socket, int maxFrameLength, boolean qdiscBypassAsked, int qdiscBypassErrno) {
    this.socket = socket;
    this.maxFrameLength = maxFrameLength;
    this.qdiscBypassErrno = qdiscBypassErrno;
    this.qdiscBypassed = qdiscBypassAsked && qdiscBypassErrno == 0;
  }

  static void checkMaxFrameLength(int maxFrameLength) {
    if (maxFrameLength < MIN_FRAME_LENGTH) {
      throw new IllegalArgumentException("maximum frame length must be at least 14, not " + maxFrameLength);
    }
  }

  /** Opens a socket on the interface and hands it to {@code setUp}; closes it again when setting up fails. */
  static <S extends PacketSocketSender> S openOn(String interfaceName, Function<PacketSocket, S> setUp) {
    PacketSocket socket = PacketSocket.open(interfaceName);
    try {
      return setUp.apply(socket);
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The asked-for maximum, capped at what the interface carries: its MTU plus the Ethernet header. */
  static int frameLimit(PacketSocket socket, int maxFrameLength) {
    return Math.min(maxFrameLength, socket.mtu() + MIN_FRAME_LENGTH);
  }

  /** Asks for PACKET_QDISC_BYPASS when wanted; returns the errno of a refusal, else 0. */
  static int requestQdiscBypass(PacketSocket socket, boolean wanted) {
    return wanted ? socket.trySetInt(Libc.SOL_PACKET, Libc.PACKET_QDISC_BYPASS, 1) : 0;
  }

  final void checkFrameLength(int length) {
    if (length < MIN_FRAME_LENGTH || length > maxFrameLength) {
      throw new IllegalArgumentException("frame length " + length + " outside 14.." + maxFrameLength);
    }
  }

  /** Adds one batch's outcome to the counters. */
  final void count(int sent, int failed) {
    sendErrors += failed;
    sentFrames += sent;
  }

  @Override
  public int maxFrameLength() {
    return maxFrameLength;
  }

  @Override
  public long sentFrames() {
    return sentFrames;
  }

  @Override
  public long sendErrors() {
    return sendErrors;
  }

  @Override
  public boolean qdiscBypassed() {
    return qdiscBypassed;
  }

  /** Why PACKET_QDISC_BYPASS was refused ({@code Operation not supported (EOPNOTSUPP)}), or null. */
  public String qdiscBypassProblem() {
    return qdiscBypassErrno == 0 ? null : Errno.describe(qdiscBypassErrno);
  }

  @Override
  public void close() {
    socket.close();
  }
}
