package io.fathom.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Bytes from a stream (a pipe, gzip): an off-heap buffer refilled through a small heap chunk. Unread bytes move
 * to the buffer's start before a refill, so a record that spans two reads ends up whole; the buffer grows (rarely)
 * when a record is larger than it.
 */
final class StreamSource extends ByteSource {
  static final int DEFAULT_CAPACITY = 1 << 20;
  private static final int CHUNK = 1 << 16;

  private final InputStream in;
  private final Arena arena = Arena.ofShared();
  private final byte[] chunk;
  private boolean ended;

  StreamSource(InputStream in, int capacity) {
    this.in = in;
    this.segment = arena.allocate(capacity, 8);
    this.chunk = new byte[Math.min(CHUNK, capacity)];
  }

  @Override
  protected boolean fill(long n) {
    if (n > segment.byteSize() - position || segment.byteSize() - limit < chunk.length) {
      makeRoom(n);
    }
    while (limit - position < n && !ended) {
      read(segment.byteSize() - limit);
    }
    return limit - position >= n;
  }

  @Override
  protected boolean skipBeyond(long n) {
    long left = n - (limit - position);
    base += limit;
    position = limit = 0;
    while (left > 0 && !ended) {
      read(segment.byteSize());
      long step = Math.min(left, limit);
      position = step;
      left -= step;
      if (left > 0) {
        base += limit;
        position = limit = 0;
      }
    }
    return left == 0;
  }

  private void makeRoom(long n) {
    long unread = limit - position;
    if (n > segment.byteSize()) {
      MemorySegment bigger = arena.allocate(Long.highestOneBit(n - 1) << 1, 8);
      MemorySegment.copy(segment, position, bigger, 0, unread);
      segment = bigger;
    } else {
      MemorySegment.copy(segment, position, segment, 0, unread);
    }
    base += position;
    position = 0;
    limit = unread;
  }

  private void read(long room) {
    try {
      int got = in.read(chunk, 0, (int) Math.min(room, chunk.length));
      if (got < 0) {
        ended = true;
      } else {
        MemorySegment.copy(chunk, 0, segment, ValueLayout.JAVA_BYTE, limit, got);
        limit += got;
      }
    } catch (IOException e) {
      error = e;
      ended = true;
    }
  }

  @Override
  public void close() {
    segment = MemorySegment.NULL;
    position = limit = 0;
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing was written; the data read so far stands.
    } finally {
      arena.close();
    }
  }
}
