package io.fathom.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes classic pcap, little-endian, with microsecond or nanosecond timestamps. Packets longer than the
 * snapshot length are cut to it, keeping their original length, as a capture would.
 */
public final class PcapWriter implements AutoCloseable {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final CaptureOutput out;
  private final int snaplen;
  private final boolean nanosecond;

  /** Writes the file header to {@code out}, which the writer closes when it closes. */
  public PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanosecond) throws IOException {
    if (snaplen <= 0) {
      throw new IllegalArgumentException("snaplen must be positive: " + snaplen);
    }
    this.out = new CaptureOutput(out, ByteOrder.LITTLE_ENDIAN);
    this.snaplen = snaplen;
    this.nanosecond = nanosecond;
    ByteBuffer h = this.out.header();
    h.putInt(nanosecond ? PcapReader.MAGIC_NANO : PcapReader.MAGIC_MICRO).putShort((short) 2).putShort((short) 4);
    h.putInt(0).putInt(0).putInt(snaplen).putInt(linkType);
    this.out.flushHeader();
  }

  /** A new pcap file, gzip'd when {@code gzip}. */
  public static PcapWriter create(Path file, int linkType, int snaplen, boolean nanosecond, boolean gzip)
      throws IOException {
    return new PcapWriter(CaptureOutput.file(file, gzip), linkType, snaplen, nanosecond);
  }

  public void write(long timestampNanos, byte[] packet, int offset, int length) throws IOException {
    write(timestampNanos, packet, offset, length, length);
  }

  /** Writes {@code length} bytes of a packet that was {@code originalLength} long on the wire. */
  public void write(long timestampNanos, byte[] packet, int offset, int length, int originalLength)
      throws IOException {
    int captured = recordHeader(timestampNanos, length, originalLength);
    out.write(packet, offset, captured);
  }

  public void write(long timestampNanos, MemorySegment packet, long offset, int length) throws IOException {
    write(timestampNanos, packet, offset, length, length);
  }

  /** Writes {@code length} bytes of a packet that was {@code originalLength} long on the wire. */
  public void write(long timestampNanos, MemorySegment packet, long offset, int length, int originalLength)
      throws IOException {
    int captured = recordHeader(timestampNanos, length, originalLength);
    out.write(packet, offset, captured);
  }

  private int recordHeader(long timestampNanos, int length, int originalLength) throws IOException {
    long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
    if (seconds < 0 || seconds > 0xffff_ffffL) {
      throw new IllegalArgumentException("timestamp outside pcap's range (1970 to 2106): " + timestampNanos);
    }
    if (length < 0 || originalLength < length) {
      throw new IllegalArgumentException("bad lengths: " + length + " of " + originalLength);
    }
    long fraction = Math.floorMod(timestampNanos, NANOS_PER_SECOND);
    int captured = Math.min(length, snaplen);
    ByteBuffer h = out.header();
    h.putInt((int) seconds).putInt((int) (nanosecond ? fraction : fraction / 1000));
    h.putInt(captured).putInt(originalLength);
    out.flushHeader();
    return captured;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
