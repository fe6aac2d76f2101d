package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.lab.Flooder.Category;
import io.fathom.packet.EthernetHeader;
import io.fathom.packet.FrameParser;
import io.fathom.packet.TcpHeader;
import com.sun.management.ThreadMXBean;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The flooder's mix: what each category forges, where it is addressed, and that a seed fixes every byte. */
class FloodTrafficTest {
  private static final int SYN_ACK = TcpHeader.SYN | TcpHeader.ACK;

  private final FrameParser parser = new FrameParser().verifyChecksums(true);
  private final MemorySegment frame = FloodFixtures.frame();

  @Test
  void forgedSynAcksComeFromTheLivePrefixWithValidChecksums() {
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(1));
    Set<Integer> sourcePorts = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      assertThat(parser.parse(frame, 0, traffic.write(Category.FORGED_SYN_ACK, frame))).isEqualTo(FrameParser.TCP);
      assertThat(parser.tcpFlags()).isEqualTo(SYN_ACK);
      assertThat(parser.srcIp() & 0xFFFF_FF00).isEqualTo(FloodFixtures.LIVE_PREFIX);
      assertAnswerToTheScanner();
      sourcePorts.add(parser.srcPort());
    }
    assertThat(sourcePorts).contains(22, 80, 443).hasSizeGreaterThan(500);
  }

  @Test
  void forgedRstsComeWithAndWithoutAck() {
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(2));
    Set<Integer> flags = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      assertThat(parser.parse(frame, 0, traffic.write(Category.FORGED_RST, frame))).isEqualTo(FrameParser.TCP);
      assertThat(parser.srcIp() & 0xFFFF_FF00).isEqualTo(FloodFixtures.LIVE_PREFIX);
      assertAnswerToTheScanner();
      flags.add(parser.tcpFlags());
      if (parser.tcpFlags() == TcpHeader.RST) {
        assertThat(parser.ack()).isZero();
      }
    }
    assertThat(flags).containsExactlyInAnyOrder(TcpHeader.RST, TcpHeader.RST | TcpHeader.ACK);
  }

  @Test
  void replaysRepeatAnEarlierSynAckWithANewAcknowledgement() {
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(3));
    Map<Segment, Integer> ackBySegment = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      parser.parse(frame, 0, traffic.write(Category.FORGED_SYN_ACK, frame));
      ackBySegment.put(segmentKey(), parser.ack());
    }
    for (int i = 0; i < 200; i++) {
      assertThat(parser.parse(frame, 0, traffic.write(Category.REPLAYED_SYN_ACK, frame))).isEqualTo(FrameParser.TCP);
      assertThat(parser.tcpFlags()).isEqualTo(SYN_ACK);
      assertAnswerToTheScanner();
      assertThat(ackBySegment).containsKey(segmentKey());
      assertThat(parser.ack()).isNotEqualTo(ackBySegment.get(segmentKey()));
    }
  }

  @Test
  void outOfScopeSynAcksComeFromTheLabRangeOutsideThePrefixAndTheLink() {
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(4));
    boolean dark = false;
    for (int i = 0; i < 2000; i++) {
      assertThat(parser.parse(frame, 0, traffic.write(Category.OUT_OF_SCOPE_SYN_ACK, frame)))
          .isEqualTo(FrameParser.TCP);
      int source = parser.srcIp();
      assertThat(FloodFixtures.inLabRange(source)).isTrue();
      assertThat(source & 0xFFFF_FF00).isNotEqualTo(FloodFixtures.LIVE_PREFIX);
      assertThat(source & 0xFFFF_FFFC).isNotEqualTo(LabAddresses.LINK_NETWORK);
      assertAnswerToTheScanner();
      dark |= (source & 0xFFFF_0000) == LabAddresses.DARK_PREFIX;
    }
    assertThat(dark).isTrue();
  }

  @Test
  void theMixHasEveryCategoryAndEveryFrameGoesToTheScanner() {
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(5));
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    FrameParser lenient = new FrameParser();
    int frames = 20_000;
    for (int i = 0; i < frames; i++) {
      int length = traffic.writeNext(frame);
      counts.merge(traffic.lastCategory(), 1, Integer::sum);
      assertThat(traffic.lastDefect() != null).isEqualTo(traffic.lastCategory() == Category.MALFORMED);
      assertThat(new EthernetHeader().wrap(frame, 0).destination()).isEqualTo(FloodFixtures.SCANNER_MAC);
      if (lenient.parse(frame, 0, length) == FrameParser.TCP) {
        assertThat(lenient.dstIp()).isEqualTo(FloodFixtures.SCANNER_IP);
        assertThat(FloodFixtures.inLabRange(lenient.srcIp())).isTrue();
      }
    }
    assertThat(counts).containsOnlyKeys(Category.values());
    assertThat(counts.get(Category.MALFORMED)).isBetween(frames * 33 / 100, frames * 37 / 100);
    assertThat(counts.get(Category.FORGED_SYN_ACK)).isBetween(frames * 23 / 100, frames * 27 / 100);
  }

  @Test
  void theSameSeedGivesTheSameFramesAndAnotherSeedOthers() {
    MemorySegment other = FloodFixtures.frame();
    FloodTraffic first = new FloodTraffic(FloodFixtures.config(6));
    FloodTraffic again = new FloodTraffic(FloodFixtures.config(6));
    FloodTraffic different = new FloodTraffic(FloodFixtures.config(7));
    int differing = 0;
    for (int i = 0; i < 1000; i++) {
      int length = first.writeNext(frame);
      assertThat(again.writeNext(other)).isEqualTo(length);
      assertThat(bytes(other, length)).isEqualTo(bytes(frame, length));
      int otherLength = different.writeNext(other);
      differing += otherLength != length || !Arrays.equals(bytes(other, length), bytes(frame, length)) ? 1 : 0;
    }
    assertThat(differing).isGreaterThan(990);
  }

  @Test
  void writingAndCountingFramesAllocatesNothing() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    FloodTraffic traffic = new FloodTraffic(FloodFixtures.config(8));
    FloodCounters counters = new FloodCounters();
    for (int i = 0; i < 100_000; i++) { // let the JIT compile the loop first
      traffic.writeNext(frame);
      counters.handed(traffic.lastCategory(), traffic.lastDefect());
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 200_000; i++) {
      traffic.writeNext(frame);
      counters.handed(traffic.lastCategory(), traffic.lastDefect());
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated for 200,000 frames").isLessThan(16 * 1024);
  }

  private void assertAnswerToTheScanner() {
    assertThat(parser.dstIp()).isEqualTo(FloodFixtures.SCANNER_IP);
    assertThat(parser.dstPort()).isBetween(FloodTraffic.SCANNER_PORT_FIRST, FloodTraffic.SCANNER_PORT_LAST);
    assertThat(parser.ethDestination()).isEqualTo(FloodFixtures.SCANNER_MAC);
    assertThat(parser.ethSource()).isEqualTo(FloodFixtures.TARGET_MAC);
  }

  /** Source address, ports and sequence number of the frame parsed last. */
  private Segment segmentKey() {
    return new Segment(parser.srcIp(), parser.srcPort(), parser.dstPort(), parser.seq());
  }

  private record Segment(int source, int sourcePort, int destinationPort, int seq) {}

  private static byte[] bytes(MemorySegment segment, int length) {
    return segment.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
  }
}
