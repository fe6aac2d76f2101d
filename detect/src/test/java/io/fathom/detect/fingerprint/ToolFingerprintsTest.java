package io.fathom.detect.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.PacketView;
import io.fathom.detect.fingerprint.ProbeStreams.Kind;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToolFingerprintsTest {
  private static ToolVerdict verdictOf(List<PacketView> probes) {
    ToolObserver observer = ToolFingerprints.newObserver();
    probes.forEach(observer::observe);
    return observer.verdict();
  }

  /** The ids of every fingerprint whose evidence would qualify on its own. */
  private static List<String> qualifying(List<PacketView> probes) {
    List<String> ids = new ArrayList<>();
    for (ToolFingerprint fingerprint : ToolFingerprints.all()) {
      ToolFingerprint.Tracker tracker = fingerprint.newTracker();
      probes.forEach(tracker::observe);
      if (ToolFingerprints.qualifies(tracker)) {
        ids.add(fingerprint.id());
      }
    }
    return ids;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void identifiesEachToolWithHighConfidence(Kind kind) {
    ToolVerdict verdict = verdictOf(ProbeStreams.stream(kind, 1000, kind.ordinal() * 31L + 7));

    assertThat(verdict.tool()).isEqualTo(kind.tool);
    assertThat(verdict.fingerprint()).isEqualTo(kind.fingerprint);
    assertThat(verdict.confidence()).isGreaterThan(0.95);
    assertThat(verdict.evidence()).isNotEmpty().allMatch(line -> line.matches(".* in \\d+ of \\d+ .*"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void eachStreamMatchesOnlyItsOwnFingerprint(Kind kind) {
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(qualifying(ProbeStreams.stream(kind, 500, seed))).containsExactly(kind.fingerprint);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void toleratesTheHopsOfAnInternetPath(Kind kind) {
    assertThat(verdictOf(ProbeStreams.stream(kind, 300, 99, 20)).fingerprint()).isEqualTo(kind.fingerprint);
  }

  @Test
  void zmapEvidenceCarriesFigures() {
    List<PacketView> probes = ProbeStreams.stream(Kind.ZMAP_OLD, 1000, 3);
    probes.get(10).ipId = 1;
    probes.get(20).ipId = 2;

    ToolVerdict verdict = verdictOf(probes);

    assertThat(verdict.version()).isEqualTo("<=4.0");
    assertThat(verdict.evidence()).contains("IP ID 54321 in 998 of 1000 SYN probes");
  }

  @Test
  void anOrdinaryLinuxClientIsUnknown() {
    List<PacketView> probes = ProbeStreams.linuxClient(2000, 11);

    assertThat(qualifying(probes)).isEmpty();
    assertThat(verdictOf(probes)).isEqualTo(ToolVerdict.UNKNOWN);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void tooFewProbesAreUnknown(Kind kind) {
    assertThat(verdictOf(ProbeStreams.stream(kind, ToolFingerprints.MIN_PROBES - 1, 5)))
        .isEqualTo(ToolVerdict.UNKNOWN);
  }

  @Test
  void theFewestProbesGiveALowConfidence() {
    ToolVerdict verdict = verdictOf(ProbeStreams.stream(Kind.MASSCAN, ToolFingerprints.MIN_PROBES, 5));

    assertThat(verdict.tool()).isEqualTo("masscan");
    assertThat(verdict.confidence()).isEqualTo(0.5);
  }

  @Test
  void mixedStreamsAreUnknown() {
    Kind[] kinds = Kind.values();
    for (int i = 0; i < kinds.length; i++) {
      Kind a = kinds[i];
      Kind b = kinds[(i + 3) % kinds.length];
      List<PacketView> mixed =
          ProbeStreams.interleave(ProbeStreams.stream(a, 500, 1), ProbeStreams.stream(b, 500, 2));
      assertThat(verdictOf(mixed)).as("%s with %s", a, b).isEqualTo(ToolVerdict.UNKNOWN);
    }
  }

  @Test
  void aToolStreamDilutedByHalfClientTrafficIsUnknown() {
    List<PacketView> mixed = ProbeStreams.interleave(
        ProbeStreams.stream(Kind.MASSCAN, 500, 1), ProbeStreams.linuxClient(500, 2));

    assertThat(verdictOf(mixed)).isEqualTo(ToolVerdict.UNKNOWN);
  }

  @Test
  void aFewStrayProbesStillLeaveAClearMajority() {
    List<PacketView> mixed = new ArrayList<>(ProbeStreams.stream(Kind.MASSCAN, 950, 1));
    mixed.addAll(ProbeStreams.linuxClient(50, 2));

    ToolVerdict verdict = verdictOf(mixed);

    assertThat(verdict.tool()).isEqualTo("masscan");
    assertThat(verdict.confidence()).isBetween(0.9, 0.95);
  }

  @Test
  void confidenceGrowsWithEvidence() {
    double previous = 0;
    for (int count : new int[] {5, 10, 50, 200, 1000}) {
      ToolVerdict verdict = verdictOf(ProbeStreams.stream(Kind.NMAP, count + 1, 17));
      assertThat(verdict.tool()).isEqualTo("nmap");
      assertThat(verdict.confidence()).isGreaterThan(previous);
      previous = verdict.confidence();
    }
    assertThat(previous).isGreaterThan(0.99);
  }

  @Test
  void packetsOtherThanSynProbesAreIgnored() {
    List<PacketView> probes = ProbeStreams.stream(Kind.ZMAP_OLD, 3, 1);
    for (int i = 0; i < 100; i++) {
      PacketView reply = ProbeStreams.stream(Kind.ZMAP_OLD, 1, i).getFirst();
      reply.tcpFlags = 0x12;
      probes.add(reply);
      PacketView udp = ProbeStreams.stream(Kind.ZMAP_OLD, 1, i).getFirst();
      udp.protocol = PacketView.PROTO_UDP;
      probes.add(udp);
    }
    assertThat(verdictOf(probes)).isEqualTo(ToolVerdict.UNKNOWN);
  }

  @Test
  void registryIsOneListWithUniqueIds() {
    List<ToolFingerprint> all = ToolFingerprints.all();
    Set<String> ids = new HashSet<>();
    for (ToolFingerprint fingerprint : all) {
      assertThat(ids.add(fingerprint.id())).as(fingerprint.id()).isTrue();
      assertThat(fingerprint.id()).matches("[a-z0-9-]+/\\d+");
      assertThat(fingerprint.tool()).isNotBlank();
    }
    assertThat(ids).hasSize(8);
    assertThat(ToolFingerprints.all()).isSameAs(all);
  }

  @Test
  void observingAllocatesNothingAndStateDoesNotGrow() {
    PacketView[] probes = ProbeStreams.stream(Kind.MASSCAN, 1024, 5).toArray(PacketView[]::new);
    ToolObserver observer = ToolFingerprints.newObserver();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    for (int i = 0; i < 200_000; i++) {
      observer.observe(probes[i & 1023]);
    }

    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 1_000_000; i++) {
      observer.observe(probes[i & 1023]);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    assertThat(allocated).isLessThan(16 * 1024);
    ToolVerdict verdict = observer.verdict();
    assertThat(verdict.tool()).isEqualTo("masscan");
    assertThat(verdict.evidence()).contains("IP ID == (dst ^ dport ^ seq) & 0xFFFF in 1200000 of 1200000 SYN probes");
  }
}
