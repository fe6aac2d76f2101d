package io.fathom.detect.scan;

import io.fathom.common.Pages;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;

/**
 * The memory of tables that grew, handed on in 2 MiB pages to what overwrites its memory before reading it.
 *
 * <p>The source table doubles as sources arrive, and the pages of the table it leaves behind (half the new one's
 * size) would stay mapped until a collection, which the detector seldom causes: 64 MiB for the benchmark capture's
 * million entries. The young sources' probe records grow by 2 MiB pages meanwhile, and the kernel zeroes every fresh
 * page on first touch, slowly in a virtual machine (about 0.4 GB/s here); a probe record is always written before it
 * is read, so those pages can be the old tables' instead. Only memory mapped on huge-page boundaries
 * ({@link Pages#allocateZeroed} of at least {@link Pages#HUGE_PAGE}) is taken; smaller tables are left to the
 * collector. A page handed out keeps its old table's mapping alive (a slice of it) and holds whatever was there.
 *
 * <p>Not thread-safe: one detector's tables share one.
 */
final class RecycledPages {
  private final ArrayDeque<MemorySegment> pages = new ArrayDeque<>();
  private long bytes;

  /** Takes the pages of a table no longer used (nothing may read or write it afterwards). */
  void release(MemorySegment table) {
    long size = table.byteSize();
    if (size < Pages.HUGE_PAGE || size % Pages.HUGE_PAGE != 0 || table.address() % Pages.HUGE_PAGE != 0) {
      return;
    }
    for (long at = 0; at < size; at += Pages.HUGE_PAGE) {
      pages.push(table.asSlice(at, Pages.HUGE_PAGE));
    }
    bytes += size;
  }

  /** A page of {@link Pages#HUGE_PAGE} bytes of undefined content, or null when none is left. */
  MemorySegment take() {
    MemorySegment page = pages.poll();
    if (page != null) {
      bytes -= Pages.HUGE_PAGE;
    }
    return page;
  }

  /** Bytes held and not yet handed out. */
  long bytes() {
    return bytes;
  }
}
