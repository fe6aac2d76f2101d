package io.fathom.detect.scan;

import io.fathom.detect.PacketView;
import io.fathom.detect.fingerprint.ToolObserver;

/**
 * One source's scan episode for one protocol: counts, distinct sets and sketches, threshold progress and its
 * random walk. Every structure is bounded (see {@link DetectionSettings}); the tables behind a definition are
 * dropped once it is met, so a long scan keeps only its counters, port set, HyperLogLog and sketch.
 */
final class SourceState {
  final long key;
  final int src;
  final int protocol;
  final long firstNanos;
  long lastNanos;
  long packets;
  final int firstDst;
  final DistinctCounter targets;
  /** Distinct targets outside the telescope, allocated on the first one. */
  DistinctCounter outside;
  final PortSet ports = new PortSet();
  BottomKSketch sketch;
  /**
   * Once the sketch holds its k hashes, its largest (unsigned): a target hashing at or above it is not sampled, told
   * here without reading the sketch (nearly every probe of a scan, whose state lines the other packets between two of
   * its probes push out of the core's caches).
   */
  private long sketchCeiling;
  private boolean sketchFull;
  CappedPairTable durumericPorts;
  CappedPairTable zeekPorts;
  CappedPairTable zeekHosts;
  long zeekWindowStart;
  boolean durumericMet;
  boolean zeekMet;
  /** Natural log of the TRW likelihood ratio. */
  double walk;
  boolean suspect;
  IntSet replied;
  final ToolObserver observer;

  SourceState(long key, int src, int protocol, PacketView first, DetectionSettings s, ToolObserver observer) {
    this.key = key;
    this.src = src;
    this.protocol = protocol;
    this.firstNanos = first.timestampNanos;
    this.lastNanos = first.timestampNanos;
    this.firstDst = first.dstIp;
    this.zeekWindowStart = first.timestampNanos;
    this.targets = new DistinctCounter(s.exactDistinctCap(), s.hllPrecision());
    this.durumericPorts = new CappedPairTable(s.durumericMinTargets(), s.maxTrackedKeys());
    this.zeekPorts = new CappedPairTable(s.zeekAddressScanThreshold(), s.maxTrackedKeys());
    this.zeekHosts = new CappedPairTable(s.zeekPortScanThreshold(), s.maxTrackedKeys());
    this.observer = observer;
  }

  static long key(int src, int protocol) {
    return (src & 0xFFFF_FFFFL) << 8 | protocol;
  }

  /**
   * Takes one probe.
   *
   * @return true when this probe was a first contact (a new destination)
   */
  boolean probe(PacketView p, DetectionSettings s, Telescope telescope) {
    return probe(p, s, telescope, Hashing.address(p.dstIp));
  }

  /** As {@link #probe(PacketView, DetectionSettings, Telescope)}, with the destination's hash made already. */
  boolean probe(PacketView p, DetectionSettings s, Telescope telescope, long hash) {
    long now = p.timestampNanos;
    if (now > lastNanos) {
      lastNanos = now;
    }
    packets++;
    int dst = p.dstIp;
    int port = protocol == PacketView.PROTO_ICMP ? 0 : p.dstPort;
    boolean firstContact = targets.add(dst, hash);
    if (firstContact && telescope != null && !telescope.contains(dst)) {
      if (outside == null) {
        outside = new DistinctCounter(s.exactDistinctCap(), s.hllPrecision());
      }
      outside.add(dst, hash);
    }
    if (protocol != PacketView.PROTO_ICMP) {
      ports.add(port);
    }
    sample(dst, hash, s.sketchK());
    if (!durumericMet && durumericPorts.add(port, dst) >= s.durumericMinTargets()) {
      durumericMet = true;
      durumericPorts = null;
    }
    if (!zeekMet) {
      countZeek(now, dst, port, s);
    }
    if (observer != null) {
      observer.observe(p);
    }
    return firstContact;
  }

