package io.fathom.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {
  @Test
  void readsAndWritesWhatTheSegmentHoldsAtAnyOffset() {
    SplittableRandom random = new SplittableRandom(5);
    MemorySegment[] segments = {Pages.allocateZeroed(Pages.HUGE_PAGE), Pages.allocateZeroed(200)};
    for (MemorySegment segment : segments) {
      long size = segment.byteSize();
      for (int i = 0; i < 10_000; i++) {
        long offset = random.nextLong(size - 7); // aligned or not
        long value = random.nextLong();
        if (random.nextBoolean()) {
          NativeMemory.putLong(segment.address() + offset, value);
        } else {
          segment.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, value);
        }
        assertThat(NativeMemory.getLong(segment.address() + offset)).isEqualTo(value);
        assertThat(segment.get(ValueLayout.JAVA_LONG_UNALIGNED, offset)).isEqualTo(value);
      }
    }
  }

  @Test
  void withinHoldsOnlyForLiveNativeMemoryInsideTheSegment() {
    MemorySegment segment = Pages.allocateZeroed(64);
    assertThat(NativeMemory.within(segment, 0, 8)).isTrue();
    assertThat(NativeMemory.within(segment, 56, 8)).isTrue();
    assertThat(NativeMemory.within(segment, 57, 8)).isFalse();
    assertThat(NativeMemory.within(segment, -1, 8)).isFalse();
    assertThat(NativeMemory.within(segment, 0, 65)).isFalse();
    assertThat(NativeMemory.within(segment, Long.MAX_VALUE, 8)).isFalse();
    assertThat(NativeMemory.within(MemorySegment.ofArray(new long[8]), 0, 8)).as("heap memory has no address")
        .isFalse();
    MemorySegment freed;
    try (Arena arena = Arena.ofConfined()) {
      freed = arena.allocate(64);
      assertThat(NativeMemory.within(freed, 0, 8)).isTrue();
    }
    assertThat(NativeMemory.within(freed, 0, 8)).isFalse();
  }
}
