package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends frames through a PACKET_TX_RING (TPACKET_V2) shared with the kernel. Slot {@code i} of a batch is
 * the data area of ring frame {@code head + i}, which begins 32 bytes into the frame, after the
 * tpacket2_hdr. {@link #send(int)} writes each frame's tp_len, publishes it by storing TP_STATUS_SEND_REQUEST
 * with release semantics, and kicks the kernel with a blocking {@code sendto(fd, NULL, 0)}, which returns
 * once the frames have been handed to the device. The kernel walks the ring in order from its own head, so
 * batches follow each other around the ring and this sender's head always equals the kernel's.
 *
 * <p>The ring is set up with PACKET_LOSS: a frame the kernel finds malformed is skipped rather than
 * stopping the ring (lengths are checked in {@link #length(int, int)}, so this needs an MTU that shrank
 * after opening). Nothing is allocated per frame or per batch. One thread at a time; the socket lives in the
 * network namespace of the thread that opened it.
 */
public final class TxRingSender extends PacketSocketSender {
  /** TPACKET2_HDRLEN less sizeof(struct sockaddr_ll): where the kernel reads a TX frame's data. */
  static final int DATA_OFFSET = 32;
  private static final int TPACKET_ALIGNMENT = 16;
  private static final int PAGE_SIZE = 4096;
  private static final int PREFERRED_BLOCK_SIZE = 1 << 16;
  private static final int TP_STATUS_AVAILABLE = 0;
  private static final int TP_STATUS_SEND_REQUEST = 1;
  private static final int TP_STATUS_SENDING = 2;
  private static final long FREE_WAIT_NANOS = 1_000_000_000L;
  private static final VarHandle STATUS = JAVA_INT.varHandle();

  private final MemorySegment ring;
  private final int frameCount;
  private final long[] frameOffsets;
  private final MemorySegment[] frameData;
  private final int[] lengths;
  /** Ring index of slot 0 of the current batch; equal to the kernel's TX head between sends. */
  private int head;

  private TxRingSender(PacketSocket socket, RingGeometry geometry, int maxFrameLength, boolean qdiscBypassAsked,
      int qdiscBypassErrno) {
    super(socket, maxFrameLength, qdiscBypassAsked, qdiscBypassErrno);
    this.frameCount = geometry.frameCount;
    this.ring = socket.mapRing((long) geometry.blockSize * geometry.blockCount, "PACKET_TX_RING");
    frameOffsets = new long[frameCount];
    frameData = new MemorySegment[frameCount];
    lengths = new int[frameCount];
    for (int f = 0; f < frameCount; f++) {
      frameOffsets[f] = (long) (f / geometry.framesPerBlock) * geometry.blockSize
          + (long) (f % geometry.framesPerBlock) * geometry.frameSize;
      frameData[f] = ring.asSlice(frameOffsets[f] + DATA_OFFSET, maxFrameLength);
      lengths[f] = MIN_FRAME_LENGTH;
    }
  }

  /** Block and frame sizes for a TX ring: blocks are whole pages, frames 16-byte aligned. */
  record RingGeometry(int frameSize, int blockSize, int framesPerBlock, int blockCount, int frameCount) {
    static RingGeometry of(int frameCount, int maxFrameLength) {
      int frameSize = align(DATA_OFFSET + maxFrameLength, TPACKET_ALIGNMENT);
      long wanted = Math.min((long) frameSize * frameCount, Math.max(PREFERRED_BLOCK_SIZE, frameSize));
      int blockSize = (int) align(wanted, PAGE_SIZE);
      int framesPerBlock = blockSize / frameSize;
      int blockCount = (frameCount + framesPerBlock - 1) / framesPerBlock;
      return new RingGeometry(frameSize, blockSize, framesPerBlock, blockCount, blockCount * framesPerBlock);
    }

    private static int align(int value, int alignment) {
      return (value + alignment - 1) / alignment * alignment;
    }

    private static long align(long value, int alignment) {
      return (value + alignment - 1) / alignment * alignment;
    }
  }

  /**
   * Opens a TX ring on {@code interfaceName} in the calling thread's network namespace.
   *
   * @param frameCount ring frames, at least 1; rounded up to fill whole blocks ({@link #batchCapacity()})
   * @param maxFrameLength the longest frame; capped at the interface MTU plus 14
   * @param qdiscBypass ask for PACKET_QDISC_BYPASS; a refusal is not an error (see {@link #qdiscBypassed()})
   */
  public static TxRingSender open(String interfaceName, int frameCount, int maxFrameLength, boolean qdiscBypass) {
    if (frameCount < 1 || frameCount > 1 << 20) {
      throw new IllegalArgumentException("frame count must be 1 to 1048576, not " + frameCount);
    }
    checkMaxFrameLength(maxFrameLength);
    return openOn(interfaceName, socket -> {
      int frameLimit = frameLimit(socket, maxFrameLength);
      RingGeometry geometry = RingGeometry.of(frameCount, frameLimit);
      socket.setInt(Libc.SOL_PACKET, Libc.PACKET_VERSION, Libc.TPACKET_V2, "PACKET_VERSION");
      socket.setInt(Libc.SOL_PACKET, Libc.PACKET_LOSS, 1, "PACKET_LOSS");
      int bypassErrno = requestQdiscBypass(socket, qdiscBypass);
      MemorySegment request = socket.arena.allocate(LinuxStructs.TPACKET_REQ);
      request.set(JAVA_INT, 0, geometry.blockSize);
      request.set(JAVA_INT, 4, geometry.blockCount);
      request.set(JAVA_INT, 8, geometry.frameSize);
      request.set(JAVA_INT, 12, geometry.frameCount);
      socket.set(Libc.SOL_PACKET, Libc.PACKET_TX_RING, request, "PACKET_TX_RING");
      TxRingSender sender = new TxRingSender(socket, geometry, frameLimit, qdiscBypass, bypassErrno);
      socket.bind(0);
      return sender;
    });
  }

  /** The number of ring frames: a batch may use all of them. */
  @Override
  public int batchCapacity() {
    return frameCount;
  }

  /** The data area of the ring frame behind slot {@code i}, once the kernel has finished with it. */
  @Override
  public MemorySegment slot(int i) {
    int frame = ringIndex(Objects.checkIndex(i, frameCount));
    awaitFree(frame);
    return frameData[frame];
  }

  @Override
  public void length(int i, int length) {
    Objects.checkIndex(i, frameCount);
    checkFrameLength(length);
    lengths[i] = length;
  }

  @Override
  public int send(int count) {
    Objects.checkFromToIndex(0, count, frameCount);
    for (int i = 0; i < count; i++) {
      int frame = ringIndex(i);
      awaitFree(frame);
      long header = frameOffsets[frame];
      ring.set(JAVA_INT, header + LinuxStructs.TP2_LEN, lengths[i]);
      STATUS.setRelease(ring, header + LinuxStructs.TP2_STATUS, TP_STATUS_SEND_REQUEST);
    }
    int done = 0;
    int failed = 0;
    retry.reset();
    while (done < count) {
      long result = Libc.sendtoNoErrno(socket.fd, MemorySegment.NULL, 0L, 0, MemorySegment.NULL, 0);
      if (result < 0) { // kick the ring once more, capturing why it failed
        result = Libc.sendto(socket.callState, socket.fd, MemorySegment.NULL, 0L, 0, MemorySegment.NULL, 0);
      }
      int error = result < 0 ? Libc.errno(socket.callState) : 0;
      // The kernel takes frames in ring order and leaves the first one it could not send requested.
      int pending = firstRequested(done, count);
      if (pending > done) {
        done = pending;
        retry.reset();
      }
      if (done == count) {
        break;
      }
      if ((error == 0 || Errno.isTransient(error)) && retry.awaitRetry(socket)) {
        continue;
      }
      // Give the unsent frames back: the kernel is not walking the ring now, and its head stays at `done`.
      for (int i = done; i < count; i++) {
        STATUS.setRelease(ring, frameOffsets[ringIndex(i)] + LinuxStructs.TP2_STATUS, TP_STATUS_AVAILABLE);
      }
      failed = count - done;
      break;
    }
    head = ringIndex(done);
    count(done, failed);
    return done;
  }

  private int firstRequested(int from, int count) {
    for (int i = from; i < count; i++) {
      int status = (int) STATUS.getAcquire(ring, frameOffsets[ringIndex(i)] + LinuxStructs.TP2_STATUS);
      if ((status & TP_STATUS_SEND_REQUEST) != 0) {
        return i;
      }
    }
    return count;
  }

  /** Waits while the kernel still owns the frame: its data may still be referenced by an skb in flight. */
  private void awaitFree(int frame) {
    long statusOffset = frameOffsets[frame] + LinuxStructs.TP2_STATUS;
    int status = (int) STATUS.getAcquire(ring, statusOffset);
    if ((status & (TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING)) == 0) {
      return;
    }
    long start = System.nanoTime();
    while ((status & (TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING)) != 0) {
      if (System.nanoTime() - start > FREE_WAIT_NANOS) {
        throw new RawIoException("TX ring frame " + frame + " on '" + socket.interfaceName
            + "' still in the kernel's hands after 1 s");
      }
      LockSupport.parkNanos(10_000L);
      status = (int) STATUS.getAcquire(ring, statusOffset);
    }
  }

  private int ringIndex(int slot) {
    int frame = head + slot;
    return frame >= frameCount ? frame - frameCount : frame;
  }
}
