package io.fathom.detect.scan;

import static io.fathom.detect.scan.Traffic.MILLI;
import static io.fathom.detect.scan.Traffic.SECOND;
import static io.fathom.detect.scan.Traffic.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fathom.detect.ScanRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanDetectorTest {
  private static final int SCANNER = ip(203, 0, 113, 7);
  private static final int NET = ip(10, 0, 0, 0);
  private static final long T0 = 1_700_000_000L * SECOND;

  private final Traffic traffic = new Traffic();
  private final Recorder recorder = new Recorder();
  private final List<CountingObserver> observers = new ArrayList<>();

  private ScanDetector detector(DetectionSettings.Builder builder) {
    return new ScanDetector(builder.observers(() -> {
      CountingObserver o = new CountingObserver();
      observers.add(o);
      return o;
    }).build(), recorder);
  }

  private ScanDetector detector() {
    return detector(DetectionSettings.builder());
  }

  @Test
  void epochsAreAboutAHundredthOfTheIdleTimeoutUnlessSweepsAreFurtherApart() {
    // the defaults: 480 s, 30 s sweeps: epochs of 2^32 ns (4.3 s), 110 to a timeout
    assertThat(ScanDetector.epochShift(480 * SECOND, 30 * SECOND)).isEqualTo(32);
    long[] timeouts = {2 * MILLI, SECOND, 40 * SECOND, 480 * SECOND, 86_400 * SECOND};
    for (long idle : timeouts) {
      for (long sweep : new long[] {MILLI, SECOND, 30 * SECOND, idle / 2, idle, 2 * idle}) {
        int shift = ScanDetector.epochShift(idle, sweep);
        long idleEpochs = (idle >>> shift) - 1;
        boolean fine = idleEpochs >= ScanDetector.MAX_IDLE_EPOCHS / 2 && idleEpochs <= ScanDetector.MAX_IDLE_EPOCHS;
        // fine epochs only where two sweeps stay far within the 256 epochs before an epoch wraps
        assertThat(fine ? (sweep >>> shift) + idleEpochs + 4 < 256 : shift == 63 - Long.numberOfLeadingZeros(sweep))
            .as("idle %d ns, sweep %d ns: shift %d", idle, sweep, shift).isTrue();
        if (sweep <= idle) {
          assertThat(fine).as("idle %d ns, sweep %d ns", idle, sweep).isTrue();
        }
      }
    }
  }

  @Test
  void horizontalZmapLikeScanIsOneRecordMeetingBothDefinitions() {
    ScanDetector d = detector();
    Set<Integer> targets = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      int dst = NET + 1 + i * 7;
      targets.add(dst);
      d.accept(traffic.syn(T0 + i * MILLI, SCANNER, dst, 80));
    }
    d.finish();

    assertThat(recorder.scans).hasSize(1);
    ScanRecord scan = recorder.scans.get(0);
    assertThat(scan.src()).isEqualTo(SCANNER);
    assertThat(scan.proto()).isEqualTo("tcp");
    assertThat(scan.shape()).isEqualTo("horizontal");
    assertThat(scan.portsScope()).isEqualTo("single");
    assertThat(scan.ports()).containsExactly(80);
    assertThat(scan.definitions()).containsExactly("durumeric2014", "zeek");
    assertThat(scan.packets()).isEqualTo(10_000);
    // Past the exact cap the count is a HyperLogLog estimate (1.6 % standard error at p = 12).
    assertThat((double) scan.targets()).isCloseTo(10_000, within(500.0));
    assertThat(scan.ratePps()).isCloseTo(1000.0, within(0.01));
    assertThat(scan.startNanos()).isEqualTo(T0);
    assertThat(scan.endNanos()).isEqualTo(T0 + 9_999 * MILLI);
    assertThat(scan.tool()).isEqualTo("testtool");
    assertThat(scan.toolVersion()).isEqualTo("1.x");
    assertThat(scan.confidence()).isEqualTo(0.9);
    assertThat(scan.evidence()).containsExactly("source port 54321 in 10000 of 10000 probes");
    assertThat(observers).hasSize(1);
    assertThat(observers.get(0).seen).isEqualTo(10_000);
    assertThat(scan.targetSketch()).hasSize(64).doesNotHaveDuplicates();
    for (int sampled : scan.targetSketch()) {
      assertThat(targets).contains(sampled);
    }
    assertThat(scan.coverage()).isNull();
    assertThat(scan.internetRatePps()).isNull();
    assertThat(recorder.notScans).isEmpty();
    assertThat(d.statistics()).containsEntry("scans", 1L).containsEntry("probes", 10_000L);
  }

  @Test
  void targetSketchIsTheSameWhateverTheOrderOfTargets() {
    ScanDetector forward = detector();
    ScanDetector backward = detector();
    for (int i = 0; i < 500; i++) {
      forward.accept(traffic.syn(T0 + i * MILLI, SCANNER, NET + 1 + i, 443));
      backward.accept(traffic.syn(T0 + i * MILLI, SCANNER, NET + 500 - i, 443));
    }
    forward.finish();
    backward.finish();
    assertThat(recorder.scans).hasSize(2);
    assertThat(recorder.scans.get(0).targetSketch()).containsExactly(recorder.scans.get(1).targetSketch());
  }

  @Test
  void verticalScanOfOneHostIsVerticalRangeByZeekOnly() {
    ScanDetector d = detector();
    int host = NET + 5;
    for (int port = 1; port <= 1000; port++) {
      d.accept(traffic.syn(T0 + port * MILLI, SCANNER, host, port));
    }
    d.finish();
    assertThat(recorder.scans).hasSize(1);
    ScanRecord scan = recorder.scans.get(0);
    assertThat(scan.shape()).isEqualTo("vertical");
    assertThat(scan.portsScope()).isEqualTo("range");
    assertThat(scan.targets()).isEqualTo(1);
    assertThat(scan.ports()).hasSize(1000).startsWith(1, 2, 3).endsWith(1000);
    // One host cannot give 100 destinations on a port: only Zeek's port-scan rule applies.
    assertThat(scan.definitions()).containsExactly("zeek");
    assertThat(scan.targetSketch()).containsExactly(host);
  }

  @Test
  void blockScanOfASlash24OnThreePortsIsOneStrobeRecord() {
    ScanDetector d = detector();
    long t = T0;
    for (int port : new int[] {22, 80, 443}) {
      for (int host = 1; host <= 254; host++) {
        d.accept(traffic.syn(t += MILLI, SCANNER, NET + host, port));
      }
    }
    d.finish();
    assertThat(recorder.scans).hasSize(1);
    ScanRecord scan = recorder.scans.get(0);
    assertThat(scan.shape()).isEqualTo("block");
    assertThat(scan.portsScope()).isEqualTo("strobe");
    assertThat(scan.ports()).containsExactly(22, 80, 443);
    assertThat(scan.targets()).isEqualTo(254);
    assertThat(scan.packets()).isEqualTo(762);
    assertThat(scan.definitions()).containsExactly("durumeric2014", "zeek");
  }

  @Test
  void everyPortIsVanillaAndNinetyNinePercentStillIs() {
    ScanDetector d = detector();
    for (int port = 1; port <= 65535; port++) {
      d.accept(traffic.syn(T0 + port * 100_000L, SCANNER, NET + 9, port));
    }
    int other = ip(198, 51, 100, 9);
    for (int port = 1; port <= 65535; port++) {
      if (port % 128 != 0) { // 65,024 ports: 99.2 %
        d.accept(traffic.syn(T0 + port * 100_000L, other, NET + 9, port));
      }
    }
    int half = ip(198, 51, 100, 10);
    for (int port = 1; port <= 65535; port += 2) {
      d.accept(traffic.syn(T0 + port * 100_000L, half, NET + 9, port));
    }
    d.finish();
    assertThat(recorder.scans).hasSize(3);
    assertThat(recorder.scans).filteredOn(s -> s.src() == SCANNER).singleElement()
        .satisfies(s -> assertThat(s.portsScope()).isEqualTo("vanilla"))
        .satisfies(s -> assertThat(s.ports()).hasSize(65535));
    assertThat(recorder.scans).filteredOn(s -> s.src() == other).singleElement()
        .satisfies(s -> assertThat(s.portsScope()).isEqualTo("vanilla"));
    assertThat(recorder.scans).filteredOn(s -> s.src() == half).singleElement()
        .satisfies(s -> assertThat(s.portsScope()).isEqualTo("range"));
  }

  @Test
  void slowSourceOfFiveHostsIsBelowThreshold() {
    ScanDetector d = detector();
    for (int i = 0; i < 5; i++) {
      d.accept(traffic.syn(T0 + i * 30 * SECOND, SCANNER, NET + 1 + i, 23));
    }
    d.finish();
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.notScans).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("below-threshold");
      assertThat(r.src()).isEqualTo(SCANNER);
      assertThat(r.packets()).isEqualTo(5);
      assertThat(r.startNanos()).isEqualTo(T0);
      assertThat(r.endNanos()).isEqualTo(T0 + 120 * SECOND);
    });
  }

  @Test
  void slowButWideSourceMeetsZeekButNotTheDurumericRateFloor() {
    ScanDetector d = detector();
    for (int i = 0; i < 150; i++) { // 150 hosts at 1 probe/s: 100 destinations but far below 10 pps
      d.accept(traffic.syn(T0 + i * SECOND, SCANNER, NET + 1 + i, 23));
    }
    d.finish();
    assertThat(recorder.scans).singleElement().satisfies(s -> {
      assertThat(s.definitions()).containsExactly("zeek");
      assertThat(s.ratePps()).isCloseTo(1.0, within(1e-9));
    });
  }

  @Test
  void zeekCountsWithinFiveMinuteWindows() {
    ScanDetector d = detector(DetectionSettings.builder().durumericMinTargets(1000));
    // 20 hosts per window, 4 windows, one probe every 15 s (episode never idle for 480 s)
    for (int i = 0; i < 80; i++) {
      d.accept(traffic.syn(T0 + i * 15 * SECOND, SCANNER, NET + 1 + i, 23));
    }
    d.finish();
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.notScans("below-threshold")).singleElement()
        .satisfies(r -> assertThat(r.packets()).isEqualTo(80));
  }

  @Test
  void episodesSeparatedByMoreThanTheIdleTimeoutAreTwoRecords() {
    ScanDetector d = detector();
    for (int i = 0; i < 200; i++) {
      d.accept(traffic.syn(T0 + i * MILLI, SCANNER, NET + 1 + i, 80));
    }
    long second = T0 + 199 * MILLI + 481 * SECOND;
    for (int i = 0; i < 200; i++) {
      d.accept(traffic.syn(second + i * MILLI, SCANNER, NET + 1 + i, 80));
    }
    d.finish();
    assertThat(recorder.scans).hasSize(2);
    assertThat(recorder.scans.get(0).endNanos()).isEqualTo(T0 + 199 * MILLI);
    assertThat(recorder.scans.get(1).startNanos()).isEqualTo(second);
    assertThat(recorder.scans).allSatisfy(s -> assertThat(s.targets()).isEqualTo(200));
  }

  @Test
  void aPauseShorterThanTheIdleTimeoutKeepsOneEpisode() {
    ScanDetector d = detector();
    for (int i = 0; i < 200; i++) {
      d.accept(traffic.syn(T0 + i * MILLI + (i >= 100 ? 400 * SECOND : 0), SCANNER, NET + 1 + i, 80));
    }
    d.finish();
    assertThat(recorder.scans).singleElement().satisfies(s -> assertThat(s.targets()).isEqualTo(200));
  }

  @Test
  void advanceTimeEndsIdleEpisodes() {
    ScanDetector d = detector();
    for (int i = 0; i < 200; i++) {
      d.accept(traffic.syn(T0 + i * MILLI, SCANNER, NET + 1 + i, 80));
    }
    d.advanceTime(T0 + 300 * SECOND);
    assertThat(recorder.scans).isEmpty();
    assertThat(d.sourcesLive()).isEqualTo(1);
    d.advanceTime(T0 + 481 * SECOND);
    assertThat(recorder.scans).hasSize(1);
    assertThat(d.sourcesLive()).isZero();
  }

  @Test
  void mixedProtocolsGiveOneRecordPerProtocol() {
    ScanDetector d = detector();
    for (int i = 0; i < 200; i++) {
      d.accept(traffic.syn(T0 + i * MILLI, SCANNER, NET + 1 + i, 80));
      d.accept(traffic.udp(T0 + i * MILLI, SCANNER, NET + 1 + i, 40000, 161));
      d.accept(traffic.icmp(T0 + i * MILLI, SCANNER, NET + 1 + i, 8, 0));
    }
    d.finish();
    assertThat(recorder.scans).extracting(ScanRecord::proto).containsExactlyInAnyOrder("tcp", "udp", "icmp");
    assertThat(recorder.scans).filteredOn(s -> s.proto().equals("icmp")).singleElement().satisfies(s -> {
      assertThat(s.ports()).isEmpty();
      assertThat(s.shape()).isEqualTo("horizontal");
      assertThat(s.portsScope()).isEqualTo("single");
    });
    assertThat(recorder.scans).filteredOn(s -> s.proto().equals("udp")).singleElement()
        .satisfies(s -> assertThat(s.ports()).containsExactly(161));
  }

  @Test
  void backscatterIsLabelledAndNeverAScan() {
    ScanDetector d = detector();
    int victim = ip(192, 0, 2, 44);
    for (int i = 0; i < 300; i++) {
      d.accept(traffic.synAck(T0 + i * MILLI, victim, NET + 1 + i, 80, 1024 + i));
      d.accept(traffic.rst(T0 + i * MILLI, victim, NET + 1 + i, 80, 1024 + i));
      d.accept(traffic.icmp(T0 + i * MILLI, victim, NET + 1 + i, 3, 3));
      d.accept(traffic.icmp(T0 + i * MILLI, victim, NET + 1 + i, 0, 0));
    }
    d.finish();
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.notScans).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("backscatter");
      assertThat(r.src()).isEqualTo(victim);
      assertThat(r.packets()).isEqualTo(1200);
    });
    assertThat(d.notScanPackets(NotScanReason.BACKSCATTER)).isEqualTo(1200);
    assertThat(d.probes()).isZero();
  }

  @Test
  void dnsRepliesAreLabelled() {
    ScanDetector d = detector();
    int resolver = ip(192, 0, 2, 53);
    for (int i = 0; i < 500; i++) {
      d.accept(traffic.udp(T0 + i * MILLI, resolver, NET + 1 + i, 53, 30000 + i));
    }
    d.finish();
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.notScans).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("dns-reply");
      assertThat(r.packets()).isEqualTo(500);
    });
  }

  @Test
  void caidaSpoofingRulesAreLabelled() {
    ScanDetector d = detector();
    int dotZero = ip(198, 51, 100, 0);
    int dotBroadcast = ip(198, 51, 100, 255);
    int portZero = ip(198, 51, 100, 3);
    int fragments = ip(198, 51, 100, 4);
    for (int i = 0; i < 200; i++) {
      long t = T0 + i * MILLI;
      d.accept(traffic.syn(t, dotZero, NET + 1 + i, 80));
      d.accept(traffic.syn(t, dotBroadcast, NET + 1 + i, 80));
      d.accept(traffic.syn(t, NET + 1 + i, NET + 1 + i, 80)); // to itself
      d.accept(traffic.syn(t, portZero, NET + 1 + i, 0));
      d.accept(traffic.udp(t, portZero, NET + 1 + i, 0, 53));
      traffic.udp(t, fragments, NET + 1 + i, 5000, 5000).fragment = true;
      d.accept(traffic.view);
    }
    d.finish();
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.notScans).allSatisfy(r -> assertThat(r.reason()).isEqualTo("spoofed-source"));
    assertThat(recorder.notScanPackets("spoofed-source")).isEqualTo(1200);
    assertThat(recorder.notScans).filteredOn(r -> r.src() == portZero).singleElement()
        .satisfies(r -> assertThat(r.packets()).isEqualTo(400));
  }

  @Test
  void retransmissionsAreCountedButTargetsAreNot() {
    ScanDetector d = detector();
    for (int i = 0; i < 200; i++) {
      d.accept(traffic.syn(T0 + i * MILLI, SCANNER, NET + 1 + i, 22));
      d.accept(traffic.syn(T0 + i * MILLI + SECOND, SCANNER, NET + 1 + i, 22)); // same seq, 1 s later
    }
    d.finish();
    assertThat(recorder.scans).singleElement().satisfies(s -> {
      assertThat(s.targets()).isEqualTo(200);
      assertThat(s.packets()).isEqualTo(200);
    });
    assertThat(recorder.notScans).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("retransmission");
      assertThat(r.packets()).isEqualTo(200);
    });
  }

  @Test
  void aRepeatOutsideTheWindowIsAProbeAgain() {
    ScanDetector d = detector();
    d.accept(traffic.syn(T0, SCANNER, NET + 1, 22));
    d.accept(traffic.syn(T0 + 11 * SECOND, SCANNER, NET + 1, 22));
    d.finish();
    assertThat(recorder.notScans).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("below-threshold");
      assertThat(r.packets()).isEqualTo(2);
    });
  }

  @Test
  void oneSourceHammeringOneDestinationIsAFlood() {
    ScanDetector d = detector();
    for (int i = 0; i < 5000; i++) {
      d.accept(traffic.tcp(T0 + i * 100_000L, SCANNER, NET + 80, 1024 + i % 60000, 80, 0x02, i * 7919));
    }
    d.finish();
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.notScans).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("spoofed-flood");
      assertThat(r.packets()).isEqualTo(5000);
    });
  }

  @Test
  void randomlySpoofedSourcesOnOneDestinationAreAFlood() {
    ScanDetector d = detector();
    var random = new java.util.SplittableRandom(7);
    int victim = NET + 77;
    for (int i = 0; i < 200; i++) {
      int forged = ip(20 + random.nextInt(180), random.nextInt(256), random.nextInt(256), 1 + random.nextInt(254));
      d.accept(traffic.tcp(T0 + i * MILLI, forged, victim, 1024 + i, 443, 0x02, random.nextInt()));
    }
    int lone = ip(192, 0, 2, 99); // a quiet source of one probe elsewhere stays below threshold
    d.accept(traffic.syn(T0, lone, NET + 78, 443));
    d.finish();
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.notScanPackets("spoofed-flood")).isGreaterThanOrEqualTo(200 - 50);
    assertThat(recorder.notScans("below-threshold")).extracting(r -> r.src()).contains(lone);
  }

  @Test
  void trwRaisesASuspectAfterFourUnansweredFirstContacts() {
    ScanDetector d = detector();
    for (int i = 0; i < 10; i++) {
      d.accept(traffic.syn(T0 + i * MILLI, SCANNER, NET + 1 + i, 80));
    }
    assertThat(recorder.suspects).singleElement().satisfies(s -> {
      assertThat(s.src()).isEqualTo(SCANNER);
      assertThat(s.timeNanos()).isEqualTo(T0 + 3 * MILLI); // 4^4 = 256 >= 99, 4^3 = 64 < 99
      assertThat(s.likelihoodRatio()).isCloseTo(256.0, within(1e-6));
    });
    d.finish();
    assertThat(recorder.notScans("below-threshold")).hasSize(1); // a suspect is not a scan
  }

  @Test
  void trwNamesNoSuspectWhenDestinationsAnswer() {
    ScanDetector d = detector();
    int client = ip(198, 51, 100, 20);
    for (int i = 0; i < 60; i++) {
      int server = NET + 1 + i;
      d.accept(traffic.syn(T0 + i * SECOND, client, server, 443));
      d.accept(traffic.synAck(T0 + i * SECOND + MILLI, server, client, 443, 54321));
    }
    d.finish();
    assertThat(recorder.suspects).isEmpty();
    assertThat(d.replies()).isEqualTo(60);
    assertThat(recorder.notScans("backscatter")).isEmpty();
  }

  /** A client's connections: SYN, the server's SYN-ACK, then the client's ACK, data and FIN, and the server's. */
  @Test
  void aClientsOwnAcksAndFinsAreItsConnectionNotBackscatter() {
    ScanDetector d = detector();
    int client = ip(198, 51, 100, 21);
    for (int i = 0; i < 3; i++) {
      int server = NET + 1 + i;
      long t = T0 + i * SECOND;
      int port = 50000 + i;
      d.accept(traffic.tcp(t, client, server, port, 443, 0x02, 1000 + i));
      d.accept(traffic.tcp(t + MILLI, server, client, 443, port, 0x12, 7000)); // SYN-ACK: a reply
      d.accept(traffic.tcp(t + 2 * MILLI, client, server, port, 443, 0x10, 1001 + i)); // ACK
      d.accept(traffic.tcp(t + 3 * MILLI, client, server, port, 443, 0x18, 1001 + i)); // PSH-ACK
      d.accept(traffic.tcp(t + 4 * MILLI, server, client, 443, port, 0x18, 7001)); // the server's data
      d.accept(traffic.tcp(t + 5 * MILLI, client, server, port, 443, 0x11, 1100 + i)); // FIN-ACK
      d.accept(traffic.tcp(t + 6 * MILLI, server, client, 443, port, 0x11, 7100)); // the server's FIN-ACK
      d.accept(traffic.tcp(t + 7 * MILLI, client, server, port, 443, 0x10, 1101 + i)); // last ACK
    }
    d.finish();
    assertThat(recorder.notScans("backscatter")).isEmpty();
    assertThat(recorder.notScans("connection")).singleElement().satisfies(r -> {
      assertThat(r.src()).isEqualTo(client);
      assertThat(r.packets()).isEqualTo(3 * 4);
    });
    assertThat(recorder.notScans("below-threshold")).singleElement()
        .satisfies(r -> assertThat(r.packets()).isEqualTo(3));
    assertThat(d.notScanPackets(NotScanReason.CONNECTION)).isEqualTo(12);
    assertThat(d.replies()).isEqualTo(9);
  }

  @Test
  void answersFromSourcesThatSentNoSynToThatDestinationStayBackscatter() {
    ScanDetector d = detector();
    int client = ip(198, 51, 100, 22);
    int victim = ip(192, 0, 2, 45);
    d.accept(traffic.tcp(T0, client, NET + 1, 50000, 443, 0x02, 1));
    d.accept(traffic.tcp(T0 + MILLI, client, NET + 2, 50001, 443, 0x10, 2)); // an ACK to a host it never SYNed
    d.accept(traffic.tcp(T0 + 2 * MILLI, client, NET + 1, 50000, 443, 0x12, 3)); // a SYN-ACK is no client's
    d.accept(traffic.synAck(T0 + 3 * MILLI, victim, NET + 1, 80, 1024));
    d.accept(traffic.rst(T0 + 4 * MILLI, victim, NET + 2, 80, 1025));
    d.accept(traffic.tcp(T0 + 5 * MILLI, victim, NET + 3, 80, 1026, 0x10, 4));
    d.accept(traffic.icmp(T0 + 6 * MILLI, victim, NET + 4, 3, 3));
    // once the client's episode has ended (idle past the timeout), its ACKs to NET + 1 are backscatter again
    d.accept(traffic.tcp(T0 + 600 * SECOND, client, NET + 1, 50000, 443, 0x10, 5));
    d.finish();
    assertThat(recorder.notScans("connection")).isEmpty();
    assertThat(d.notScanPackets(NotScanReason.CONNECTION)).isZero();
    assertThat(recorder.notScans("backscatter").stream().filter(r -> r.src() == client)
        .mapToLong(r -> r.packets()).sum()).isEqualTo(3);
    assertThat(recorder.notScans("backscatter").stream().filter(r -> r.src() == victim)
        .mapToLong(r -> r.packets()).sum()).isEqualTo(4);
  }

  @Test
  void aSlowSourceWithEnoughTargetsIsHandedOverAsACandidateAndStaysBelowThreshold() {
    ScanDetector d = detector();
    for (int i = 0; i < 20; i++) { // 20 hosts, one a minute: below every definition
      d.accept(traffic.udp(T0 + i * 60 * SECOND, SCANNER, NET + 1 + i * 3, 40000, 5060));
    }
    int quiet = ip(198, 51, 100, 30);
    for (int i = 0; i < 5; i++) { // too few targets to show a split
      d.accept(traffic.udp(T0 + i * 60 * SECOND, quiet, NET + 2 + i * 3, 40000, 5060));
    }
    d.finish();
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.candidates).singleElement().satisfies(c -> {
      assertThat(c.src()).isEqualTo(SCANNER);
      assertThat(c.proto()).isEqualTo("udp");
      assertThat(c.definitions()).isEmpty();
      assertThat(c.ports()).containsExactly(5060);
      assertThat(c.targets()).isEqualTo(20);
      assertThat(c.packets()).isEqualTo(20);
      assertThat(c.targetSketch()).hasSize(20);
      assertThat(c.startNanos()).isEqualTo(T0);
      assertThat(c.endNanos()).isEqualTo(T0 + 19 * 60 * SECOND);
    });
    assertThat(recorder.notScans("below-threshold")).extracting(r -> r.src()).containsExactlyInAnyOrder(SCANNER,
        quiet);
    assertThat(d.statistics()).containsEntry("candidates", 1L).containsEntry("candidatesDropped", 0L);
  }

  @Test
  void candidatesAreBoundedAndWhatIsDroppedIsCounted() {
    ScanDetector d = detector(DetectionSettings.builder().maxCandidates(2));
    for (int s = 0; s < 5; s++) {
      for (int i = 0; i < 16; i++) {
        d.accept(traffic.udp(T0 + i * 60 * SECOND, ip(198, 51, 100, 40 + s), NET + 1 + i * 5 + s, 40000, 5060));
      }
    }
    int hammer = ip(198, 51, 100, 60); // a flood is not a candidate
    for (int i = 0; i < 500; i++) {
      d.accept(traffic.tcp(T0 + i * MILLI, hammer, NET + 80, 1024 + i, 80, 0x02, i * 7919));
    }
    d.finish();
    assertThat(recorder.candidates).hasSize(2);
    assertThat(d.candidatesDropped()).isEqualTo(3);
    assertThat(recorder.notScans("below-threshold")).hasSize(5);
    assertThat(recorder.notScans("spoofed-flood")).singleElement().satisfies(r -> assertThat(r.src())
        .isEqualTo(hammer));
  }

  @Test
  void evictionUnderATinyCapIsCountedAndBounded() {
    ScanDetector d = detector(DetectionSettings.builder().maxSources(10).maxNotScanSources(10));
    for (int i = 0; i < 1000; i++) {
      d.accept(traffic.syn(T0 + i * MILLI, ip(100, 64, i >> 7, 1 + (i & 0x7F)), NET + 1, 80));
      assertThat(d.sourcesLive()).isLessThanOrEqualTo(10);
    }
    assertThat(d.evicted()).isEqualTo(990);
    long bytes = d.stateBytes();
    for (int i = 1000; i < 5000; i++) {
      d.accept(traffic.syn(T0 + i * MILLI, ip(100, 65, i >> 7, 1 + (i & 0x7F)), NET + 1, 80));
    }
    assertThat(d.stateBytes()).isEqualTo(bytes);
    d.finish();
    assertThat(d.evicted()).isEqualTo(4990);
    assertThat(recorder.notScans).hasSize(5000);
    assertThat(d.statistics()).containsEntry("sourcesEvicted", 4990L).containsEntry("sourcesPeak", 10L);
  }

  @Test
  void telescopeExtrapolation() {
    List<Prefix> telescope = List.of(Prefix.parse("10.0.0.0/16"), Prefix.parse("10.0.128.0/24"));
    ScanDetector d = detector(DetectionSettings.builder().telescopePrefixes(telescope));
    for (int i = 0; i < 1000; i++) { // 1000 targets inside at 100 pps, then 101 outside
      d.accept(traffic.syn(T0 + i * 10 * MILLI, SCANNER, NET + 1 + i, 23));
    }
    for (int i = 0; i < 101; i++) {
      d.accept(traffic.syn(T0 + (1000 + i) * 10 * MILLI, SCANNER, ip(11, 0, 0, 1 + i), 23));
    }
    d.finish();
    assertThat(recorder.scans).singleElement().satisfies(s -> {
      assertThat(s.targets()).isEqualTo(1101);
      assertThat(s.ratePps()).isCloseTo(100.0, within(1e-9));
      assertThat(s.coverage()).isCloseTo(1000.0 / 65536, within(1e-12)); // the /24 lies inside the /16
      assertThat(s.internetRatePps()).isCloseTo(100.0 * 65536, within(1e-6));
    });
    assertThat(d.settings().describe()).containsEntry("telescopeSize", 65536L);
  }
}
