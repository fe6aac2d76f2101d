package io.fathom.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PagesTest {
  @Test
  void givesZeroedWritableMemoryOfTheSizeAskedForLargeOrSmall() {
    for (long bytes : new long[] {64, 4096, Pages.HUGE_PAGE, 3 * Pages.HUGE_PAGE + 4160}) {
      MemorySegment table = Pages.allocateZeroed(bytes);
      assertThat(table.byteSize()).isEqualTo(bytes);
      assertThat(table.address() % 64).isZero();
      for (long at = 0; at < bytes; at += 8) {
        assertThat(table.get(ValueLayout.JAVA_LONG, at)).isZero();
        table.set(ValueLayout.JAVA_LONG, at, at ^ 0x5A5A);
      }
      for (long at = 0; at < bytes; at += 8) {
        assertThat(table.get(ValueLayout.JAVA_LONG, at)).isEqualTo(at ^ 0x5A5A);
      }
    }
  }

  @Test
  void largeTablesAreMappedOnHugePageBoundariesAndAdvisedWhereLinuxHasThem() throws Exception {
    // Elsewhere (not Linux, or a kernel without transparent huge pages) the table is a plain allocation.
    assumeTrue(Files.isReadable(Path.of("/proc/self/smaps"))
        && Files.isReadable(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")));
    MemorySegment table = Pages.allocateZeroed(4 * Pages.HUGE_PAGE);
    assertThat(table.address() % Pages.HUGE_PAGE).isZero();
    // The mapping holding the table carries the advice: smaps lists it as "hg" among its VmFlags.
    long start = table.address();
    boolean advised = false;
    String mapping = null;
    for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
      if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
        String[] range = line.substring(0, line.indexOf(' ')).split("-");
        long from = Long.parseUnsignedLong(range[0], 16);
        long to = Long.parseUnsignedLong(range[1], 16);
        mapping = from <= start && start < to ? line : null;
      } else if (mapping != null && line.startsWith("VmFlags:")) {
        advised = line.contains(" hg");
      }
    }
    assertThat(advised).as("VmFlags of the table's mapping").isTrue();
  }

  @Test
  void populatesAFileMappingWhoseContentsStayAsTheFileHasThem() throws Exception {
    Path file = Files.createTempFile("pages", ".bin");
    try {
      byte[] bytes = new byte[3 * 4096 + 100];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (i * 7);
      }
      Files.write(file, bytes);
      try (var channel = java.nio.channels.FileChannel.open(file);
          var arena = java.lang.foreign.Arena.ofConfined()) {
        // an offset inside a page: the advice covers the whole pages around the mapping
        MemorySegment mapping = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 100,
            bytes.length - 100, arena);
        boolean populated = Pages.populate(mapping);
        if (Files.isReadable(Path.of("/proc/self/smaps"))) {
          assertThat(populated).as("MADV_POPULATE_READ (Linux 5.14 and later)").isTrue();
        }
        for (int i = 100; i < bytes.length; i++) {
          assertThat(mapping.get(ValueLayout.JAVA_BYTE, i - 100)).isEqualTo(bytes[i]);
        }
      }
    } finally {
      Files.delete(file);
    }
  }
}
