package io.fathom.capture;

import io.fathom.common.UsageException;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Opens captures, telling pcap, pcapng and gzip apart by their first bytes rather than by name. Regular files
 * are mapped a window at a time and read in place; gzip, pipes and standard input ("-") stream through a reused
 * off-heap buffer.
 *
 * <p>Pitfalls of the formats that the readers handle:
 * <ul>
 *   <li>pcap has two magic numbers (microsecond, nanosecond) in either byte order, plus Kuznetzov's patched
 *       variant with 8 more bytes per record header; seconds are unsigned 32-bit.
 *   <li>pcap's link-type field carries FCS information in its upper 16 bits; only the lower 16 are the type.
 *   <li>pcap files of version 2.2 and older (and DG/UX's "543.0") may have the two record lengths swapped.
 *   <li>Records may hold more than the snapshot length (old writers) or claim an original length below the
 *       captured one; both are read, with a warning. A length beyond any plausible packet ends a pcap file,
 *       since nothing marks where the next record starts.
 *   <li>pcapng byte order is per section, known only from the Section Header Block's byte-order magic; every
 *       section starts interface numbering again. Each packet takes its link type, snapshot length and
 *       timestamp units (if_tsresol: 10^-n, or 2^-n with the high bit set; default microseconds; plus
 *       if_tsoffset seconds) from its interface; a packet for an undeclared interface is skipped.
 *   <li>pcapng's 64-bit timestamps are stored as two 32-bit halves, high first, each in the section's order.
 *   <li>Simple Packet Blocks have no timestamp and no captured length (it follows from the block length and
 *       snapshot length); the obsolete Packet Block has a 16-bit interface id.
 *   <li>Blocks are skipped by their total length when it is sane (at least 12, a multiple of 4, equal to the
 *       copy at the block's end); otherwise reading stops. Oversized blocks are skipped, never buffered.
 *   <li>A file cut short (a capture still being written, a truncated download or gzip stream) yields every
 *       complete record before the cut.
 * </ul>
 */
public final class Captures {
  private static final int GZIP_MAGIC = 0x8b1f;
  private static final int STREAM_BUFFER = 1 << 16;
  /** The first four bytes of each format, read little-endian; pcap in both byte orders. */
  private static final int[] LITTLE_ENDIAN_MAGICS = {
      PcapReader.MAGIC_MICRO, Integer.reverseBytes(PcapReader.MAGIC_MICRO),
      PcapReader.MAGIC_NANO, Integer.reverseBytes(PcapReader.MAGIC_NANO),
      PcapReader.MAGIC_KUZNETZOV, Integer.reverseBytes(PcapReader.MAGIC_KUZNETZOV),
      PcapngReader.SECTION_HEADER, GZIP_MAGIC};

  private Captures() {}

  /** Opens one capture, or standard input for "-"; throws {@link UsageException} if it is not one. */
  public static CaptureReader open(Path file, CaptureWarnings warnings) {
    return open(file, warnings, MappedSource.WINDOW);
  }

  /** As {@link #open(Path, CaptureWarnings)}, mapping a regular file {@code mapWindow} bytes at a time. */
  static CaptureReader open(Path file, CaptureWarnings warnings, long mapWindow) {
    String name = file.toString();
    if (name.equals("-")) {
      return open(new FileInputStream(FileDescriptor.in), "stdin", warnings);
    }
    if (Files.isDirectory(file)) {
      throw new UsageException("'" + name + "' is a directory, not a pcap or pcapng capture");
    }
    try {
      if (!Files.isRegularFile(file)) {
        return open(Files.newInputStream(file), name, warnings);
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      MappedSource source;
      try {
        if (startsWithGzip(channel)) {
          channel.close();
          return openGzip(Files.newInputStream(file), name, warnings);
        }
        source = new MappedSource(channel, channel.size(), mapWindow);
      } catch (IOException | RuntimeException e) {
        close(channel);
        throw e;
      }
      return reader(source, name, warnings);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot open '" + name + "': no such file");
    } catch (AccessDeniedException e) {
      throw new UsageException("cannot open '" + name + "': permission denied");
    } catch (IOException e) {
      throw new UsageException("cannot open '" + name + "': " + e.getMessage(), e);
    }
  }

  /**
   * Opens several captures to be read one after the other, in the order given. Each is checked now (so a wrong
   * name fails at once) but opened only when its turn comes.
   */
  public static CaptureReader openAll(List<Path> files, CaptureWarnings warnings) {
    List<Path> list = List.copyOf(files);
    CaptureReader[] opened = new CaptureReader[list.size()];
    try {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).toString().equals("-")) {
          opened[i] = open(list.get(i), warnings);
        } else {
          open(list.get(i), CaptureWarnings.silent()).close();
        }
      }
    } catch (RuntimeException e) {
      for (CaptureReader reader : opened) {
        if (reader != null) {
          reader.close();
        }
      }
      throw e;
    }
    return new ChainedReader(list, opened, warnings);
  }

  /**
   * Reads a capture from a stream (standard input, a pipe, a socket), gzip'd or not; closes it when the reader
   * closes. Throws {@link UsageException} if the stream does not hold a capture.
   */
  public static CaptureReader open(InputStream in, String name, CaptureWarnings warnings) {
    return open(in, name, warnings, StreamSource.DEFAULT_CAPACITY);
  }

  static CaptureReader open(InputStream in, String name, CaptureWarnings warnings, int bufferCapacity) {
    PushbackInputStream peek = new PushbackInputStream(in, 2);
    byte[] first;
    try {
      first = peek.readNBytes(2);
      peek.unread(first);
    } catch (IOException e) {
      close(in);
      new ProblemLog(warnings, name).report(CaptureProblem.READ_ERROR, 0, e.toString());
      return new EmptyCapture(name);
    }
    if (first.length == 2 && ((first[0] & 0xff) | (first[1] & 0xff) << 8) == GZIP_MAGIC) {
      return openGzip(peek, name, warnings, bufferCapacity);
    }
    return reader(new StreamSource(peek, bufferCapacity), name, warnings);
  }

  private static CaptureReader openGzip(InputStream in, String name, CaptureWarnings warnings) {
    return openGzip(in, name, warnings, StreamSource.DEFAULT_CAPACITY);
  }

  private static CaptureReader openGzip(InputStream in, String name, CaptureWarnings warnings, int capacity) {
    GZIPInputStream gunzip;
    try {
      gunzip = new GZIPInputStream(in, STREAM_BUFFER);
    } catch (IOException e) {
      close(in);
      new ProblemLog(warnings, name).report(CaptureProblem.READ_ERROR, 0, "gzip header: " + e.getMessage());
      return new EmptyCapture(name);
    }
    return reader(new StreamSource(gunzip, capacity), name, warnings);
  }

  /** Picks the reader for what the source starts with, or throws if it starts with neither format. */
  private static CaptureReader reader(ByteSource source, String name, CaptureWarnings warnings) {
    ProblemLog problems = new ProblemLog(warnings, name);
    source.ensure(4);
    MemorySegment s = source.segment();
    long p = source.position();
    int n = (int) Math.min(4, source.available());
    if (n == 4) {
      int magic = ByteSource.i32(s, p, false);
      if (PcapReader.isMagic(magic)) {
        return new PcapReader(source, problems);
      }
      if (magic == PcapngReader.SECTION_HEADER) {
        return new PcapngReader(source, problems);
      }
    } else if (isMagicPrefix(s, p, n)) {
      problems.report(source.error() == null ? CaptureProblem.TRUNCATED_HEADER : CaptureProblem.READ_ERROR, 0);
      source.close();
      return new EmptyCapture(name);
    }
    source.close();
    throw new UsageException("'" + name + "' is not a pcap or pcapng capture");
  }

  /** Whether {@code n < 4} bytes could be the start of a capture (or of a gzip stream) cut short. */
  private static boolean isMagicPrefix(MemorySegment s, long p, int n) {
    for (int magic : LITTLE_ENDIAN_MAGICS) {
      boolean match = true;
      for (int i = 0; i < n && match; i++) {
        match = s.get(ValueLayout.JAVA_BYTE, p + i) == (byte) (magic >>> (8 * i));
      }
      if (match) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithGzip(FileChannel channel) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(2);
    while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
      // read() may return fewer bytes than asked.
    }
    return head.position() == 2 && ((head.get(0) & 0xff) | (head.get(1) & 0xff) << 8) == GZIP_MAGIC;
  }

  private static void close(Closeable in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Closing after a failed read: nothing more to lose.
    }
  }
}
