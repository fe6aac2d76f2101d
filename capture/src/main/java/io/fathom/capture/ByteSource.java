package io.fathom.capture;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A window of capture bytes that readers parse in place: {@code segment()[position .. limit)} is what is
 * available. A mapped file's window is a slice of the file mapped in turn, a stream's is a buffer refilled on
 * demand; either may change on {@link #ensure} or {@link #skip} (a new mapping, unread bytes moved to the start of
 * the buffer), so the segment and offsets are only good until the next call to either.
 */
abstract class ByteSource implements AutoCloseable {
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  protected MemorySegment segment;
  protected long position;
  protected long limit;
  /** The file offset of {@code segment[0]}, for messages. */
  protected long base;
  /** The I/O error that ended the data early, if any. */
  protected IOException error;

  /**
   * How far past the position {@link #readAhead} loads the data: a few hundred records of a scan capture, well
   * within the core's L2 cache. The lines are loaded in a loop that does nothing else, so their misses overlap;
   * parsed record by record, each next length depends on a load that may miss, and the misses come one at a time.
   */
  static final long READ_AHEAD = 32 << 10;
  private static final int LINE = 64;
  /** File offsets: where the loaded lines end, and the position from which the next load is made. */
  private long loadedTo;
  private long loadFrom;
  /** What the loads read, kept so that the compiler cannot drop them. */
  private int loadedSum;

  final MemorySegment segment() {
    return segment;
  }

  final long position() {
    return position;
  }

  final long available() {
    return limit - position;
  }

  /** The offset in the file of the next unread byte. */
  final long fileOffset() {
    return base + position;
  }

  final IOException error() {
    return error;
  }

  /** Makes at least {@code n} bytes available from the position; false when the data ends first. */
  final boolean ensure(long n) {
    return limit - position >= n || fill(n);
  }

  /**
   * Loads the available data up to {@link #READ_AHEAD} bytes past the position into the cache, once the position
   * has come halfway through what the load before covered. Readers call it once per record; it changes nothing
   * they can see.
   */
  final void readAhead() {
    if (base + position >= loadFrom) {
      load();
    }
  }

  private void load() {
    long from = Math.max(position, loadedTo - base);
    long to = Math.min(limit, position + READ_AHEAD);
    MemorySegment s = segment;
    int sum = 0;
    for (long at = from; at < to; at += LINE) {
      sum += s.get(ValueLayout.JAVA_BYTE, at);
    }
    loadedSum += sum;
    loadedTo = Math.max(loadedTo, base + to);
    loadFrom = base + position + READ_AHEAD / 2;
  }

  /** Moves the position on by {@code n} available bytes. */
  final void advance(long n) {
    position += n;
  }

  /** Moves the position on by {@code n} bytes, available or not yet read; false when the data ends first. */
  final boolean skip(long n) {
    if (limit - position >= n) {
      position += n;
      return true;
    }
    return skipBeyond(n);
  }

  /** Reads more so that {@code n} bytes are available; false if the data ends before. */
  protected abstract boolean fill(long n);

  /** Skips {@code n} bytes of which fewer are available. */
  protected abstract boolean skipBeyond(long n);

  @Override
  public abstract void close();

  static int u8(MemorySegment s, long at) {
    return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
  }

  /** An unsigned 16-bit value, byte-swapped from little-endian when {@code swap}. */
  static int u16(MemorySegment s, long at, boolean swap) {
    short v = s.get(SHORT, at);
    return (swap ? Short.reverseBytes(v) : v) & 0xffff;
  }

  /** A 32-bit value, byte-swapped from little-endian when {@code swap}. */
  static int i32(MemorySegment s, long at, boolean swap) {
    int v = s.get(INT, at);
    return swap ? Integer.reverseBytes(v) : v;
  }

  static long i64(MemorySegment s, long at, boolean swap) {
    long v = s.get(LONG, at);
    return swap ? Long.reverseBytes(v) : v;
  }
}
