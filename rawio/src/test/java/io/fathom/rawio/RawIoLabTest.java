package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real frames between two network namespaces: sends hand-built SYNs with both senders, receives them
 * through a filtered RX ring, and checks discovery inside a namespace. Needs root.
 */
@Tag("lab")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RawIoLabTest {
  private static final int FRAMES = 10_000;
  private static final int OTHER_HOST = Ipv4.parse("198.18.7.3");
  private static final int DESTINATION_PORT = 80;
  private static LabNetwork lab;

  @BeforeAll
  static void createLab() {
    lab = new LabNetwork();
  }

  @AfterAll
  static void removeLab() throws InterruptedException {
    LabNetwork.closeAndCheckRemoved(lab);
  }

  @Test
  void mmsgSenderFramesArriveThroughTheFilteredRing() throws Exception {
    exchange(name -> MmsgSender.open(name, 256, 2048, false), 40001);
  }

  @Test
  void txRingSenderFramesArriveThroughTheFilteredRing() throws Exception {
    exchange(name -> TxRingSender.open(name, 256, 2048, true), 40002);
  }

  /**
   * Sends FRAMES SYNs to the receiver, plus (every tenth) a SYN to another host and a UDP datagram to the
   * receiver, which the filter (receiver address, TCP or ICMP) must keep out. Checks each SYN arrives once.
   */
  private void exchange(Function<String, FrameSender> opener, int sourcePort) throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    CompletableFuture<Reception> received = LabNetwork.inNamespace(lab.receiverNamespace, () -> {
      try (RxRing ring = RxRing.open(lab.receiverInterface, BpfProgram.ipv4ToHost(LabNetwork.RECEIVER_IP, 6, 1),
          1 << 18, 16, 10)) {
        Reception reception = new Reception(sourcePort);
        ready.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reception.synsSeen.cardinality() < FRAMES && System.nanoTime() < deadline) {
          ring.poll(reception, 100);
        }
        // Linger a little: anything the filter wrongly lets through would arrive now.
        long linger = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() < linger) {
          ring.poll(reception, 20);
        }
        ring.statistics(reception.statistics);
        assertThat(ring.malformedBlocks()).isZero();
        return reception;
      }
    });
    assertThat(ready.await(10, TimeUnit.SECONDS)).as("receiver ready").isTrue();
    long sendStart = System.currentTimeMillis();
    CompletableFuture<long[]> sent = LabNetwork.inNamespace(lab.senderNamespace, () -> {
      try (FrameSender sender = opener.apply(lab.senderInterface)) {
        long framesToSend = sendAll(sender, sourcePort);
        return new long[] {framesToSend, sender.sentFrames(), sender.sendErrors()};
      }
    });
    long[] counts = sent.get(60, TimeUnit.SECONDS);
    Reception reception = received.get(60, TimeUnit.SECONDS);

    assertThat(counts[0]).isEqualTo(FRAMES + 2 * (FRAMES / 10));
    assertThat(counts[1]).as("frames sent").isEqualTo(counts[0]);
    assertThat(counts[2]).as("send errors").isZero();
    assertThat(reception.synsSeen.cardinality()).as("distinct SYNs received").isEqualTo(FRAMES);
    assertThat(reception.duplicates).as("duplicates").isZero();
    assertThat(reception.filteredOutButSeen).as("frames the filter should have kept out").isZero();
    assertThat(reception.unrelated).as("unrelated frames").isZero();
    assertThat(reception.badTimestamps).as("timestamps outside the test").isZero();
    assertThat(reception.earliestNanos / 1_000_000).isBetween(sendStart - 1000, System.currentTimeMillis());
    // {packets, drops, freezes}: the kernel counts only frames that passed the filter, drops included.
    assertThat(reception.statistics).containsExactly(FRAMES, 0, 0);
  }

  private static long sendAll(FrameSender sender, int sourcePort) {
    long total = 0;
    int batch = 0;
    for (int i = 0; i < FRAMES; i++) {
      int sequence = i;
      batch = add(sender, batch, s -> TestFrames.syn(s, LabNetwork.RECEIVER_MAC, LabNetwork.SENDER_MAC,
          LabNetwork.SENDER_IP, LabNetwork.RECEIVER_IP, sourcePort, DESTINATION_PORT, sequence));
      total++;
      if (i % 10 == 0) {
        batch = add(sender, batch, s -> TestFrames.syn(s, LabNetwork.RECEIVER_MAC, LabNetwork.SENDER_MAC,
            LabNetwork.SENDER_IP, OTHER_HOST, sourcePort, DESTINATION_PORT, sequence));
        batch = add(sender, batch, s -> TestFrames.udp(s, LabNetwork.RECEIVER_MAC, LabNetwork.SENDER_MAC,
            LabNetwork.SENDER_IP, LabNetwork.RECEIVER_IP, sourcePort, DESTINATION_PORT));
        total += 2;
      }
    }
    if (batch > 0) {
      assertThat(sender.send(batch)).isEqualTo(batch);
    }
    return total;
  }

  /** Writes one frame into the next slot, sending the batch first when it is full; returns the new size. */
  private static int add(FrameSender sender, int batch, Function<MemorySegment, Integer> writer) {
    if (batch == sender.batchCapacity()) {
      assertThat(sender.send(batch)).isEqualTo(batch);
      batch = 0;
    }
    sender.length(batch, writer.apply(sender.slot(batch)));
    return batch + 1;
  }

  /** Counts what the receive ring delivers. */
  private static final class Reception implements RxRing.FrameHandler {
    final int sourcePort;
    final BitSet synsSeen = new BitSet(FRAMES);
    final long[] statistics = new long[3];
    final long notBefore = System.currentTimeMillis() * 1_000_000 - 1_000_000_000L;
    long duplicates;
    long filteredOutButSeen;
    long unrelated;
    long badTimestamps;
    long earliestNanos = Long.MAX_VALUE;

    Reception(int sourcePort) {
      this.sourcePort = sourcePort;
    }

    @Override
    public void onFrame(MemorySegment ring, long offset, int length, long timestampNanos) {
      MemorySegment frame = ring.asSlice(offset, length);
      earliestNanos = Math.min(earliestNanos, timestampNanos);
      if (timestampNanos < notBefore || timestampNanos > System.currentTimeMillis() * 1_000_000 + 1_000_000_000L) {
        badTimestamps++;
      }
      if (length < 34 || frame.get(TestFrames.U16, 12) != 0x0800) {
        unrelated++;
        return;
      }
      int protocol = frame.get(JAVA_BYTE, 23);
      int destination = frame.get(TestFrames.U32, 30);
      if (destination != LabNetwork.RECEIVER_IP || protocol == 17) {
        filteredOutButSeen++;
        return;
      }
      if (length != TestFrames.SYN_LENGTH || protocol != 6 || (frame.get(TestFrames.U16, 34) & 0xFFFF) != sourcePort) {
        unrelated++;
        return;
      }
      int sequence = frame.get(TestFrames.U32, 38);
      if (synsSeen.get(sequence)) {
        duplicates++;
      }
      synsSeen.set(sequence);
    }
  }

  @Test
  void arpFramesReachARingBoundToArp() throws Exception {
    int target = Ipv4.parse("198.18.7.99");
    int requests = 5;
    CountDownLatch ready = new CountDownLatch(1);
    CompletableFuture<Integer> received = LabNetwork.inNamespace(lab.receiverNamespace, () -> {
      try (RxRing ring = RxRing.open(lab.receiverInterface, BpfProgram.acceptAll(), 1 << 16, 4, 5, 0x0806)) {
        int[] matching = {0};
        ready.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (matching[0] < requests && System.nanoTime() < deadline) {
          ring.poll((segment, offset, length, time) -> {
            MemorySegment frame = segment.asSlice(offset, length);
            if (frame.get(TestFrames.U16, 12) == 0x0806 && frame.get(TestFrames.U32, 38) == target) {
              matching[0]++;
            }
          }, 100);
        }
        return matching[0];
      }
    });
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    LabNetwork.inNamespace(lab.senderNamespace, () -> {
      try (MmsgSender sender = MmsgSender.open(lab.senderInterface, 8, 128, false)) {
        for (int i = 0; i < requests; i++) {
          sender.length(i, TestFrames.arpRequest(sender.slot(i), LabNetwork.SENDER_MAC, LabNetwork.SENDER_IP,
              target));
        }
        return sender.send(requests);
      }
    }).get(30, TimeUnit.SECONDS);
    assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(requests);
  }

  @Test
  void discoveryInsideTheSenderNamespaceReturnsWhatWasConfigured() throws Exception {
    int expectedIndex = lab.senderInterfaceIndex();
    LabNetwork.inNamespace(lab.senderNamespace, () -> {
      String device = lab.senderInterface;
      assertThat(NetInterfaces.exists(device)).isTrue();
      assertThat(NetInterfaces.exists(lab.receiverInterface)).isFalse();
      assertThat(NetInterfaces.index(device)).isEqualTo(expectedIndex);
      assertThat(NetInterfaces.mac(device)).isEqualTo(LabNetwork.SENDER_MAC);
      assertThat(NetInterfaces.ipv4(device)).isEqualTo(LabNetwork.SENDER_IP);
      assertThat(NetInterfaces.ipv4("lo")).isEqualTo(Ipv4.parse("127.0.0.1"));
      assertThat(NetInterfaces.mtu(device)).isEqualTo(1500);
      assertThat(NetInterfaces.names()).containsExactlyInAnyOrder("lo", device, lab.spareSenderInterface);
      assertThat(Routes.lookup(LabNetwork.RECEIVER_IP))
          .isEqualTo(new Route(device, 0, Ipv4.parse("198.18.7.0"), 24));
      assertThat(Routes.lookup(Ipv4.parse("198.19.5.5")))
          .isEqualTo(new Route(device, LabNetwork.RECEIVER_IP, LabNetwork.ROUTED_PREFIX, 16));
      assertThat(Routes.lookup(Ipv4.parse("203.0.113.1"))).as("no default route in the lab").isNull();
      assertThat(Neighbours.macOf(device, LabNetwork.RECEIVER_IP)).isEqualTo(LabNetwork.RECEIVER_MAC);
      assertThat(Neighbours.macOf(device, OTHER_HOST)).isEqualTo(-1);
      assertThatThrownBy(() -> NetInterfaces.mac("nosuchif0")).isInstanceOf(RawIoException.class)
          .hasMessage("cannot read the MAC address of interface 'nosuchif0': No such device (ENODEV)");
      assertThatThrownBy(() -> MmsgSender.open("nosuchif0", 8, 128, false)).isInstanceOf(RawIoException.class)
          .hasMessage("cannot open AF_PACKET socket on 'nosuchif0': No such device (ENODEV)");
      assertThatThrownBy(() -> TxRingSender.open("nosuchif0", 8, 128, false)).isInstanceOf(RawIoException.class)
          .hasMessage("cannot open AF_PACKET socket on 'nosuchif0': No such device (ENODEV)");
      assertThatThrownBy(() -> RxRing.open("nosuchif0", BpfProgram.acceptAll(), 4096, 2, 10))
          .isInstanceOf(RawIoException.class)
          .hasMessage("cannot open AF_PACKET socket on 'nosuchif0': No such device (ENODEV)");
      return null;
    }).get(30, TimeUnit.SECONDS);
    // The other namespace sees its own interface and address: the thread, not the process, decides.
    int receiverAddress = LabNetwork.inNamespace(lab.receiverNamespace,
        () -> NetInterfaces.ipv4(lab.receiverInterface)).get(30, TimeUnit.SECONDS);
    assertThat(receiverAddress).isEqualTo(LabNetwork.RECEIVER_IP);
  }

  @Test
  void enteringAMissingNamespaceFailsWithOneLine() throws Exception {
    CompletableFuture<Void> attempt = LabNetwork.inNamespace(lab.senderNamespace + "-missing", () -> null);
    assertThat(attempt).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingRootCause()
        .isInstanceOf(RawIoException.class)
        .withMessage("cannot enter network namespace '" + lab.senderNamespace
            + "-missing': No such file or directory (ENOENT)");
  }

  @Test
  void sendersValidateLengthsAndReportQdiscBypass() throws Exception {
    LabNetwork.inNamespace(lab.senderNamespace, () -> {
      try (MmsgSender mmsg = MmsgSender.open(lab.senderInterface, 4, 9000, true);
          TxRingSender ring = TxRingSender.open(lab.senderInterface, 4, 9000, true)) {
        for (FrameSender sender : new FrameSender[] {mmsg, ring}) {
          assertThat(sender.maxFrameLength()).as("capped at MTU + 14").isEqualTo(1514);
          assertThat(sender.slot(0).byteSize()).isEqualTo(1514);
          assertThat(sender.qdiscBypassed()).isTrue();
          assertThatThrownBy(() -> sender.length(0, 13)).isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> sender.length(0, 1515)).isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> sender.send(sender.batchCapacity() + 1))
              .isInstanceOf(IndexOutOfBoundsException.class);
          assertThat(sender.send(0)).isZero();
        }
        assertThat(mmsg.qdiscBypassProblem()).isNull();
        assertThat(ring.batchCapacity()).isGreaterThanOrEqualTo(4);
      }
      return null;
    }).get(30, TimeUnit.SECONDS);
  }

  /**
   * With the link down every frame fails (ENETDOWN) and is counted, not thrown; once the link is up again
   * the same senders work, so the TX ring's head stayed in step with the kernel's.
   */
  @Test
  void aDownLinkCountsErrorsAndSendersRecover() throws Exception {
    String device = lab.spareSenderInterface;
    LabNetwork.inNamespace(lab.senderNamespace, () -> {
      try (MmsgSender mmsg = MmsgSender.open(device, 16, 128, false);
          TxRingSender ring = TxRingSender.open(device, 16, 128, false)) {
        FrameSender[] senders = {mmsg, ring};
        LabNetwork.run("ip", "-n", lab.senderNamespace, "link", "set", device, "down");
        for (FrameSender sender : senders) {
          assertThat(sendSyns(sender, 10)).isZero();
          assertThat(sender.sendErrors()).isEqualTo(10);
          assertThat(sender.sentFrames()).isZero();
        }
        LabNetwork.run("ip", "-n", lab.senderNamespace, "link", "set", device, "up");
        for (FrameSender sender : senders) {
          for (int round = 0; round < 5; round++) {
            assertThat(sendSyns(sender, 10)).isEqualTo(10);
          }
          assertThat(sender.sentFrames()).isEqualTo(50);
          assertThat(sender.sendErrors()).isEqualTo(10);
        }
      }
      return null;
    }).get(30, TimeUnit.SECONDS);
  }

  private static int sendSyns(FrameSender sender, int count) {
    for (int i = 0; i < count; i++) {
      sender.length(i, TestFrames.syn(sender.slot(i), LabNetwork.RECEIVER_MAC, LabNetwork.SENDER_MAC,
          LabNetwork.SENDER_IP, LabNetwork.RECEIVER_IP, 40100, DESTINATION_PORT, i));
    }
    return sender.send(count);
  }
}
