package io.fathom.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** The buffered byte sink under both writers: headers go through one reused buffer, packets are copied in. */
final class CaptureOutput implements AutoCloseable {
  private static final int BUFFER = 1 << 16;
  private static final byte[] PADDING = new byte[4];

  private final OutputStream out;
  private final ByteBuffer header;
  private byte[] copy = new byte[2048];

  CaptureOutput(OutputStream out, ByteOrder order) {
    this.out = new BufferedOutputStream(out, BUFFER);
    this.header = ByteBuffer.allocate(64).order(order);
  }

  /** A file, gzip'd (at the fastest level: these are test and generated captures) when {@code gzip}. */
  static OutputStream file(Path file, boolean gzip) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    if (!gzip) {
      return raw;
    }
    return new GZIPOutputStream(raw, BUFFER) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  /** The reused header buffer, cleared; fill it, then {@link #flushHeader()}. */
  ByteBuffer header() {
    return header.clear();
  }

  void flushHeader() throws IOException {
    out.write(header.array(), 0, header.position());
  }

  void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  void write(MemorySegment bytes, long offset, int length) throws IOException {
    if (copy.length < length) {
      copy = new byte[Math.max(length, copy.length * 2)];
    }
    MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, offset, copy, 0, length);
    out.write(copy, 0, length);
  }

  void pad(int count) throws IOException {
    out.write(PADDING, 0, count);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
