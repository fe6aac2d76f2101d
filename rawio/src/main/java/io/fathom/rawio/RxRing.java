package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * Receives frames of one EtherType on one interface through a PACKET_RX_RING (TPACKET_V3) shared with the
 * kernel. The kernel fills blocks of frames and hands a block over by setting TP_STATUS_USER (read here with
 * acquire semantics); {@link #poll} passes every frame of every handed-over block to a {@link FrameHandler},
 * in place, then returns the block with a release store of TP_STATUS_KERNEL. A block is handed over when
 * it is full or when its timeout expires with frames in it.
 *
 * <p>The classic BPF filter is attached before the ring is set up and before the socket is bound to a
 * protocol, so no unfiltered frame ever enters it. Bound to a single EtherType (not ETH_P_ALL), the socket
 * sees only incoming frames, never the host's own outgoing ones.
 *
 * <p>{@link #poll} and {@link #statistics} allocate nothing. One thread at a time; the socket lives in the
 * network namespace of the thread that opened it.
 */
public final class RxRing implements AutoCloseable {
  private static final int TP_STATUS_KERNEL = 0;
  private static final int TP_STATUS_USER = 1;
  private static final int PAGE_SIZE = 4096;
  private static final int FRAME_SIZE = 2048;
  private static final long BLOCK_HEADER_SIZE = LinuxStructs.TPACKET_BLOCK_DESC.byteSize();
  private static final long FRAME_HEADER_SIZE = LinuxStructs.TPACKET3_HDR.byteSize();
  private static final VarHandle STATUS = JAVA_INT.varHandle();

  /** Receives one frame; the memory is only valid during the call. */
  @FunctionalInterface
  public interface FrameHandler {
    /**
     * @param ring the whole mapped ring
     * @param offset where the Ethernet frame starts in {@code ring}
     * @param length the captured length of the frame
     * @param timestampNanos the kernel's receive time, nanoseconds since the epoch
     */
    void onFrame(MemorySegment ring, long offset, int length, long timestampNanos);
  }

  private final PacketSocket socket;
  private final MemorySegment ring;
  private final int blockSize;
  private final int blockCount;
  private final MemorySegment statisticsBuffer;
  private final long[] totals = new long[3];
  private int currentBlock;
  private long malformedBlocks;
  private long socketErrors;
  private int lastError;

  private RxRing(PacketSocket socket, MemorySegment ring, int blockSize, int blockCount) {
    this.socket = socket;
    this.ring = ring;
    this.blockSize = blockSize;
    this.blockCount = blockCount;
    this.statisticsBuffer = socket.arena.allocate(LinuxStructs.TPACKET_STATS_V3);
  }

  /** Opens a ring for IPv4 frames (ETH_P_IP) accepted by {@code filter}. */
  public static RxRing open(String interfaceName, BpfProgram filter, int blockSize, int blockCount,
      int blockTimeoutMillis) {
    return open(interfaceName, filter, blockSize, blockCount, blockTimeoutMillis, Libc.ETH_P_IP);
  }

  /**
   * Opens a ring for frames of {@code etherType} (such as 0x0806 for ARP) accepted by {@code filter}, in the
   * calling thread's network namespace.
   *
   * @param blockSize bytes per block, a positive multiple of 4096 (frames longer than a block are cut)
   * @param blockCount blocks in the ring, at least 2
   * @param blockTimeoutMillis how long a partly filled block waits before it is handed over
   */
  public static RxRing open(String interfaceName, BpfProgram filter, int blockSize, int blockCount,
      int blockTimeoutMillis, int etherType) {
    if (blockSize < PAGE_SIZE || blockSize % PAGE_SIZE != 0) {
      throw new IllegalArgumentException("block size must be a positive multiple of 4096, not " + blockSize);
    }
    if (blockCount < 2 || (long) blockSize * blockCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("block count must be at least 2 and the ring under 2 GiB");
    }
    if (blockTimeoutMillis < 1) {
      throw new IllegalArgumentException("block timeout must be at least 1 ms, not " + blockTimeoutMillis);
    }
    if (etherType < 1 || etherType > 0xFFFF || etherType == 3) {
      throw new IllegalArgumentException("one EtherType from 1 to 0xFFFF (not ETH_P_ALL), not " + etherType);
    }
    PacketSocket socket = PacketSocket.open(interfaceName);
    try {
      socket.set(Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, filter.toSockFprog(socket.arena), "SO_ATTACH_FILTER");
      socket.setInt(Libc.SOL_PACKET, Libc.PACKET_VERSION, Libc.TPACKET_V3, "PACKET_VERSION");
      MemorySegment request = socket.arena.allocate(LinuxStructs.TPACKET_REQ3);
      request.set(JAVA_INT, 0, blockSize);
      request.set(JAVA_INT, 4, blockCount);
      request.set(JAVA_INT, 8, FRAME_SIZE);
      request.set(JAVA_INT, 12, blockSize / FRAME_SIZE * blockCount);
      request.set(JAVA_INT, 16, blockTimeoutMillis);
      socket.set(Libc.SOL_PACKET, Libc.PACKET_RX_RING, request, "PACKET_RX_RING");
      MemorySegment ring = socket.mapRing((long) blockSize * blockCount, "PACKET_RX_RING");
      socket.bind(etherType);
      return new RxRing(socket, ring, blockSize, blockCount);
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Hands every frame of every block the kernel has handed over to {@code handler} and returns the blocks.
   * Waits up to {@code timeoutMillis} in poll(2) only when no block is ready, so a busy receiver never
   * sleeps. Returns the number of frames handled.
   */
  public int poll(FrameHandler handler, int timeoutMillis) {
    int frames = drainReadyBlocks(handler);
    if (frames >= 0) {
      return frames;
    }
    int events = socket.poll((short) (Libc.POLLIN | Libc.POLLERR), timeoutMillis);
    if ((events & Libc.POLLERR) != 0) {
      // Such as ENETDOWN while the interface is down: clear it (or poll would keep waking) and count it.
      lastError = socket.takePendingError();
      socketErrors++;
    }
    return Math.max(0, drainReadyBlocks(handler));
  }

  /** Returns the frames handled, or -1 when no block was ready. */
  private int drainReadyBlocks(FrameHandler handler) {
    int frames = -1;
    // At most one lap: a kernel refilling blocks as fast as they are returned must not keep us here.
    for (int lap = 0; lap < blockCount; lap++) {
      long block = (long) currentBlock * blockSize;
      int status = (int) STATUS.getAcquire(ring, block + LinuxStructs.BLOCK_STATUS);
      if ((status & TP_STATUS_USER) == 0) {
        break;
      }
      try {
        frames = Math.max(frames, 0) + drainBlock(block, handler);
      } finally {
        STATUS.setRelease(ring, block + LinuxStructs.BLOCK_STATUS, TP_STATUS_KERNEL);
        currentBlock = currentBlock + 1 == blockCount ? 0 : currentBlock + 1;
      }
    }
    return frames;
  }

  private int drainBlock(long block, FrameHandler handler) {
    int count = ring.get(JAVA_INT, block + LinuxStructs.BLOCK_NUM_PKTS);
    long frame = ring.get(JAVA_INT, block + LinuxStructs.BLOCK_FIRST_PKT) & 0xFFFF_FFFFL;
    long blockEnd = block + blockSize;
    for (int i = 0; i < count; i++) {
      long header = block + frame;
      // Never trust an offset into the ring blindly: a bad one would read another block.
      if (frame < BLOCK_HEADER_SIZE || header + FRAME_HEADER_SIZE > blockEnd) {
        malformedBlocks++;
        return i;
      }
      int snapLength = ring.get(JAVA_INT, header + LinuxStructs.TP3_SNAPLEN);
      long mac = header + (ring.get(JAVA_SHORT, header + LinuxStructs.TP3_MAC) & 0xFFFF);
      if (snapLength < 0 || mac + snapLength > blockEnd) {
        malformedBlocks++;
        return i;
      }
      long seconds = ring.get(JAVA_INT, header + LinuxStructs.TP3_SEC) & 0xFFFF_FFFFL;
      long nanos = ring.get(JAVA_INT, header + LinuxStructs.TP3_NSEC) & 0xFFFF_FFFFL;
      handler.onFrame(ring, mac, snapLength, seconds * 1_000_000_000L + nanos);
      frame += ring.get(JAVA_INT, header + LinuxStructs.TP3_NEXT_OFFSET) & 0xFFFF_FFFFL;
    }
    return count;
  }

  /**
   * Fills {@code out3} with cumulative {packets, drops, freezes} since opening. The kernel resets its
   * counters on every read, so this keeps running totals; its packet count includes the dropped frames and
   * counts only frames that passed the filter.
   */
  public void statistics(long[] out3) {
    int error = socket.tryGet(Libc.SOL_PACKET, Libc.PACKET_STATISTICS, statisticsBuffer);
    if (error != 0) {
      throw new RawIoException("cannot read PACKET_STATISTICS of '" + socket.interfaceName + "'", error);
    }
    for (int i = 0; i < 3; i++) {
      totals[i] += statisticsBuffer.get(JAVA_INT, 4L * i) & 0xFFFF_FFFFL;
      out3[i] = totals[i];
    }
  }

  /** Blocks whose frame offsets did not fit the block (never expected from the kernel). */
  public long malformedBlocks() {
    return malformedBlocks;
  }

  /** Errors the kernel reported on the socket (such as ENETDOWN while the interface was down). */
  public long socketErrors() {
    return socketErrors;
  }

  /** The last of those errors as text, such as {@code Network is down (ENETDOWN)}, or null. */
  public String lastSocketError() {
    return lastError == 0 ? null : Errno.describe(lastError);
  }

  public int blockSize() {
    return blockSize;
  }

  public int blockCount() {
    return blockCount;
  }

  @Override
  public void close() {
    socket.close();
  }
}
