package io.fathom.engine;

import io.fathom.rawio.FrameSender;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A sender for {@code --dry-run}: every frame is built in off-heap slots exactly as for real, then counted. */
final class DryRunSender implements FrameSender {
  // Shared: built by the scan's main thread, filled by a sending thread.
  private final Arena arena = Arena.ofShared();
  private final MemorySegment[] slots;
  private final int maxFrameLength;
  private long sent;
  /** Folds a byte of every frame in, so that the JIT cannot skip building frames nobody reads. */
  private long checksum;

  DryRunSender(int batchCapacity, int maxFrameLength) {
    this.maxFrameLength = maxFrameLength;
    this.slots = new MemorySegment[batchCapacity];
    MemorySegment all = arena.allocate((long) batchCapacity * maxFrameLength, 64);
    for (int i = 0; i < batchCapacity; i++) {
      slots[i] = all.asSlice((long) i * maxFrameLength, maxFrameLength);
    }
  }

  @Override
  public int batchCapacity() {
    return slots.length;
  }

  @Override
  public int maxFrameLength() {
    return maxFrameLength;
  }

  @Override
  public MemorySegment slot(int i) {
    return slots[i];
  }

  @Override
  public void length(int i, int length) {
    checksum += slots[i].get(java.lang.foreign.ValueLayout.JAVA_BYTE, length - 1);
  }

  @Override
  public int send(int count) {
    sent += count;
    return count;
  }

  @Override
  public long sentFrames() {
    return sent;
  }

  @Override
  public long sendErrors() {
    return 0;
  }

  @Override
  public boolean qdiscBypassed() {
    return false;
  }

  long checksum() {
    return checksum;
  }

  @Override
  public void close() {
    arena.close();
  }
}
