package io.fathom.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One packet of a capture, as a view into the reader's memory: the packet's bytes are
 * {@code segment()[offset() .. offset() + capturedLength())}. A reader fills the same record again on every call
 * to {@link CaptureReader#next}, so the view is valid only until that next call (or until the reader closes).
 */
public final class CaptureRecord {
  private MemorySegment segment = MemorySegment.NULL;
  private long offset;
  private int capturedLength;
  private int originalLength;
  private long timestampNanos;
  private int linkType;
  private int interfaceId;

  void set(MemorySegment segment, long offset, int capturedLength, int originalLength, long timestampNanos,
      int linkType, int interfaceId) {
    this.segment = segment;
    this.offset = offset;
    this.capturedLength = capturedLength;
    this.originalLength = originalLength;
    this.timestampNanos = timestampNanos;
    this.linkType = linkType;
    this.interfaceId = interfaceId;
  }

  /** The memory that holds the packet (a mapped window of the file, or the reader's buffer). */
  public MemorySegment segment() {
    return segment;
  }

  /** Where the packet's first byte lies in {@link #segment()}. */
  public long offset() {
    return offset;
  }

  /** How many bytes of the packet the capture holds (never more than the record had room for). */
  public int capturedLength() {
    return capturedLength;
  }

  /** How long the packet was on the wire; at least {@link #capturedLength()}. */
  public int originalLength() {
    return originalLength;
  }

  /** When the packet was captured, in nanoseconds since the Unix epoch. */
  public long timestampNanos() {
    return timestampNanos;
  }

  /** The LINKTYPE_ value of the packet's interface (see {@link LinkTypes}), known to Fathom or not. */
  public int linkType() {
    return linkType;
  }

  /** The pcapng interface number within its section; 0 for pcap. */
  public int interfaceId() {
    return interfaceId;
  }

  /** A copy of the captured bytes; allocates, so for tests and cold paths only. */
  public byte[] toByteArray() {
    return segment.asSlice(offset, capturedLength).toArray(ValueLayout.JAVA_BYTE);
  }

  @Override
  public String toString() {
    return "CaptureRecord[ts=" + timestampNanos + "ns, caplen=" + capturedLength + ", len=" + originalLength
        + ", linkType=" + linkType + ", if=" + interfaceId + "]";
  }
}
