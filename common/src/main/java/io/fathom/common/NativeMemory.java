package io.fathom.common;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Longs at absolute addresses of native memory, read and written without the checks of a {@link MemorySegment}
 * access: the flyweight's raw access (Agrona's {@code UnsafeBuffer}, through FFM).
 *
 * <p>A segment access checks its bounds and that its memory is still alive, from fields of the segment object; in
 * the detector's largest compiled loop those checks cost more than the tables' cache misses suggest (its source
 * table and probe records read through this class: fathom detect about 6 % faster on the benchmark capture,
 * bench/README.md). The caller owns the safety instead: it keeps the segment reachable (so the memory is not freed)
 * and its indexes within it, and states so in an assertion with {@link #within}, checked wherever assertions are on
 * (the tests).
 *
 * <p>One segment spans all of the address space, so the JIT folds its own checks away. Making it is a restricted
 * operation: Fathom runs with native access enabled (its launcher and its jar's manifest say so).
 */
public final class NativeMemory {
  private static final MemorySegment EVERYWHERE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  private NativeMemory() {}

  public static long getLong(long address) {
    return EVERYWHERE.get(ValueLayout.JAVA_LONG_UNALIGNED, address);
  }

  public static void putLong(long address, long value) {
    EVERYWHERE.set(ValueLayout.JAVA_LONG_UNALIGNED, address, value);
  }

  /** True when {@code bytes} from {@code offset} lie within the native segment (for the callers' assertions). */
  public static boolean within(MemorySegment segment, long offset, long bytes) {
    return segment.isNative() && segment.scope().isAlive() && offset >= 0 && bytes >= 0
        && offset <= segment.byteSize() - bytes;
  }
}
