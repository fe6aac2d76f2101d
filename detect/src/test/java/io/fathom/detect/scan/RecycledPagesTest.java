package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Pages;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A grown table's memory is handed on page by page, content and all; what is not whole huge pages is left alone.
 * (That the young probes' records come out the same from such pages, stale entries and all, is
 * {@link YoungEpisodesTest}'s: its 20,000 sources grow the source table past two of them.)
 */
class RecycledPagesTest {
  @Test
  void aGrownTablesHugePagesAreHandedOnWithWhatTheyHeld() {
    RecycledPages recycled = new RecycledPages();
    MemorySegment table = Pages.allocateZeroed(3 * Pages.HUGE_PAGE);
    for (long at = 0; at < table.byteSize(); at += Long.BYTES) {
      table.set(ValueLayout.JAVA_LONG, at, at + 1);
    }
    recycled.release(table);
    assertThat(recycled.bytes()).isEqualTo(3 * Pages.HUGE_PAGE);

    Set<Long> starts = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      MemorySegment page = recycled.take();
      assertThat(page.byteSize()).isEqualTo(Pages.HUGE_PAGE);
      long offset = page.address() - table.address();
      assertThat(offset % Pages.HUGE_PAGE).isZero();
      assertThat(page.get(ValueLayout.JAVA_LONG, 8)).as("content kept").isEqualTo(offset + 8 + 1);
      starts.add(offset);
    }
    assertThat(starts).containsExactlyInAnyOrder(0L, Pages.HUGE_PAGE, 2 * Pages.HUGE_PAGE);
    assertThat(recycled.take()).isNull();
    assertThat(recycled.bytes()).isZero();
  }

  @Test
  void smallOrUnalignedMemoryIsLeftToTheCollector() {
    RecycledPages recycled = new RecycledPages();
    recycled.release(Pages.allocateZeroed(Pages.HUGE_PAGE / 2));
    MemorySegment huge = Pages.allocateZeroed(2 * Pages.HUGE_PAGE);
    recycled.release(huge.asSlice(4096, Pages.HUGE_PAGE)); // not on a huge-page boundary
    recycled.release(huge.asSlice(0, Pages.HUGE_PAGE + 4096)); // not whole pages
    assertThat(recycled.take()).isNull();
    assertThat(recycled.bytes()).isZero();
  }

  @Test
  void aSourceTableGrowingPastAHugePageLeavesItsOldEntriesPages() {
    RecycledPages recycled = new RecycledPages();
    SourceTable table = new SourceTable(64, recycled);
    int entriesPerPage = (int) (Pages.HUGE_PAGE / SourceTable.ENTRY_BYTES);
    // filled to half a 2 MiB table and one more: it grows from 2 MiB to 4 MiB, leaving the 2 MiB one behind
    for (int i = 1; i <= entriesPerPage / 2 + 1; i++) {
      table.insert(SourceState.key(i << 8 | 1, 6), i);
    }
    assertThat(table.capacity()).isEqualTo(2 * entriesPerPage);
    assertThat(recycled.bytes()).isEqualTo(Pages.HUGE_PAGE);
    for (int i = 1; i <= entriesPerPage / 2 + 1; i++) {
      assertThat(table.find(SourceState.key(i << 8 | 1, 6))).as("entry %d", i).isNotNegative();
    }
  }
}
