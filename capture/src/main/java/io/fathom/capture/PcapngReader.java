package io.fathom.capture;

import static io.fathom.capture.ByteSource.i32;
import static io.fathom.capture.ByteSource.i64;
import static io.fathom.capture.ByteSource.u16;
import static io.fathom.capture.ByteSource.u8;

import java.lang.foreign.MemorySegment;

/**
 * pcapng: a sequence of blocks, each framed by its total length at both ends, grouped into sections that each
 * start with a Section Header Block giving the section's byte order. Blocks this reader does not need are skipped
 * by their length; a length that cannot be right ends the file, since nothing else marks where blocks start.
 */
final class PcapngReader implements CaptureReader {
  static final int SECTION_HEADER = 0x0a0d0d0a;
  static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
  static final int INTERFACE_DESCRIPTION = 1;
  static final int PACKET = 2;
  static final int SIMPLE_PACKET = 3;
  static final int ENHANCED_PACKET = 6;
  static final int OPTION_END = 0;
  static final int OPTION_TSRESOL = 9;
  static final int OPTION_TSOFFSET = 14;
  private static final int MIN_SECTION_HEADER = 28;
  private static final long MAX_BLOCK = PcapReader.MAX_CAPTURED + (1 << 16);

  private final ByteSource source;
  private final ProblemLog problems;
  private final PcapngInterfaces interfaces = new PcapngInterfaces();
  private boolean swap;
  private boolean done;
  private long packets;
  private long lastTimestamp;

  PcapngReader(ByteSource source, ProblemLog problems) {
    this.source = source;
    this.problems = problems;
  }

  @Override
  public boolean next(CaptureRecord record) {
    ByteSource in = source;
    while (!done) {
      if (!in.ensure(8)) {
        return endOfData(in.available() > 0, in.fileOffset());
      }
      MemorySegment s = in.segment();
      long p = in.position();
      int type = i32(s, p, swap);
      if (type == SECTION_HEADER) {
        readSectionHeader();
        continue;
      }
      long length = Integer.toUnsignedLong(i32(s, p + 4, swap));
      if (length < 12 || (length & 3) != 0) {
        return stop(CaptureProblem.CORRUPT_BLOCK_LENGTH);
      }
      if (length > MAX_BLOCK) {
        skipOversized(type, length);
        continue;
      }
      if (!in.ensure(length)) {
        return endOfData(true, in.fileOffset());
      }
      in.readAhead();
      s = in.segment();
      p = in.position();
      if (Integer.toUnsignedLong(i32(s, p + length - 4, swap)) != length) {
        return stop(CaptureProblem.CORRUPT_BLOCK_LENGTH);
      }
      boolean delivered = switch (type) {
        case ENHANCED_PACKET -> readEnhanced(record, s, p, length);
        case SIMPLE_PACKET -> readSimple(record, s, p, length);
        case PACKET -> readObsolete(record, s, p, length);
        case INTERFACE_DESCRIPTION -> readInterface(s, p, length);
        default -> false;
      };
      in.advance(length);
      if (delivered) {
        packets++;
        return true;
      }
    }
    return false;
  }

  private boolean readEnhanced(CaptureRecord record, MemorySegment s, long p, long length) {
    if (length < 32) {
      return skip(CaptureProblem.BAD_PACKET_BLOCK);
    }
    return readPacket(record, s, p, length, i32(s, p + 8, swap));
  }

  /** The obsolete Packet Block: like an EPB, but with a 16-bit interface id followed by a drop count. */
  private boolean readObsolete(CaptureRecord record, MemorySegment s, long p, long length) {
    if (length < 32) {
      return skip(CaptureProblem.BAD_PACKET_BLOCK);
    }
    return readPacket(record, s, p, length, u16(s, p + 8, swap));
  }

  private boolean readPacket(CaptureRecord record, MemorySegment s, long p, long length, int id) {
    if (id < 0 || id >= interfaces.count()) {
      return skip(CaptureProblem.UNKNOWN_INTERFACE);
    }
    long units = ((long) i32(s, p + 12, swap) << 32) | Integer.toUnsignedLong(i32(s, p + 16, swap));
    long captured = Integer.toUnsignedLong(i32(s, p + 20, swap));
    if (captured > length - 32) {
      return skip(CaptureProblem.BAD_PACKET_BLOCK);
    }
    long original = Integer.toUnsignedLong(i32(s, p + 24, swap));
    lastTimestamp = interfaces.nanos(id, units);
    return deliver(record, s, p + 28, captured, original, id);
  }

  /** The Simple Packet Block: interface 0, no timestamp (the previous packet's is repeated), no captured length. */
  private boolean readSimple(CaptureRecord record, MemorySegment s, long p, long length) {
    if (length < 16) {
      return skip(CaptureProblem.BAD_PACKET_BLOCK);
    }
    if (interfaces.count() == 0) {
      return skip(CaptureProblem.UNKNOWN_INTERFACE);
    }
    long original = Integer.toUnsignedLong(i32(s, p + 8, swap));
    long captured = Math.min(original, length - 16);
    long snaplen = interfaces.snaplen(0);
    if (snaplen != 0) {
      captured = Math.min(captured, snaplen);
    }
    return deliver(record, s, p + 12, captured, original, 0);
  }

