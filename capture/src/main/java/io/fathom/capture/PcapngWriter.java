package io.fathom.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes pcapng in either byte order: a Section Header Block, Interface Description Blocks (link type, snapshot
 * length, if_tsresol) and Enhanced Packet Blocks. {@link #newSection()} starts a new section, whose interfaces
 * are numbered from 0 again.
 */
public final class PcapngWriter implements AutoCloseable {
  /** if_tsresol for microseconds, the pcapng default. */
  public static final int MICROSECONDS = 6;
  /** if_tsresol for nanoseconds. */
  public static final int NANOSECONDS = 9;
  /** if_tsresol's flag for a power-of-two resolution: {@code BINARY | 10} is 1/1024 s. */
  public static final int BINARY = 0x80;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final CaptureOutput out;
  private int interfaces;
  private int[] tsresols = new int[4];
  private int[] snaplens = new int[4];

  /** Writes a Section Header Block to {@code out}, which the writer closes when it closes. */
  public PcapngWriter(OutputStream out, ByteOrder order) throws IOException {
    this.out = new CaptureOutput(out, order);
    newSection();
  }

  /** A new little-endian pcapng file, gzip'd when {@code gzip}. */
  public static PcapngWriter create(Path file, boolean gzip) throws IOException {
    return new PcapngWriter(CaptureOutput.file(file, gzip), ByteOrder.LITTLE_ENDIAN);
  }

  /** Starts a new section (unspecified length, version 1.0); interfaces must be declared again. */
  public void newSection() throws IOException {
    ByteBuffer h = out.header();
    h.putInt(PcapngReader.SECTION_HEADER).putInt(28).putInt(PcapngReader.BYTE_ORDER_MAGIC);
    h.putShort((short) 1).putShort((short) 0).putLong(-1L).putInt(28);
    out.flushHeader();
    interfaces = 0;
  }

  /**
   * Declares an interface of this section and returns its id. {@code snaplen} 0 means no limit; {@code tsresol}
   * is if_tsresol: a decimal exponent up to 18 ({@link #MICROSECONDS}, {@link #NANOSECONDS}) or
   * {@link #BINARY} with a binary exponent up to 32.
   */
  public int addInterface(int linkType, int snaplen, int tsresol) throws IOException {
    int exponent = tsresol & 0x7f;
    if (snaplen < 0 || linkType < 0 || linkType > 0xffff || (tsresol & ~0xff) != 0
        || exponent > ((tsresol & BINARY) != 0 ? 32 : 18)) {
      throw new IllegalArgumentException("bad interface: linkType " + linkType + ", snaplen " + snaplen
          + ", tsresol " + tsresol);
    }
    ByteBuffer h = out.header();
    h.putInt(PcapngReader.INTERFACE_DESCRIPTION).putInt(32).putShort((short) linkType).putShort((short) 0);
    h.putInt(snaplen);
    h.putShort((short) PcapngReader.OPTION_TSRESOL).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
    h.putShort((short) PcapngReader.OPTION_END).putShort((short) 0).putInt(32);
    out.flushHeader();
    if (interfaces == tsresols.length) {
      tsresols = Arrays.copyOf(tsresols, interfaces * 2);
      snaplens = Arrays.copyOf(snaplens, interfaces * 2);
    }
    tsresols[interfaces] = tsresol;
    snaplens[interfaces] = snaplen;
    return interfaces++;
  }

  public void write(int interfaceId, long timestampNanos, byte[] packet, int offset, int length)
      throws IOException {
    write(interfaceId, timestampNanos, packet, offset, length, length);
  }

  /** Writes an Enhanced Packet Block: {@code length} bytes of a packet {@code originalLength} long. */
  public void write(int interfaceId, long timestampNanos, byte[] packet, int offset, int length,
      int originalLength) throws IOException {
    int captured = blockHeader(interfaceId, timestampNanos, length, originalLength);
    out.write(packet, offset, captured);
    blockTrailer(captured);
  }

  public void write(int interfaceId, long timestampNanos, MemorySegment packet, long offset, int length)
      throws IOException {
    write(interfaceId, timestampNanos, packet, offset, length, length);
  }

  /** Writes an Enhanced Packet Block: {@code length} bytes of a packet {@code originalLength} long. */
  public void write(int interfaceId, long timestampNanos, MemorySegment packet, long offset, int length,
      int originalLength) throws IOException {
    int captured = blockHeader(interfaceId, timestampNanos, length, originalLength);
    out.write(packet, offset, captured);
    blockTrailer(captured);
  }

  private int blockHeader(int id, long timestampNanos, int length, int originalLength) throws IOException {
    if (id < 0 || id >= interfaces) {
      throw new IllegalArgumentException("no interface " + id + " in this section");
    }
    if (length < 0 || originalLength < length) {
      throw new IllegalArgumentException("bad lengths: " + length + " of " + originalLength);
    }
    long units = units(timestampNanos, tsresols[id]);
    int captured = snaplens[id] == 0 ? length : Math.min(length, snaplens[id]);
    ByteBuffer h = out.header();
    h.putInt(PcapngReader.ENHANCED_PACKET).putInt(32 + padded(captured)).putInt(id);
    h.putInt((int) (units >>> 32)).putInt((int) units).putInt(captured).putInt(originalLength);
    out.flushHeader();
    return captured;
  }

  private void blockTrailer(int captured) throws IOException {
    out.pad(padded(captured) - captured);
    ByteBuffer h = out.header();
    h.putInt(32 + padded(captured));
    out.flushHeader();
  }

  /** The timestamp in the interface's units, rounded down. */
  static long units(long timestampNanos, int tsresol) {
    if (timestampNanos < 0) {
      throw new IllegalArgumentException("timestamp before 1970: " + timestampNanos);
    }
    int exponent = tsresol & 0x7f;
    if ((tsresol & BINARY) != 0) {
      long seconds = timestampNanos / NANOS_PER_SECOND;
      long fraction = timestampNanos % NANOS_PER_SECOND;
      return (seconds << exponent) + (fraction << exponent) / NANOS_PER_SECOND;
    }
    return exponent <= 9 ? timestampNanos / pow10(9 - exponent)
        : Math.multiplyExact(timestampNanos, pow10(exponent - 9));
  }

  private static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
