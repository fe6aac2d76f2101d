package io.fathom.detect.scan;

import static io.fathom.detect.scan.Traffic.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.fingerprint.ToolFingerprints;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MemoryBoundTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final int WIDE = ip(203, 0, 113, 1);
  private static final int VERTICAL = ip(203, 0, 113, 2);
  private static final int UDP = ip(203, 0, 113, 3);

  private final Traffic traffic = new Traffic();
  private final SplittableRandom random = new SplittableRandom(2024);
  private long time = T0;

  /** Three sources: random hosts on 40 ports, every port of one host over and over, random hosts on UDP 161. */
  private void feed(ScanDetector d, int packets) {
    for (int i = 0; i < packets; i++) {
      time += 1000;
      switch (i % 3) {
        case 0 -> d.accept(traffic.syn(time, WIDE, random.nextInt(), 1 + random.nextInt(40)));
        case 1 -> d.accept(traffic.tcp(time, VERTICAL, ip(10, 0, 0, 1), 40000, 1 + (i / 3) % 65535, 0x02, i));
        default -> d.accept(traffic.udp(time, UDP, random.nextInt(), 5353, 161));
      }
    }
  }

  /**
   * Settings with a retransmission cache of a fixed size (its maximum is its first size): these tests are about the
   * per-source state; the cache's growth with the rate of new probes has its own test below.
   */
  private static DetectionSettings.Builder fixedCache() {
    return DetectionSettings.builder().retransmitCacheMaxSize(RetransmissionFilter.INITIAL_SIZE);
  }

  @Test
  void stateStaysFlatAsACaptureGrows() {
    ScanDetector d = new ScanDetector(fixedCache().build(), new Recorder());
    long fixed = d.stateBytes(); // the fixed-size tables: retransmission cache, flood table, empty indexes
    feed(d, 600_000); // past every cap: the exact sets became HyperLogLogs, the vertical port table is full
    long settled = d.stateBytes();
    feed(d, 1_200_000);
    assertThat(d.stateBytes()).isEqualTo(settled);
    feed(d, 1_200_000);
    assertThat(d.stateBytes()).isEqualTo(settled);
    assertThat(d.packets()).isEqualTo(3_000_000);
    assertThat(d.sourcesLive()).isEqualTo(3);
    // three sources, each at most a few tens of KiB whatever the packet count, over the fixed-size tables
    assertThat(settled - fixed).isLessThan(2L << 20);
    assertThat(fixed).as("2^15 retransmission entries of 8 bytes and their tags, and small tables")
        .isLessThan(2L << 20);
  }

  /**
   * The retransmission cache grows with the rate of new probes, never past its maximum: a million new probes a
   * second (this traffic) asks for more than the default maximum of 2^21 entries, 18 MiB of ways and tags, so it
   * grows to that at once, and the table it grew from is dropped once the window has passed.
   */
  @Test
  void theRetransmissionCacheGrowsWithTheRateUpToItsMaximumOnly() {
    DetectionSettings settings = DetectionSettings.defaults();
    ScanDetector d = new ScanDetector(settings, new Recorder());
    long empty = d.stateBytes();
    assertThat(d.statistics()).containsEntry("retransmitCacheSize", RetransmissionFilter.INITIAL_SIZE);
    feed(d, 100_000);
    assertThat(d.statistics()).containsEntry("retransmitCacheSize", settings.retransmitCacheMaxSize());
    long maximum = 8L * settings.retransmitCacheMaxSize() + settings.retransmitCacheMaxSize() / 8 * 9L;
    long first = 9L * RetransmissionFilter.INITIAL_SIZE;
    feed(d, 600_000);
    assertThat(d.stateBytes() - empty).as("the largest cache, the first one still asked, three sources")
        .isBetween(maximum, maximum + first + (2L << 20));
    time += settings.retransmitWindowNanos();
    feed(d, 30);
    assertThat(d.stateBytes() - empty).as("the first cache dropped").isBetween(maximum - first, maximum + (2L << 20));
    assertThat(d.statistics()).containsEntry("retransmitCacheSize", settings.retransmitCacheMaxSize());
  }

  @Test
  void aSourceMeetingNoDefinitionStaysWithinItsBound() {
    // Random hosts on random ports: no port reaches 100 hosts and no host 15 ports, so the threshold tables
    // stay and fill; they are capped, so the state never passes SourceState.maxBytes (tool observer included).
    DetectionSettings settings = fixedCache().observers(ToolFingerprints::newObserver).build();
    ScanDetector d = new ScanDetector(settings, new Recorder());
    long empty = d.stateBytes();
    for (int i = 0; i < 1_000_000; i++) {
      time += 1000;
      d.accept(traffic.udp(time, UDP, random.nextInt(), 5353, 1 + random.nextInt(65535)));
      if (i % 100_000 == 0) {
        assertThat(d.stateBytes() - empty).isLessThanOrEqualTo(SourceState.maxBytes(settings));
      }
    }
    assertThat(d.stateBytes() - empty).isLessThanOrEqualTo(SourceState.maxBytes(settings));
    assertThat(SourceState.maxBytes(settings)).isLessThan(1L << 20);
    assertThat(ToolFingerprints.newObserver().bytes())
        .as("the built-in observer within its share of the bound").isBetween(512L, SourceState.OBSERVER_BYTES);
  }

  @Test
  void probesOfAKnownSourceAllocateNothing() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ScanDetector d = new ScanDetector(DetectionSettings.defaults(), new Recorder());
    feed(d, 300_000);
    long tid = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(tid);
    feed(d, 300_000);
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    // 300,000 packets: anything per packet would be megabytes; allow a little for the JIT and the runtime.
    assertThat(allocated).isLessThan(64 * 1024);
  }
}