  private boolean deliver(CaptureRecord record, MemorySegment s, long at, long captured, long original, int id) {
    long snaplen = interfaces.snaplen(id);
    if (captured > snaplen && snaplen != 0) {
      problems.report(CaptureProblem.EXCEEDS_SNAPLEN, source.fileOffset());
    }
    if (original < captured) {
      problems.report(CaptureProblem.ORIGINAL_BELOW_CAPTURED, source.fileOffset());
      original = captured;
    }
    int originalLength = (int) Math.min(original, Integer.MAX_VALUE);
    record.set(s, at, (int) captured, originalLength, lastTimestamp, interfaces.linkType(id), id);
    return true;
  }

  private boolean readInterface(MemorySegment s, long p, long length) {
    if (length < 20) {
      return skip(CaptureProblem.BAD_PACKET_BLOCK);
    }
    int linkType = u16(s, p + 8, swap);
    long snaplen = Integer.toUnsignedLong(i32(s, p + 12, swap));
    int tsresol = PcapngInterfaces.DEFAULT_TSRESOL;
    long tsoffset = 0;
    long at = p + 16;
    long end = p + length - 4;
    while (at + 4 <= end) {
      int code = u16(s, at, swap);
      int size = u16(s, at + 2, swap);
      long padded = (size + 3) & ~3L;
      if (code == OPTION_END) {
        break;
      }
      if (at + 4 + padded > end) {
        problems.report(CaptureProblem.BAD_OPTION, source.fileOffset());
        break;
      }
      if (code == OPTION_TSRESOL && size >= 1) {
        tsresol = u8(s, at + 4);
      } else if (code == OPTION_TSOFFSET && size >= 8) {
        tsoffset = i64(s, at + 4, swap);
      }
      at += 4 + padded;
    }
    declare(linkType, snaplen, tsresol, tsoffset);
    return false;
  }

  private void declare(int linkType, long snaplen, int tsresol, long tsoffset) {
    if (!interfaces.add(linkType, snaplen, tsresol, tsoffset)) {
      problems.report(CaptureProblem.TOO_MANY_INTERFACES, source.fileOffset());
    }
  }

  private void readSectionHeader() {
    ByteSource in = source;
    long start = in.fileOffset();
    if (!in.ensure(12)) {
      endOfData(true, start);
      return;
    }
    MemorySegment s = in.segment();
    long p = in.position();
    int order = i32(s, p + 8, false);
    if (order != BYTE_ORDER_MAGIC && order != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
      stop(CaptureProblem.BAD_SECTION_HEADER);
      return;
    }
    swap = order != BYTE_ORDER_MAGIC;
    long length = Integer.toUnsignedLong(i32(s, p + 4, swap));
    if (length < MIN_SECTION_HEADER || (length & 3) != 0) {
      stop(CaptureProblem.CORRUPT_BLOCK_LENGTH);
      return;
    }
    if (!in.ensure(MIN_SECTION_HEADER)) {
      endOfData(true, start);
      return;
    }
    if (u16(in.segment(), in.position() + 12, swap) != 1) {
      stop(CaptureProblem.BAD_SECTION_HEADER);
      return;
    }
    interfaces.clear();
    if (!in.skip(length)) {
      endOfData(true, start);
    }
  }

  /**
   * A block too large for any packet: skipped by its length, never buffered, though an interface still gets its
   * number. Unknown blocks may be large (attachments, journals); only packet and interface blocks are reported.
   */
  private void skipOversized(int type, long length) {
    long start = source.fileOffset();
    if (type == INTERFACE_DESCRIPTION && source.ensure(16)) {
      MemorySegment s = source.segment();
      long p = source.position();
      declare(u16(s, p + 8, swap), Integer.toUnsignedLong(i32(s, p + 12, swap)), 6, 0);
    }
    if (type == INTERFACE_DESCRIPTION || type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == PACKET) {
      problems.report(CaptureProblem.OVERSIZED_BLOCK, start);
    }
    if (!source.skip(length)) {
      endOfData(true, start);
    }
  }

  private boolean skip(CaptureProblem problem) {
    problems.report(problem, source.fileOffset());
    return false;
  }

  private boolean stop(CaptureProblem problem) {
    done = true;
    problems.report(problem, source.fileOffset());
    return false;
  }

  /** Ends the file: quietly when the data ended between blocks, else as truncated (or with the read error). */
  private boolean endOfData(boolean cut, long at) {
    done = true;
    if (source.error() != null) {
      problems.report(CaptureProblem.READ_ERROR, source.fileOffset(), source.error().toString());
    } else if (cut) {
      problems.report(CaptureProblem.TRUNCATED_RECORD, at);
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
