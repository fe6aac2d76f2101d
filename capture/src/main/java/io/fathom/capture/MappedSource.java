package io.fathom.capture;

import io.fathom.common.Pages;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;

/**
 * A regular file read in place through a sliding window of memory mappings. The window is {@link #WINDOW} bytes
 * of the file; when a record would run past its end, the window moves on to start at that record, so a record
 * that straddles the old window's end lies whole in the new one (a record longer than a window gets a window of
 * its own length). Each window has its own arena, closed (unmapped) before the next is mapped: at most one window
 * is mapped at a time, so the process's resident memory stays flat however large the file, whereas a whole-file
 * mapping would add every page read to it. Remapping costs one mmap and munmap per window, nothing per record, and
 * each window's pages are mapped at once ({@link Pages#populate}) rather than a page fault every few pages.
 *
 * <p>The file's size is taken when it is opened (a capture still being written is read up to there); a file that
 * shrinks meanwhile is read up to its new end.
 */
final class MappedSource extends ByteSource {
  /**
   * The window: 64 MiB, far above the largest record a reader accepts (16 MiB and a little), small against
   * memory, and few remaps (a 3.6 GB capture takes about 55).
   */
  static final long WINDOW = 64L << 20;

  private final FileChannel channel;
  private final long window;
  private long size;
  /** The current window's mapping, or null when none is mapped. */
  private Arena arena;

  /** Takes ownership of {@code channel}, read from offset 0 to {@code size}, {@code window} bytes at a time. */
  MappedSource(FileChannel channel, long size, long window) {
    if (window <= 0) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.channel = channel;
    this.size = size;
    this.window = window;
    this.segment = MemorySegment.NULL;
  }

  /** Maps a window starting at the position, at least {@code n} bytes long where the file has them. */
  @Override
  protected boolean fill(long n) {
    long start = base + position;
    if (base + limit >= size || error != null) {
      return false;
    }
    map(start, Math.max(window, n));
    return limit - position >= n;
  }

  /** Skips past the window without mapping what lies between; the next {@link #ensure} maps from there. */
  @Override
  protected boolean skipBeyond(long n) {
    long target = base + position + n;
    unmap();
    boolean within = target <= size;
    base = within ? target : size;
    position = limit = 0;
    return within;
  }

  private void map(long start, long length) {
    unmap();
    base = start;
    position = limit = 0;
    Arena next = Arena.ofShared();
    try {
      long now = channel.size();
      if (now < size) {
        size = now;
      }
      long mapped = Math.min(length, size - start);
      if (mapped > 0) {
        segment = channel.map(FileChannel.MapMode.READ_ONLY, start, mapped, next);
        Pages.populate(segment);
        limit = mapped;
        arena = next;
        return;
      }
      next.close();
    } catch (IOException e) {
      next.close();
      error = e;
    } catch (RuntimeException e) {
      next.close();
      throw e;
    }
  }

  private void unmap() {
    segment = MemorySegment.NULL;
    if (arena != null) {
      Arena old = arena;
      arena = null;
      old.close();
    }
  }

  @Override
  public void close() {
    unmap();
    position = limit = 0;
    try {
      channel.close();
    } catch (IOException ignored) {
      // Only read from: nothing to lose.
    }
  }
}
