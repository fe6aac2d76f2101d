package io.fathom.capture;

import static io.fathom.capture.ByteSource.i32;
import static io.fathom.capture.ByteSource.u16;

import java.lang.foreign.MemorySegment;

/**
 * Classic pcap: a 24-byte file header, then records of a 16-byte header and the captured bytes. Nothing in a
 * record marks its start, so a length that cannot be right ends the file: there is no way to find the next one.
 */
final class PcapReader implements CaptureReader {
  static final int MAGIC_MICRO = 0xa1b2c3d4;
  static final int MAGIC_NANO = 0xa1b23c4d;
  /** Alexey Kuznetzov's patched libpcap: microseconds, and 8 more bytes (ifindex, protocol, type) per record. */
  static final int MAGIC_KUZNETZOV = 0xa1b2cd34;
  static final int FILE_HEADER_LENGTH = 24;
  /** libpcap accepts records up to this long whatever the snapshot length says. */
  static final int STANDARD_MAX_CAPTURED = 262_144;
  static final int MAX_CAPTURED = 1 << 24;

  private static final int[] MAGICS = {MAGIC_MICRO, MAGIC_NANO, MAGIC_KUZNETZOV};

  private final ByteSource source;
  private final ProblemLog problems;
  private boolean swap;
  private boolean nanos;
  private boolean oldFieldOrder;
  private int recordHeaderLength = 16;
  private int linkType;
  private long snaplen;
  private int maxCaptured;
  private boolean done;
  private long packets;

  PcapReader(ByteSource source, ProblemLog problems) {
    this.source = source;
    this.problems = problems;
    done = !readFileHeader();
  }

  /** True for the first four bytes of a pcap file, read little-endian, in either byte order. */
  static boolean isMagic(int littleEndian) {
    for (int magic : MAGICS) {
      if (littleEndian == magic || littleEndian == Integer.reverseBytes(magic)) {
        return true;
      }
    }
    return false;
  }

  private boolean readFileHeader() {
    if (!source.ensure(FILE_HEADER_LENGTH)) {
      endOfData(CaptureProblem.TRUNCATED_HEADER);
      return false;
    }
    MemorySegment s = source.segment();
    long p = source.position();
    int magic = i32(s, p, false);
    swap = !(magic == MAGIC_MICRO || magic == MAGIC_NANO || magic == MAGIC_KUZNETZOV);
    magic = swap ? Integer.reverseBytes(magic) : magic;
    nanos = magic == MAGIC_NANO;
    recordHeaderLength = magic == MAGIC_KUZNETZOV ? 24 : 16;
    int major = u16(s, p + 4, swap);
    int minor = u16(s, p + 6, swap);
    // Before 2.3, and in DG/UX's "543.0", the two length fields came the other way round.
    oldFieldOrder = major < 2 || (major == 2 && minor < 3) || (major == 543 && minor == 0);
    snaplen = Integer.toUnsignedLong(i32(s, p + 16, swap));
    // The upper 16 bits carry FCS information, not the link type.
    linkType = i32(s, p + 20, swap) & 0xffff;
    maxCaptured = (int) Math.min(Math.max(snaplen, STANDARD_MAX_CAPTURED), MAX_CAPTURED);
    source.advance(FILE_HEADER_LENGTH);
    return true;
  }

  int linkType() {
    return linkType;
  }

  @Override
  public boolean next(CaptureRecord record) {
    if (done) {
      return false;
    }
    ByteSource in = source;
    int header = recordHeaderLength;
    if (!in.ensure(header)) {
      return endOfData(CaptureProblem.TRUNCATED_RECORD);
    }
    MemorySegment s = in.segment();
    long p = in.position();
    long captured = Integer.toUnsignedLong(i32(s, p + 8, swap));
    long original = Integer.toUnsignedLong(i32(s, p + 12, swap));
    if (oldFieldOrder && captured > original) {
      long t = captured;
      captured = original;
      original = t;
    }
    if (captured > maxCaptured) {
      done = true;
      problems.report(CaptureProblem.CORRUPT_RECORD_LENGTH, in.fileOffset());
      return false;
    }
    if (!in.ensure(header + captured)) {
      return endOfData(CaptureProblem.TRUNCATED_RECORD);
    }
    in.readAhead();
    s = in.segment();
    p = in.position();
    long seconds = Integer.toUnsignedLong(i32(s, p, swap));
    long fraction = Integer.toUnsignedLong(i32(s, p + 4, swap));
    long timestamp = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000L);
    if (captured > snaplen && snaplen != 0) {
      problems.report(CaptureProblem.EXCEEDS_SNAPLEN, in.fileOffset());
    }
    if (original < captured) {
      problems.report(CaptureProblem.ORIGINAL_BELOW_CAPTURED, in.fileOffset());
      original = captured;
    }
    record.set(s, p + header, (int) captured, (int) Math.min(original, Integer.MAX_VALUE), timestamp, linkType, 0);
    in.advance(header + captured);
    packets++;
    return true;
  }

  /** Ends the file: quietly if the data ended between records, else with {@code cut} or the read error. */
  private boolean endOfData(CaptureProblem cut) {
    done = true;
    if (source.error() != null) {
      problems.report(CaptureProblem.READ_ERROR, source.fileOffset(), source.error().toString());
    } else if (source.available() > 0 || cut == CaptureProblem.TRUNCATED_HEADER) {
      problems.report(cut, source.fileOffset());
    }
    return false;
  }

  @Override
  public long packets() {
    return packets;
  }

  @Override
  public String name() {
    return problems.file();
  }

  @Override
  public void close() {
    done = true;
    source.close();
  }
}
