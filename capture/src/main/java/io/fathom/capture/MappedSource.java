package io.fathom.capture;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A whole file mapped into memory: nothing to refill, records are read where they lie. */
final class MappedSource extends ByteSource {
  private final Arena arena;

  /** Takes ownership of {@code arena}, which owns {@code file}'s mapping. */
  MappedSource(Arena arena, MemorySegment file) {
    this.arena = arena;
    this.segment = file;
    this.limit = file.byteSize();
  }

  @Override
  protected boolean fill(long n) {
    return false;
  }

  @Override
  protected boolean skipBeyond(long n) {
    position = limit;
    return false;
  }

  @Override
  public void close() {
    segment = MemorySegment.NULL;
    position = limit = 0;
    arena.close();
  }
}