  /** Feeds the bottom-k sketch once there are k targets; below that the exact set is the sample. */
  private void sample(int dst, long hash, int k) {
    if (sketch != null) {
      if (sketchFull && Long.compareUnsigned(hash, sketchCeiling) >= 0) {
        return; // as the sketch's own first test
      }
      sketch.offer(dst, hash);
      if (sketch.size() == k) {
        sketchFull = true;
        sketchCeiling = sketch.largestHash();
      }
    } else if (targets.isExact() && targets.count() >= k) {
      sketch = new BottomKSketch(k);
      for (int member : targets.exactMembers()) {
        sketch.offer(member);
      }
      if (sketch.size() == k) {
        sketchFull = true;
        sketchCeiling = sketch.largestHash();
      }
    }
  }

  private void countZeek(long now, int dst, int port, DetectionSettings s) {
    if (now - zeekWindowStart >= s.zeekIntervalNanos()) {
      zeekWindowStart = now;
      zeekPorts.clear();
      zeekHosts.clear();
    }
    if (zeekPorts.add(port, dst) >= s.zeekAddressScanThreshold()
        || protocol != PacketView.PROTO_ICMP && zeekHosts.add(dst, port) >= s.zeekPortScanThreshold()) {
      zeekMet = true;
      zeekPorts = null;
      zeekHosts = null;
    }
  }

  /** True when {@code from} is a destination of this episode that had not answered before. */
  boolean firstReplyFrom(int from, int maxReplies) {
    if (!targets.containsExact(from)) {
      return false;
    }
    if (replied == null) {
      replied = new IntSet(4, maxReplies);
    }
    return replied.add(from) == IntSet.ADDED;
  }

  /** The target sample: the bottom-k sketch, or every target while there are fewer than k. */
  int[] targetSketch(int k) {
    if (sketch != null) {
      return sketch.addresses();
    }
    if (!targets.isExact()) {
      return new int[0];
    }
    BottomKSketch small = new BottomKSketch(k);
    for (int member : targets.exactMembers()) {
      small.offer(member);
    }
    return small.addresses();
  }

  /** Distinct targets inside the telescope (all targets less those outside). */
  long targetsInside() {
    long all = targets.count();
    return outside == null ? all : Math.max(0, all - outside.count());
  }

  /** Probes per second over the episode: intervals between probes over the time they span. */
  double ratePps() {
    long span = lastNanos - firstNanos;
    if (packets <= 1 || span <= 0) {
      return packets;
    }
    return (packets - 1) * 1e9 / span;
  }

  /** What the built-in tool observer holds at most (its eight trackers), as its {@code bytes()} counts it. */
  static final long OBSERVER_BYTES = 2048;

  /**
   * An upper bound of {@link #bytes()} for any traffic with the built-in tool observer: both distinct counters at
   * their largest (just before the switch to HyperLogLog), the port bitmap, the sketch, the three threshold tables
   * full, the reply set full and the observer.
   */
  static long maxBytes(DetectionSettings s) {
    long counter = 64 + 16L * s.exactDistinctCap() + (1L << s.hllPrecision());
    long ports = 48 + 4L * 32 + 8L * 1024; // PortSet: its list at its longest, then the bitmap
    long sketch = 48 + 12L * s.sketchK();
    long tables = table(s.durumericMinTargets(), s.maxTrackedKeys())
        + table(s.zeekAddressScanThreshold(), s.maxTrackedKeys())
        + table(s.zeekPortScanThreshold(), s.maxTrackedKeys());
    long replies = 16 + 16L * s.trwMaxReplies();
    return 128 + 2 * counter + ports + sketch + tables + replies + OBSERVER_BYTES;
  }

  private static long table(int limit, int maxKeys) {
    return 48 + 8L * 4 * maxKeys + 12L * 2 * maxKeys + maxKeys * (16 + 4L * limit);
  }

  /** An estimate of the bytes this state holds, for the memory bound's tests and statistics. */
  long bytes() {
    long bytes = 128 + targets.bytes() + ports.bytes() + (observer == null ? 0 : observer.bytes());
    bytes += outside == null ? 0 : outside.bytes();
    bytes += sketch == null ? 0 : sketch.bytes();
    bytes += durumericPorts == null ? 0 : durumericPorts.bytes();
    bytes += zeekPorts == null ? 0 : zeekPorts.bytes();
    bytes += zeekHosts == null ? 0 : zeekHosts.bytes();
    bytes += replied == null ? 0 : replied.bytes();
    return bytes;
  }
}
