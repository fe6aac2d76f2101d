package io.fathom.common;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Advice to the kernel on how pages will be used (Linux, through {@code mmap} and {@code madvise}): huge pages for
 * large tables read at random, all pages of a file mapping read in order mapped at once.
 *
 * <p>A table of many megabytes read at random misses the TLB on almost every probe with 4 KiB pages, and in a
 * virtual machine each miss is a two-level page walk. So a table of at least {@link #HUGE_PAGE} bytes is mapped
 * anonymously ({@code mmap}, which gives zeroed pages on first touch), aligned to 2 MiB and marked
 * {@code MADV_HUGEPAGE} before anything touches it: the kernel then backs it with 2 MiB pages when it can (the
 * system's {@code transparent_hugepage} setting is {@code madvise} or {@code always}). {@code Arena.allocate} would
 * zero the memory itself, faulting in small pages before advice could apply. The mapping is released when the
 * segment becomes unreachable. Anything else, or any failure, falls back to {@code Arena.ofAuto().allocate}.
 */
public final class Pages {
  /** The x86-64 and arm64 huge page size, and the alignment of mapped tables. */
  public static final long HUGE_PAGE = 2L << 20;

  private static final int PROT_READ = 0x1;
  private static final int PROT_WRITE = 0x2;
  private static final int MAP_PRIVATE = 0x02;
  private static final int MAP_ANONYMOUS = 0x20;
  private static final int MADV_HUGEPAGE = 14;
  private static final int MADV_POPULATE_READ = 22;
  private static final long PAGE = 4096;

  private static final MethodHandle MMAP;
  private static final MethodHandle MUNMAP;
  private static final MethodHandle MADVISE;

  static {
    MethodHandle mmap = null;
    MethodHandle munmap = null;
    MethodHandle madvise = null;
    if (System.getProperty("os.name", "").startsWith("Linux")) {
      try {
        Linker linker = Linker.nativeLinker();
        mmap = find(linker, "mmap", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_LONG)).orElse(null);
        munmap = find(linker, "munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG)).orElse(null);
        madvise = find(linker, "madvise", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT)).orElse(null);
      } catch (RuntimeException | LinkageError e) {
        mmap = null; // no native access: plain allocation
      }
    }
    boolean complete = mmap != null && munmap != null && madvise != null;
    MMAP = complete ? mmap : null;
    MUNMAP = complete ? munmap : null;
    MADVISE = complete ? madvise : null;
  }

  private Pages() {}

  private static Optional<MethodHandle> find(Linker linker, String name, FunctionDescriptor descriptor) {
    return linker.defaultLookup().find(name).map(address -> linker.downcallHandle(address, descriptor));
  }

  /** {@code bytes} zeroed bytes aligned to 64, on huge pages where possible; freed when unreachable. */
  public static MemorySegment allocateZeroed(long bytes) {
    if (bytes >= HUGE_PAGE && MMAP != null) {
      MemorySegment mapped = mapHuge(bytes);
      if (mapped != null) {
        return mapped;
      }
    }
    return Arena.ofAuto().allocate(bytes, 64);
  }

  /**
   * Maps every page of a file mapping at once ({@code MADV_POPULATE_READ}, Linux 5.14 and later), so that reading
   * it sequentially takes no page fault per few pages; returns whether the kernel did. The pages must already be in
   * page cache for this to be quick: it reads what is not.
   */
  public static boolean populate(MemorySegment mapping) {
    if (MADVISE == null || mapping.byteSize() == 0) {
      return false;
    }
    long start = mapping.address() & -PAGE;
    long length = mapping.address() + mapping.byteSize() - start;
    try {
      return (int) MADVISE.invokeExact(MemorySegment.ofAddress(start), length, MADV_POPULATE_READ) == 0;
    } catch (Throwable e) {
      return false;
    }
  }

  private static MemorySegment mapHuge(long bytes) {
    long length = (bytes + HUGE_PAGE - 1) & -HUGE_PAGE;
    long reserved = length + HUGE_PAGE; // room to align the start to a huge page
    try {
      MemorySegment raw = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, reserved, PROT_READ | PROT_WRITE,
          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
      long base = raw.address();
      if (base == -1L || base == 0L) {
        return null;
      }
      long start = (base + HUGE_PAGE - 1) & -HUGE_PAGE;
      // Give back the unaligned head and the tail beyond the aligned length.
      if (start > base) {
        int unused = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(base), start - base);
      }
      long end = start + length;
      if (base + reserved > end) {
        int unused = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(end), base + reserved - end);
      }
      MemorySegment table = MemorySegment.ofAddress(start);
      int advised = (int) MADVISE.invokeExact(table, length, MADV_HUGEPAGE); // small pages if refused
      return table.reinterpret(length, Arena.ofAuto(), segment -> unmap(segment.address(), length))
          .asSlice(0, bytes);
    } catch (Throwable e) {
      return null;
    }
  }

  private static void unmap(long address, long length) {
    try {
      int unused = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), length);
    } catch (Throwable e) {
      // nothing to do: the process keeps the mapping until it exits
    }
  }
}
