package io.fathom.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read path allocates nothing per packet, mapped or streamed, pcap or pcapng. */
class AllocationTest {
  private static final int PACKETS = 20_000;

  @TempDir
  Path dir;

  @Test
  void readingAllocatesNothingPerPacket() throws IOException {
    byte[] packet = new byte[60];
    Path pcap = dir.resolve("a.pcap");
    Path pcapng = dir.resolve("a.pcapng");
    Path gz = dir.resolve("a.pcapng.gz");
    try (PcapWriter writer = PcapWriter.create(pcap, LinkTypes.ETHERNET, 65535, true, false);
        PcapngWriter ng = PcapngWriter.create(pcapng, false);
        PcapngWriter ngz = PcapngWriter.create(gz, true)) {
      ng.addInterface(LinkTypes.ETHERNET, 0, PcapngWriter.MICROSECONDS);
      ngz.addInterface(LinkTypes.ETHERNET, 0, PcapngWriter.BINARY | 20);
      for (int i = 0; i < PACKETS; i++) {
        packet[0] = (byte) i;
        writer.write(i * 1000L, packet, 0, packet.length);
        ng.write(0, i * 1000L, packet, 0, packet.length);
        ngz.write(0, i * 1000L, packet, 0, packet.length);
      }
    }
    CaptureRecord record = new CaptureRecord();
    for (Path file : new Path[] {pcap, pcapng, gz}) {
      try (CaptureReader reader = Captures.open(file, CaptureWarnings.silent())) {
        assertThat(reader.next(record)).isTrue();
        long before = allocatedBytes();
        long sum = 0;
        while (reader.next(record)) {
          sum += record.capturedLength() + record.timestampNanos();
        }
        long allocated = allocatedBytes() - before;
        assertThat(reader.packets()).isEqualTo(PACKETS);
        assertThat(sum).isPositive();
        // The stream path may allocate a little once (buffers inside the inflater); never per packet.
        assertThat(allocated).as("%s", file.getFileName()).isLessThan(PACKETS / 4);
      }
    }
  }

  private static long allocatedBytes() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return threads.getCurrentThreadAllocatedBytes();
  }
}
