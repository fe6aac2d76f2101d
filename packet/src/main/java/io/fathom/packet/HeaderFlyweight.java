package io.fathom.packet;

import java.lang.foreign.MemorySegment;

/**
 * What every header flyweight holds: the segment it reads and writes and the offset its header starts at.
 * Subclasses re-declare {@link #wrap} to return their own type, so that field setters can follow it in a chain.
 */
abstract class HeaderFlyweight {
  protected MemorySegment segment;
  protected long offset;

  /** Points this flyweight at the header that starts {@code offset} bytes into {@code segment}. */
  HeaderFlyweight wrap(MemorySegment segment, long offset) {
    this.segment = segment;
    this.offset = offset;
    return this;
  }

  public MemorySegment segment() {
    return segment;
  }

  public long offset() {
    return offset;
  }
}
