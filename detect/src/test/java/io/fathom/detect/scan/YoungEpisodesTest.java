package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.PacketView;
import io.fathom.detect.ScanRecord;
import io.fathom.detect.fingerprint.ToolFingerprints;
import io.fathom.detect.fingerprint.ToolObserver;
import io.fathom.detect.fingerprint.ToolVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Young episodes keep their first probes as records and replay them into a {@link SourceState} on the next one:
 * a detector doing so must report exactly what one that gives every episode a state from its first probe
 * reports, down to every field its tool observers see. Random traffic (seeded): scanners, sources at the young
 * limit's edges, noise, replies, own connections, retransmissions, UDP and ICMP, idle gaps that end episodes, a
 * source cap that evicts and single-target floods.
 */
class YoungEpisodesTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  @Test
  void keepingFirstProbesAsRecordsChangesNoResult() {
    for (long seed = 1; seed <= 12; seed++) {
      DetectionSettings.Builder settings = DetectionSettings.builder().observers(DigestObserver::new);
      if (seed % 3 == 0) {
        settings.maxSources(40).maxNotScanSources(40); // evictions
      }
      if (seed % 5 == 0) {
        settings.floodPacketsPerPort(3); // young single-target sources become floods
      }
      if (seed % 4 == 0) {
        settings.zeekAddressScanThreshold(6).zeekPortScanThreshold(5).candidateMinTargets(4); // a smaller limit
      }
      DetectionSettings s = settings.build();
      Twins twins = new Twins(s);
      for (PacketView p : traffic(seed)) {
        twins.accept(p);
      }
      twins.finish();

      assertThat(twins.young.scans).as("seed %d", seed).isNotEmpty();
      assertThat(twins.young.scans).as("seed %d: ZMap-like scanners named", seed).anyMatch(r -> r.tool().equals("zmap"));
      if (seed % 5 == 0) {
        assertThat(twins.young.notScans("spoofed-flood")).as("seed %d", seed).isNotEmpty();
      }
      twins.assertSameOutcome("seed " + seed);
    }
  }

  @Test
  void probesKeptAcrossManyPagesOfThePoolReplayWhole() {
    // 20,000 sources keep 14 probes each at once (60,000 chunks, over 17 MB: the first page grows, eight more
    // follow); then every seventh sends 28 more to new hosts on one port, meets Zeek's definition, and its scan's
    // evidence digests every field of all its probes, the first 14 replayed from wherever they were kept.
    DetectionSettings s = DetectionSettings.builder().observers(DigestObserver::new).build();
    Twins twins = new Twins(s);
    SplittableRandom random = new SplittableRandom(5);
    int sources = 20_000;
    long time = T0;
    for (int k = 0; k < 42; k++) {
      for (int i = 0; i < sources; i++) {
        if (k >= 14 && i % 7 != 0) {
          continue;
        }
        PacketView p = new PacketView().clear();
        p.timestampNanos = time += 1_000;
        p.srcIp = Traffic.ip(10, 2 + i / 60_000, i / 250 % 240, 1 + i % 250);
        p.dstIp = Traffic.ip(198, 18, k, 1 + random.nextInt(254));
        p.protocol = PacketView.PROTO_TCP;
        p.tcpFlags = 0x02;
        p.srcPort = 1024 + random.nextInt(60000);
        p.dstPort = k < 14 ? 1 + random.nextInt(30) : 23;
        p.seq = random.nextInt();
        p.ipId = random.nextInt(65536);
        p.ttl = 40 + random.nextInt(30);
        p.window = random.nextBoolean() ? 65535 : 1024;
        p.ipLength = 44;
        p.tcpOptionsLength = 4;
        p.tcpOptionKinds = 0x02;
        p.mss = 1460;
        twins.accept(p);
      }
    }
    twins.finish();
    assertThat(twins.young.scans).hasSize((sources + 6) / 7);
    twins.assertSameOutcome("young limit");
  }

  /**
   * Episodes that end young with probes enough for a definition: one host on Zeek's fifteen ports (a vertical scan),
   * sixteen hosts on one port (a candidate), and fifteen probes to fifteen hosts (neither: below threshold), each
   * sent by the source in the pattern of the one before but at the young limit's edge, ended by the idle timeout or
   * by the capture's end, reported as a detector with a state from the first probe reports them.
   */
  @Test
  void episodesEndingYoungWithProbesEnoughForADefinitionAreReportedInFull() {
    DetectionSettings s = DetectionSettings.builder().observers(DigestObserver::new).build();
    Twins twins = new Twins(s);
    long time = T0;
    int[][] shapes = {{1, 15}, {16, 1}, {15, 1}, {1, ScanDetector.LAZY_PROBES}, {ScanDetector.LAZY_PROBES, 1}};
    for (int round = 0; round < 2; round++) {
      for (int k = 0; k < shapes.length; k++) {
        int hosts = shapes[k][0];
        int ports = shapes[k][1];
        for (int h = 0; h < hosts; h++) {
          for (int port = 0; port < ports; port++) {
            PacketView p = new PacketView().clear();
            p.timestampNanos = time += 1_000_000;
            p.srcIp = Traffic.ip(10, 9, round, 1 + k);
            p.dstIp = Traffic.ip(198, 18, 7, 1 + h);
            p.protocol = PacketView.PROTO_TCP;
            p.tcpFlags = 0x02;
            p.srcPort = 40_000 + h;
            p.dstPort = 1000 + port;
            p.seq = h * 65_536 + port;
            p.ipLength = 40;
            p.window = 1024;
            twins.accept(p);
          }
        }
      }
      if (round == 0) { // the first round ends by the idle timeout, the second by the capture's end
        time += s.idleTimeoutNanos() + s.sweepIntervalNanos() + 1;
        twins.advanceTime(time);
      }
    }
    twins.finish();
    assertThat(twins.young.scans).extracting(r -> r.shape() + " " + r.definitions())
        .containsExactly("vertical [zeek]", "vertical [zeek]", "vertical [zeek]", "vertical [zeek]");
    assertThat(twins.young.candidates).hasSize(4);
    twins.assertSameOutcome("ending young");
  }

  @Test
  void sweepsSkippingRecentEntriesEndTheEpisodesThatReadingEveryEntryEnds() {
    long expired = 0;
    for (long seed = 21; seed <= 28; seed++) {
      DetectionSettings.Builder settings = DetectionSettings.builder().observers(DigestObserver::new);
      if (seed % 4 == 0) {
        // more sweeps to a timeout
        settings.idleTimeoutNanos(40_000_000_000L).sweepIntervalNanos(5_000_000_000L);
      } else if (seed % 4 == 2) {
        // sweeps further apart than epochs a hundredth of the timeout can span: epochs of the sweep interval
        settings.idleTimeoutNanos(40_000_000_000L).sweepIntervalNanos(30_000_000_000L);
      }
      DetectionSettings s = settings.build();
      Recorder skipping = new Recorder();
      Recorder reading = new Recorder();
      ScanDetector fast = new ScanDetector(s, skipping);
      ScanDetector reference = new ScanDetector(s, reading).sweepEveryEntry();
      for (PacketView p : traffic(seed)) {
        fast.accept(p);
        reference.accept(p);
      }
      // idle episodes ended by the sweeps, before the end of the capture ends the rest
      expired += (long) fast.statistics().get("episodesExpired");
      fast.finish();
      reference.finish();
      assertSameOutcome("seed " + seed, skipping, fast, reading, reference);
    }
    assertThat(expired).isGreaterThan(100);
  }

  /**
   * As above with thousands of sources live at once, so that a sweep passes over many blocks of entries (whose idle
   * candidates it loads ahead), and time that moves on steadily, so that episodes end at every sweep rather than
   * after a pause that makes a sweep read every entry.
   */
  @Test
  void sweepsOverThousandsOfLiveSourcesEndWhatReadingEveryEntryEnds() {
    DetectionSettings s = DetectionSettings.builder().observers(DigestObserver::new)
        .idleTimeoutNanos(40 * Traffic.SECOND).sweepIntervalNanos(5 * Traffic.SECOND).build();
    Recorder skipping = new Recorder();
    Recorder reading = new Recorder();
    ScanDetector fast = new ScanDetector(s, skipping);
    ScanDetector reference = new ScanDetector(s, reading).sweepEveryEntry();
    SplittableRandom random = new SplittableRandom(29);
    int live = 1500;
    int[] src = new int[live];
    int[] budget = new int[live];
    long time = T0;
    for (int n = 0; n < 60_000; n++) {
      time += random.nextLong(40_000_000L);
      int i = random.nextInt(live);
      if (budget[i] == 0) {
        src[i] = Traffic.ip(10, 1 + random.nextInt(200), random.nextInt(256), 1 + random.nextInt(254));
        budget[i] = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 15);
      }
      budget[i]--;
      PacketView p = new PacketView().clear();
      p.timestampNanos = time;
      p.srcIp = src[i];
      p.dstIp = Traffic.ip(198, 18, random.nextInt(4), 1 + random.nextInt(254));
      p.protocol = PacketView.PROTO_TCP;
      p.tcpFlags = 0x02;
      p.srcPort = 40_000 + i;
      p.dstPort = random.nextInt(3) == 0 ? 23 : 80;
      p.seq = random.nextInt();
      p.ttl = 50;
      p.ipLength = 40;
      p.window = 1024;
      fast.accept(p);
      reference.accept(p);
    }
    long expired = (long) fast.statistics().get("episodesExpired");
    long peak = (long) fast.statistics().get("sourcesPeak");
    fast.finish();
    reference.finish();
    assertThat(expired).isGreaterThan(5_000);
    assertThat(peak).isGreaterThan(ScanDetector.SWEEP_BLOCK); // a table of several blocks
    assertSameOutcome("thousands of sources", skipping, fast, reading, reference);
  }

  /** A listener that keeps no not-scan record is given none, and every count and every scan stay the same. */
  @Test
  void aListenerThatKeepsNoNotScansChangesNoCount() {
    DetectionSettings s = DetectionSettings.builder().observers(DigestObserver::new).build();
    Recorder keeping = new Recorder();
    Recorder dropping = new Recorder() {
      @Override
      public boolean keepsNotScans() {
        return false;
      }
    };
    ScanDetector withRecords = new ScanDetector(s, keeping);
    ScanDetector withoutRecords = new ScanDetector(s, dropping);
    for (PacketView p : traffic(3)) {
      withRecords.accept(p);
      withoutRecords.accept(p);
    }
    withRecords.finish();
    withoutRecords.finish();
    assertThat(keeping.notScans).hasSizeGreaterThan(10);
    assertThat(dropping.notScans).isEmpty();
    assertThat(withoutRecords.notScanRecords()).isEqualTo(keeping.notScans.size());
    assertThat(describe(dropping.scans)).isEqualTo(describe(keeping.scans));
    assertThat(counters(withoutRecords)).isEqualTo(counters(withRecords));
  }

  /**
   * More shapes than the young records' table keeps ({@link ProbeShapes#MAX_SHAPES}): 70,000 sources of three
   * probes, each source a shape of its own (an MSS, an options length, a header length), so that the table fills and
   * the later sources' probes cannot be kept young; the outcome is still that of a detector giving every episode a
   * state from its first probe.
   */
  @Test
  void sourcesOfMoreShapesThanAreKeptChangeNoResult() {
    DetectionSettings s = DetectionSettings.builder().observers(DigestObserver::new).build();
    Twins twins = new Twins(s);
    long time = T0;
    int sources = ProbeShapes.MAX_SHAPES + 4_464;
    for (int n = 0; n < 3; n++) {
      for (int i = 0; i < sources; i++) {
        PacketView p = new PacketView().clear();
        p.timestampNanos = time += 1_000;
        p.srcIp = Traffic.ip(10, i / 62_500, i / 250 % 250, 1 + i % 250);
        p.dstIp = Traffic.ip(198, 18, n, 1 + (i & 0x7F));
        p.protocol = PacketView.PROTO_TCP;
        p.ttl = 50;
        p.ipId = i & 0xFFFF;
        p.srcPort = 40_000 + n;
        p.dstPort = 22;
        p.tcpFlags = 0x02;
        p.seq = i * 7919 + n;
        p.window = 1024;
        p.mss = i & 0xFFFF;
        p.tcpOptionKinds = 0x02;
        p.tcpOptionsLength = 4 + 4 * (i >>> 16);
        p.ipLength = 40 + p.tcpOptionsLength;
        twins.accept(p);
      }
    }
    twins.finish();
    assertThat(twins.young.notScans).hasSizeGreaterThan(sources / 2);
    twins.assertSameOutcome("shapes beyond the table");
  }

  /**
   * A young episode's probes are its records, not in the retransmission filter: one that ends while a repeat of its
   * probes can still come (evicted at the source cap, or idle past a timeout shorter than the retransmission window)
   * leaves them to the filter, and the source's next episode asks it, so the repeats that follow are retransmissions
   * (a destination the new episode has probed too, and one it has not), as for a detector that gives every probe to
   * the filter.
   */
  @Test
  void repeatsAfterAnEpisodeEndedAreStillRetransmissions() {
    int a = Traffic.ip(203, 0, 113, 10);
    for (boolean evict : new boolean[] {true, false}) {
      DetectionSettings s = evict ? DetectionSettings.builder().maxSources(2).build()
          : DetectionSettings.builder().idleTimeoutNanos(2 * Traffic.SECOND).build(); // the window is 10 s
      Twins twins = new Twins(s);
      Traffic traffic = new Traffic(); // its views are reused: each is given to both detectors at once
      long t = T0;
      for (int d = 1; d <= 3; d++) {
        twins.accept(traffic.syn(t += 1_000, a, Traffic.ip(198, 18, 0, d), 22));
      }
      t += 3 * Traffic.SECOND;
      if (evict) { // two other sources: the cap of two ends the stalest, a
        twins.accept(traffic.syn(t += 1_000, Traffic.ip(203, 0, 113, 11), Traffic.ip(198, 18, 1, 1), 22));
        twins.accept(traffic.syn(t += 1_000, Traffic.ip(203, 0, 113, 12), Traffic.ip(198, 18, 1, 2), 22));
      }
      twins.accept(traffic.syn(t += 1_000, a, Traffic.ip(198, 18, 0, 2), 22)); // a repeat, first of a new episode
      twins.accept(traffic.syn(t += 1_000, a, Traffic.ip(198, 18, 0, 9), 22)); // new
      twins.accept(traffic.syn(t += 1_000, a, Traffic.ip(198, 18, 0, 1), 22)); // repeats the new episode's
      twins.accept(traffic.syn(t += 1_000, a, Traffic.ip(198, 18, 0, 3), 22)); //   records rule out
      twins.finish();
      String label = evict ? "evicted" : "idle";
      assertThat(twins.withYoung.notScanPackets(NotScanReason.RETRANSMISSION)).as(label).isEqualTo(3);
      twins.assertSameOutcome(label);
    }
  }

  /** The built-in fingerprints, with a digest of every field of every probe observed, in order, as evidence. */
  static final class DigestObserver implements ToolObserver {
    private final ToolObserver fingerprints = ToolFingerprints.newObserver();
    private long digest = 17;
    private long seen;

    @Override
    public void observe(PacketView p) {
      fingerprints.observe(p);
      seen++;
      long[] fields = {p.timestampNanos, p.srcIp, p.dstIp, p.protocol, p.ttl, p.ipId, p.ipLength,
          p.fragment ? 1 : 0, p.srcPort, p.dstPort, p.tcpFlags, p.seq, p.ack, p.window, p.tcpOptionsLength,
          p.tcpOptionKinds, p.mss, p.payloadLength, p.icmpType, p.icmpCode};
      for (long field : fields) {
        digest = digest * 1_000_003L + field;
      }
    }

    @Override
    public ToolVerdict verdict() {
      ToolVerdict v = fingerprints.verdict();
      List<String> evidence = new ArrayList<>(v.evidence());
      evidence.add("digest " + Long.toHexString(digest) + " of " + seen + " probes");
      return new ToolVerdict(v.tool(), v.version(), v.fingerprint(), v.confidence(), evidence);
    }
  }

  /** A detector that keeps young episodes' first probes as records, and one that gives every episode a state. */
  private static final class Twins {
    final Recorder young = new Recorder();
    final Recorder eager = new Recorder();
    final ScanDetector withYoung;
    final ScanDetector withoutYoung;

    Twins(DetectionSettings s) {
      withYoung = new ScanDetector(s, young);
      withoutYoung = new ScanDetector(s, eager, 0);
    }

    void accept(PacketView p) {
      withYoung.accept(p);
      withoutYoung.accept(p);
    }

    void advanceTime(long nanos) {
      withYoung.advanceTime(nanos);
      withoutYoung.advanceTime(nanos);
    }

    void finish() {
      withYoung.finish();
      withoutYoung.finish();
    }

    void assertSameOutcome(String label) {
      YoungEpisodesTest.assertSameOutcome(label, young, withYoung, eager, withoutYoung);
    }
  }

  /** Two detectors fed the same packets ended with the same records of every kind and the same counters. */
  static void assertSameOutcome(String label, Recorder actual, ScanDetector actualDetector, Recorder expected,
      ScanDetector expectedDetector) {
    assertThat(describe(actual.scans)).as("scans, %s", label).isEqualTo(describe(expected.scans));
    assertThat(describe(actual.candidates)).as("candidates, %s", label).isEqualTo(describe(expected.candidates));
    assertThat(actual.notScans).as("not-scans, %s", label).isEqualTo(expected.notScans);
    assertThat(actual.suspects).as("suspects, %s", label).isEqualTo(expected.suspects);
    assertThat(counters(actualDetector)).as("counters, %s", label).isEqualTo(counters(expectedDetector));
  }

  static Map<String, Object> counters(ScanDetector d) {
    Map<String, Object> out = new TreeMap<>(d.statistics());
    out.remove("stateBytes");
    out.remove("retransmitCacheSize"); // sized by the probes it is given: a young episode's are its records
    return out;
  }

  static List<String> describe(List<ScanRecord> records) {
    List<String> out = new ArrayList<>();
    for (ScanRecord r : records) {
      out.add(r.src() + " " + r.proto() + " " + Arrays.toString(r.ports()) + " targets " + r.targets() + " packets "
          + r.packets() + " " + r.shape() + " " + r.portsScope() + " " + r.tool() + " " + r.toolVersion() + " "
          + r.confidence() + " " + r.evidence() + " " + r.startNanos() + "-" + r.endNanos() + " " + r.ratePps() + " "
          + r.definitions() + " " + Arrays.toString(r.targetSketch()));
    }
    return out;
  }

  /** A few thousand packets in time order, each a fresh view. */
  static List<PacketView> traffic(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PacketView> out = new ArrayList<>();
    int sources = 60;
    int[] src = new int[sources];
    int[] budget = new int[sources];
    int[] style = new int[sources];
    for (int i = 0; i < sources; i++) {
      src[i] = Traffic.ip(10, 1 + random.nextInt(200), random.nextInt(256), 1 + random.nextInt(254));
      style[i] = random.nextInt(7);
      // around the young limit (17), around the fewest probes that meet a definition (15), and well past both
      budget[i] = switch (style[i]) {
        case 0 -> 200 + random.nextInt(400);
        case 1 -> ScanDetector.LAZY_PROBES - 2 + random.nextInt(6);
        case 2 -> 13 + random.nextInt(5);
        default -> 1 + random.nextInt(30);
      };
    }
    long time = T0;
    List<PacketView> sent = new ArrayList<>();
    for (int n = 0; n < 12_000; n++) {
      time += random.nextInt(500) == 0 ? random.nextLong(3_000_000_000L) : random.nextLong(1_000_000L);
      if (random.nextInt(4000) == 0) {
        time += 600L * Traffic.SECOND; // past the idle timeout: episodes end, sources start again
      }
      int i = random.nextInt(sources);
      if (random.nextBoolean()) { // half of the probes from the scanners
        for (int tries = 0; tries < 8 && style[i] != 0; tries++) {
          i = random.nextInt(sources);
        }
      }
      if (budget[i] == 0) {
        src[i] = Traffic.ip(10, 1 + random.nextInt(200), random.nextInt(256), 1 + random.nextInt(254));
        budget[i] = 1 + random.nextInt(40);
      }
      int roll = random.nextInt(100);
      if (roll < 6 && !sent.isEmpty()) { // an answer from a probed destination, or a connection's next segment
        PacketView probe = sent.get(random.nextInt(sent.size()));
        PacketView p = copy(probe, time);
        if (probe.protocol == PacketView.PROTO_TCP && random.nextBoolean()) {
          p.srcIp = probe.dstIp;
          p.dstIp = probe.srcIp;
          p.srcPort = probe.dstPort;
          p.dstPort = probe.srcPort;
          p.tcpFlags = random.nextBoolean() ? 0x12 : 0x14;
        } else if (probe.protocol == PacketView.PROTO_TCP) {
          p.tcpFlags = 0x10; // the prober's own ACK
        } else {
          p.srcIp = probe.dstIp;
          p.dstIp = probe.srcIp;
          p.icmpType = 0;
          p.srcPort = probe.dstPort;
          p.dstPort = probe.srcPort;
        }
        out.add(p);
        continue;
      }
      if (roll < 10 && !sent.isEmpty()) { // a retransmission, soon or late
        out.add(copy(sent.get(Math.max(0, sent.size() - 1 - random.nextInt(20))), time));
        continue;
      }
      budget[i]--;
      PacketView p = new PacketView().clear();
      p.timestampNanos = time;
      p.srcIp = src[i];
      p.dstIp = style[i] == 6 ? Traffic.ip(198, 18, 9, 9)
          : Traffic.ip(198, 18, style[i] == 2 ? 7 : random.nextInt(256), 1 + random.nextInt(254));
      p.protocol = style[i] == 3 ? PacketView.PROTO_UDP : style[i] == 4 && random.nextBoolean()
          ? PacketView.PROTO_ICMP : PacketView.PROTO_TCP;
      // scanners look like ZMap (IP ID 54321, window 65535) in most probes, so evidence counts every kept field
      boolean zmapLike = style[i] == 0 && random.nextInt(20) != 0;
      p.ttl = style[i] == 0 ? 60 + (src[i] & 3) : 40 + random.nextInt(30);
      p.ipId = zmapLike ? 54321 : random.nextInt(65536);
      // half the sources keep one shape (options, MSS, header lengths, ICMP code: young records keep it once), the
      // others change it from probe to probe (each change gives the episode its state at once)
      boolean steady = (src[i] & 1) == 0;
      SplittableRandom shape = steady ? new SplittableRandom(src[i]) : random;
      p.ipLength = 40 + random.nextInt(40);
      if (p.protocol == PacketView.PROTO_ICMP) {
        p.icmpType = 8;
        p.icmpCode = shape.nextInt(3); // an odd code now and then: every kept field is checked
      } else {
        p.srcPort = 1024 + random.nextInt(60000);
        p.dstPort = style[i] == 0 ? 22 + random.nextInt(3)
            : style[i] == 6 ? 80 : 1 + random.nextInt(style[i] == 5 ? 65535 : 30);
        p.payloadLength = p.protocol == PacketView.PROTO_UDP ? random.nextInt(100) : 0;
        p.ipLength = p.payloadLength + (p.protocol == PacketView.PROTO_UDP ? 28 : 40) + shape.nextInt(3) * 4;
      }
      if (p.protocol == PacketView.PROTO_TCP) {
        p.tcpFlags = 0x02;
        p.seq = style[i] == 1 ? p.dstIp : random.nextInt();
        p.window = zmapLike || random.nextBoolean() ? 65535 : 1024;
        p.tcpOptionsLength = 4;
        p.tcpOptionKinds = shape.nextBoolean() ? 0x02 : 0x04_01_01_03_01_02L;
        p.mss = shape.nextBoolean() ? 1460 : -1;
      }
      out.add(p);
      sent.add(p);
    }
    return out;
  }

  private static PacketView copy(PacketView from, long time) {
    PacketView p = new PacketView().clear();
    p.timestampNanos = time;
    p.srcIp = from.srcIp;
    p.dstIp = from.dstIp;
    p.protocol = from.protocol;
    p.ttl = from.ttl;
    p.ipId = from.ipId;
    p.ipLength = from.ipLength;
    p.srcPort = from.srcPort;
    p.dstPort = from.dstPort;
    p.tcpFlags = from.tcpFlags;
    p.seq = from.seq;
    p.ack = from.ack;
    p.window = from.window;
    p.tcpOptionsLength = from.tcpOptionsLength;
    p.tcpOptionKinds = from.tcpOptionKinds;
    p.mss = from.mss;
    p.payloadLength = from.payloadLength;
    p.icmpType = from.icmpType;
    p.icmpCode = from.icmpCode;
    return p;
  }
}
