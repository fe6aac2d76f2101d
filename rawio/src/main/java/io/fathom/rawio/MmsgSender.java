package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Sends frames with {@code sendmmsg(2)} on an AF_PACKET socket opened with protocol 0 (so it receives
 * nothing) and bound to one interface. The frame buffers, the iovec and mmsghdr arrays and the destination
 * sockaddr_ll are built once, off-heap, at open; {@link #send(int)} only writes lengths and makes system
 * calls, so sending allocates nothing per frame or per batch. Slot contents persist between batches.
 *
 * <p>One thread at a time; the socket lives in the network namespace of the thread that opened it.
 */
public final class MmsgSender extends PacketSocketSender {
  /** The kernel's limit on messages per sendmmsg call (UIO_MAXIOV). */
  public static final int MAX_BATCH = 1024;
  private static final int SLOT_ALIGNMENT = 64;

  private final int batchCapacity;
  private final MemorySegment[] slots;
  private final MemorySegment iovecs;
  /** messagesFrom[i] is the mmsghdr array starting at message i: sendmmsg resumes there after a partial send. */
  private final MemorySegment[] messagesFrom;

  private MmsgSender(PacketSocket socket, int batchCapacity, int maxFrameLength, boolean qdiscBypassAsked,
      int qdiscBypassErrno) {
    super(socket, maxFrameLength, qdiscBypassAsked, qdiscBypassErrno);
    this.batchCapacity = batchCapacity;
    long stride = (maxFrameLength + SLOT_ALIGNMENT - 1) / SLOT_ALIGNMENT * SLOT_ALIGNMENT;
    MemorySegment frames = socket.arena.allocate(stride * batchCapacity, 4096);
    iovecs = socket.arena.allocate(LinuxStructs.IOVEC, batchCapacity);
    MemorySegment messages = socket.arena.allocate(LinuxStructs.MMSGHDR, batchCapacity);
    MemorySegment destination = socket.arena.allocate(LinuxStructs.SOCKADDR_LL);
    // Protocol 0 in the destination: the kernel takes the EtherType from each frame's own header.
    destination.set(JAVA_SHORT, LinuxStructs.SLL_FAMILY, (short) Libc.AF_PACKET);
    destination.set(JAVA_INT, LinuxStructs.SLL_IFINDEX, socket.interfaceIndex);
    slots = new MemorySegment[batchCapacity];
    messagesFrom = new MemorySegment[batchCapacity];
    long iovecSize = LinuxStructs.IOVEC.byteSize();
    long messageSize = LinuxStructs.MMSGHDR.byteSize();
    for (int i = 0; i < batchCapacity; i++) {
      slots[i] = frames.asSlice(i * stride, maxFrameLength);
      MemorySegment iovec = iovecs.asSlice(i * iovecSize, iovecSize);
      iovec.set(ADDRESS, LinuxStructs.IOV_BASE, slots[i]);
      iovec.set(JAVA_LONG, LinuxStructs.IOV_LEN, MIN_FRAME_LENGTH);
      MemorySegment message = messages.asSlice(i * messageSize, messageSize);
      message.set(ADDRESS, LinuxStructs.MSG_NAME, destination);
      message.set(JAVA_INT, LinuxStructs.MSG_NAMELEN, (int) destination.byteSize());
      message.set(ADDRESS, LinuxStructs.MSG_IOV, iovec);
      message.set(JAVA_LONG, LinuxStructs.MSG_IOVLEN, 1L);
      messagesFrom[i] = messages.asSlice(i * messageSize);
    }
  }

  /**
   * Opens a sender on {@code interfaceName} in the calling thread's network namespace.
   *
   * @param batchCapacity frames per batch, 1 to {@link #MAX_BATCH}
   * @param maxFrameLength the longest frame; capped at the interface MTU plus 14
   * @param qdiscBypass ask for PACKET_QDISC_BYPASS; a refusal is not an error (see {@link #qdiscBypassed()})
   */
  public static MmsgSender open(String interfaceName, int batchCapacity, int maxFrameLength, boolean qdiscBypass) {
    if (batchCapacity < 1 || batchCapacity > MAX_BATCH) {
      throw new IllegalArgumentException("batch capacity must be 1 to " + MAX_BATCH + ", not " + batchCapacity);
    }
    checkMaxFrameLength(maxFrameLength);
    return openOn(interfaceName, socket -> {
      int frameLimit = frameLimit(socket, maxFrameLength);
      int bypassErrno = requestQdiscBypass(socket, qdiscBypass);
      socket.bind(0);
      return new MmsgSender(socket, batchCapacity, frameLimit, qdiscBypass, bypassErrno);
    });
  }

  @Override
  public int batchCapacity() {
    return batchCapacity;
  }

  @Override
  public MemorySegment slot(int i) {
    return slots[i];
  }

  @Override
  public void length(int i, int length) {
    Objects.checkIndex(i, batchCapacity);
    checkFrameLength(length);
    iovecs.set(JAVA_LONG, i * LinuxStructs.IOVEC.byteSize() + LinuxStructs.IOV_LEN, length);
  }

  @Override
  public int send(int count) {
    Objects.checkFromToIndex(0, count, batchCapacity);
    int next = 0;
    int failed = 0;
    retry.reset();
    while (next < count) {
      int accepted = Libc.sendmmsgNoErrno(socket.fd, messagesFrom[next], count - next, 0);
      if (accepted < 0) { // none was sent: try them once more, capturing why they failed
        accepted = Libc.sendmmsg(socket.callState, socket.fd, messagesFrom[next], count - next, 0);
      }
      int error;
      if (accepted > 0) {
        next += accepted;
        retry.reset();
        if (next == count) {
          break;
        }
        // A partial send leaves the failing frame's error on the socket: take it, so that it is not
        // reported again for the following frame.
        error = socket.takePendingError();
        if (error == 0) {
          continue;
        }
      } else {
        error = accepted == 0 ? Errno.EAGAIN : Libc.errno(socket.callState);
      }
      if (Errno.isTransient(error)) {
        if (retry.awaitRetry(socket)) {
          continue;
        }
        // Out of room for the whole retry budget: the rest of the batch would wait just as long.
        failed += count - next;
        next = count;
        break;
      }
      failed++;
      next++;
    }
    count(next - failed, failed);
    return next - failed;
  }
}
