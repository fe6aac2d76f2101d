package io.fathom.detect.scan;

import io.fathom.detect.NotScanRecord;
import io.fathom.detect.PacketView;
import io.fathom.detect.ScanRecord;
import io.fathom.detect.fingerprint.ToolVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds scans in a stream of decoded packets (live or from a capture, in time order) and labels what is not.
 *
 * <p>Probes are TCP SYNs without ACK, UDP datagrams and ICMP echo requests. Before a probe counts, CAIDA's
 * spoofing rules (source .0/.255, source equal to destination, port 0, fragments), backscatter (SYN-ACK, RST, bare
 * ACK, ICMP replies and errors), DNS replies (UDP from port 53) and retransmissions are labelled and set aside. A
 * TCP segment with ACK or RST and no SYN from a source to a destination it sent a SYN to in its current episode is
 * that source's own connection (a client's handshake, data and close), labelled {@code connection}, not
 * backscatter.
 * Each (source, protocol) pair has one episode, ended by the idle timeout: a source mixing TCP and UDP gets one
 * record per protocol. At its end an episode that met Durumeric 2014 or Zeek's definition becomes one
 * {@link ScanRecord} covering all its ports and targets; otherwise a {@link NotScanRecord}
 * ({@code spoofed-flood} or {@code below-threshold}); a below-threshold episode with enough targets is also handed
 * over as a candidate ({@link ScanListener#onCandidate}) for finding slow distributed scans across sources.
 *
 * <p>Threshold Random Walk runs alongside: every first contact is a failure unless the destination answers
 * (a SYN-ACK, RST, UDP or echo reply from it to the source), which turns that failure into a success. On
 * reaching beta / alpha the source is a suspect; on reaching (1-beta)/(1-alpha) the walk starts again.
 *
 * <p>Every live episode has an entry in one {@link SourceTable} (off the heap, one cache line per lookup). Its
 * first {@link #LAZY_PROBES} probes are kept as primitive records ({@link NewSources}); only its next probe gives
 * it a {@link SourceState} (tables, sketches, tool observer), which replays the kept probes, so results are the same
 * as if every source had one from its first probe. An episode that ends young is reported from its entry, or, when
 * its probes could meet a definition, from a state made at its end by the same replay. The few-packet noise sources
 * of a telescope never allocate an object.
 *
 * <p>Not thread-safe: one thread feeds it. {@link #accept} allocates nothing for a probe of a known source once
 * its tables have reached their (bounded) size.
 */
public final class ScanDetector {
  private static final int EVICTION_SAMPLE = 16;
  private static final int TCP_SYN = 0x02;
  private static final int TCP_RST = 0x04;
  private static final int TCP_ACK = 0x10;
  private static final int ICMP_ECHO_REQUEST = 8;
  private static final int ICMP_ECHO_REPLY = 0;
  private static final int DNS_PORT = 53;

  /**
   * Probes an episode may send before it gets a {@link SourceState}: kept as primitive records until then (17). An
   * episode that ends young with probes enough to meet a definition or make a candidate (Durumeric, Zeek,
   * candidates: 15 with the defaults) gets its state at its end, from its kept probes.
   */
  public static final int LAZY_PROBES = NewSources.MAX_LIMIT;

  private final DetectionSettings settings;
  private final ScanListener listener;
  private final Telescope telescope;
  private final RetransmissionFilter retransmissions;
  private final FloodTracker floods;
  private final NotScanTable notScans;
  /** Counts each not-scan aggregate by reason and hands the listener its record, if the listener keeps them. */
  private final NotScanSink notScanSink;
  private final double failureStep;
  private final double replyStep;
  private final double upperBound;
  private final double lowerBound;

  /** The memory the source table leaves behind as it grows, for the young probes' records. */
  private final RecycledPages recycled = new RecycledPages();
  private final SourceTable table = new SourceTable(64, recycled);
  /** The promoted episodes' states, by the index their entry holds; free indexes are reused. */
  private SourceState[] states = new SourceState[64];
  private final NewSources young;
  private final PacketView replay = new PacketView();
  private int[] free = new int[64];
  private int freeCount;
  private int high;
  private int evictCursor;
  private final int epochShift;
  /** The fewest distinct destinations that meet Durumeric's or Zeek's address-scan definition or make a candidate. */
  private final int minTargets;
  private long clock = Long.MIN_VALUE;
  private long lastSweep = Long.MIN_VALUE;
  /** Slots of the keys of recently ended episodes ({@link #noteEnding}), made on the first. */
  private static final int ENDED_SLOTS = 1024;
  private long[] endedKeys;
  private long[] endedNanos;
  private boolean finishing;
  /** Tests: every sweep reads every entry, as a reference for the sweep that skips recent ones. */
  private boolean sweepEveryEntry;

  /** How many packets {@link #acceptAll} loads the entries of at once (larger batches were no faster). */
  public static final int READ_AHEAD = 512;
  private final int[] readAheadHomes = new int[READ_AHEAD];
  /** The batch's (source, protocol) keys and their hashes, made once for the loads ahead and the lookups after. */
  private final long[] readAheadKeys = new long[READ_AHEAD];
  private final long[] readAheadKeyHashes = new long[READ_AHEAD];
  /** The key of the packet {@link #acceptAll} hands on, and its hash ({@code Hashing.mix64}); else no key's. */
  private long batchKey = -1;
  private long batchKeyHash;
  /** What {@link #acceptAll}'s loads read, kept so that the compiler cannot drop them. */
  private long readAheadSum;
  private long packets;
  private long probes;
  private long replies;
  private long other;
  private long episodes;
  private long expired;
  private long evicted;
  private long scans;
  private long suspects;
  private long candidates;
  private long candidatesDropped;
  private long peakSources;
  private final long[] notScanPackets = new long[NotScanReason.values().length];
  private final long[] notScanRecords = new long[NotScanReason.values().length];

  public ScanDetector(DetectionSettings settings, ScanListener listener) {
    this(settings, listener, LAZY_PROBES);
  }

  /** As the public constructor, keeping at most {@code youngProbes} probes before a {@link SourceState} (tests). */
  ScanDetector(DetectionSettings settings, ScanListener listener, int youngProbes) {
    this.settings = settings;
    this.listener = listener == null ? new ScanListener() {} : listener;
    this.telescope = settings.telescopePrefixes().isEmpty() ? null : new Telescope(settings.telescopePrefixes());
    this.retransmissions =
        new RetransmissionFilter(settings.retransmitCacheMaxSize(), settings.retransmitWindowNanos());
    this.floods = new FloodTracker(settings.floodTableSize(), settings.idleTimeoutNanos());
    this.epochShift = epochShift(settings.idleTimeoutNanos(), settings.sweepIntervalNanos());
    this.notScans = new NotScanTable(settings.maxNotScanSources(), epochShift);
    boolean keepNotScans = this.listener.keepsNotScans();
    this.notScanSink = (reason, src, packets, first, last) -> {
      notScanRecords[reason.ordinal()]++;
      if (keepNotScans) {
        this.listener.onNotScan(new NotScanRecord(src, reason.label(), packets, first, last));
      }
    };
    this.failureStep = Math.log((1 - settings.trwTheta1()) / (1 - settings.trwTheta0()));
    this.replyStep = Math.log(settings.trwTheta1() / settings.trwTheta0()) - failureStep;
    this.upperBound = Math.log(settings.trwUpperBound());
    this.lowerBound = Math.log(settings.trwLowerBound());
    this.young = new NewSources(Math.max(0, Math.min(youngProbes, NewSources.MAX_LIMIT)), table, recycled);
    this.minTargets = Math.min(Math.min(settings.candidateMinTargets(), settings.durumericMinTargets()),
        settings.zeekAddressScanThreshold());
  }

  /** Makes every sweep read every entry (tests: the reference for the sweep that skips recent entries). */
  ScanDetector sweepEveryEntry() {
    sweepEveryEntry = true;
    return this;
  }

  public DetectionSettings settings() {
    return settings;
  }

  /**
   * Takes {@code count} packets in order, exactly as {@link #accept} would one by one, having first loaded the
   * table entry each packet's source would have (its home slot) in a loop that does nothing else. A telescope's
   * many sources come back seconds apart, so their entries are seldom in the cache; one by one, each packet's miss
   * waits on the work of the one before (more than the core looks ahead over), while loaded together, hundreds of
   * packets at a time, the misses overlap (the benchmark capture: about 8 % faster; loading the retransmission
   * filter's tags or the not-scan slots as well was no faster). {@link #READ_AHEAD} packets at a time.
   */
  public void acceptAll(PacketView[] views, int count) {
    int[] homes = readAheadHomes;
    long[] keys = readAheadKeys;
    long[] hashes = readAheadKeyHashes;
    for (int from = 0; from < count; from += READ_AHEAD) {
      int n = Math.min(READ_AHEAD, count - from);
      for (int i = 0; i < n; i++) {
        PacketView p = views[from + i];
        long key = SourceState.key(p.srcIp, p.protocol);
        long hash = Hashing.mix64(key);
        keys[i] = key;
        hashes[i] = hash;
        homes[i] = table.homeOfHash(hash);
      }
      long sum = 0;
      for (int i = 0; i < n; i++) {
        sum += table.touch(homes[i]);
      }
      readAheadSum += sum;
      for (int i = 0; i < n; i++) {
        batchKey = keys[i];
        batchKeyHash = hashes[i];
        accept(views[from + i]);
      }
      batchKey = -1; // no key is negative: a packet given to accept alone hashes its own
    }
  }

  /** The hash of a (source, protocol) key: the one {@link #acceptAll} made for the packet at hand, if it is. */
  private long keyHash(long key) {
    return key == batchKey ? batchKeyHash : Hashing.mix64(key);
  }

  /** Takes one packet (valid only for the call). */
  public void accept(PacketView p) {
    packets++;
    long now = p.timestampNanos;
    if (now > clock) {
      clock = now;
      if (lastSweep == Long.MIN_VALUE) {
        lastSweep = now;
      } else if (now - lastSweep >= settings.sweepIntervalNanos()) {
        sweep(now);
      }
    }
    if (spoofed(p)) {
      label(p, NotScanReason.SPOOFED_SOURCE);
      return;
    }
    switch (p.protocol) {
      case PacketView.PROTO_TCP -> tcp(p);
      case PacketView.PROTO_UDP -> udp(p);
      case PacketView.PROTO_ICMP -> icmp(p);
      default -> other++;
    }
  }

  /** CAIDA's rules for sources that cannot be real: .0/.255, to itself, port 0, fragments. */
  private static boolean spoofed(PacketView p) {
    int lastOctet = p.srcIp & 0xFF;
    if (p.fragment || lastOctet == 0 || lastOctet == 255 || p.srcIp == p.dstIp) {
      return true;
    }
    boolean ported = p.protocol == PacketView.PROTO_TCP || p.protocol == PacketView.PROTO_UDP;
    return ported && (p.srcPort == 0 || p.dstPort == 0);
  }

  private void tcp(PacketView p) {
    int flags = p.tcpFlags;
    if ((flags & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
      probe(p);
    } else if ((flags & (TCP_RST | TCP_ACK)) != 0) {
      tcpResponse(p);
    } else {
      other++; // FIN, NULL and Xmas segments: not probes by the definitions used here
    }
  }

  private void udp(PacketView p) {
    if (isReply(p)) {
      return;
    }
    if (p.srcPort == DNS_PORT) {
      label(p, NotScanReason.DNS_REPLY);
    } else {
      probe(p);
    }
  }

  private void icmp(PacketView p) {
    switch (p.icmpType) {
      case ICMP_ECHO_REQUEST -> probe(p);
      // echo reply, unreachable, source quench, redirect, time exceeded, parameter problem, timestamp,
      // information and address-mask replies: all answers to someone else's packets
      case ICMP_ECHO_REPLY, 3, 4, 5, 11, 12, 14, 16, 18 -> response(p);
      default -> other++;
    }
  }

  private void response(PacketView p) {
    if (!isReply(p)) {
      label(p, NotScanReason.BACKSCATTER);
    }
  }

  private void tcpResponse(PacketView p) {
    if (!isReply(p)) {
      label(p, isOwnConnection(p) ? NotScanReason.CONNECTION : NotScanReason.BACKSCATTER);
    }
  }

  /**
   * A segment without SYN (its ACK or RST) from a source to a destination it sent a SYN to in its live episode: the
   * rest of its own connection. Known while the episode's target set is exact ({@code exactDistinctCap}); beyond,
   * such segments count as backscatter.
   */
  private boolean isOwnConnection(PacketView p) {
    if ((p.tcpFlags & TCP_SYN) != 0) {
      return false;
    }
    long key = SourceState.key(p.srcIp, PacketView.PROTO_TCP);
    int e = table.findFrom(key, table.homeOfHash(keyHash(key)));
    if (e < 0 || p.timestampNanos - table.lastNanos(e) > settings.idleTimeoutNanos()) {
      return false;
    }
    return probedExactly(e, p.dstIp);
  }

  /**
   * True when the live episode of entry {@code e} probed {@code dst}, as far as its target set is exact. Its own
   * method, reached by few packets: the JIT calls it rather than compile it into {@link #acceptAll}, so that a
   * source of the other kind (young or promoted) than the ones it profiled recompiles this, not the whole loop.
   */
  private boolean probedExactly(int e, int dst) {
    return table.promoted(e) ? states[table.stateIndex(e)].targets.containsExact(dst) : young.targets(e, dst);
  }

  /** An answer from a destination to a source we track: a success for that source's random walk. */
  private boolean isReply(PacketView p) {
    if (!table.mayHoldAddress(p.dstIp)) {
      return false; // a telescope's backscatter: to its own addresses, where no source is
    }
    int e = table.find(SourceState.key(p.dstIp, p.protocol));
    if (e < 0) {
      return false;
    }
    if (!table.promoted(e)) {
      return youngReply(e, p.srcIp);
    }
    SourceState s = states[table.stateIndex(e)];
    if (!s.targets.containsExact(p.srcIp)) {
      return false;
    }
    replies++;
    if (!s.suspect && s.firstReplyFrom(p.srcIp, settings.trwMaxReplies())) {
      s.walk += replyStep;
      if (s.walk <= lowerBound) {
        s.walk = 0; // accepted as benign: the sequential test begins again
      }
    }
    return true;
  }

  /** {@link #isReply} for a young episode: the same steps on its kept probes. */
  private boolean youngReply(int e, int from) {
    if (!young.targets(e, from)) {
      return false;
    }
    replies++;
    if (!table.suspect(e) && young.firstReplyFrom(e, from, settings.trwMaxReplies())) {
      double walk = table.walk(e) + replyStep;
      table.walk(e, walk <= lowerBound ? 0 : walk);
    }
    return true;
  }

  private void probe(PacketView p) {
    probes++;
    long now = p.timestampNanos;
    long key = SourceState.key(p.srcIp, p.protocol);
    long keyHash = keyHash(key);
    long dstHash = Hashing.address(p.dstIp); // once, for the filter, the Bloom filter or the state's sketches
    int e = table.findFrom(key, table.homeOfHash(keyHash));
    boolean repeat = e >= 0 && table.promoted(e)
        ? retransmissions.isRetransmission(keyHash, dstHash, p.dstPort, p.seq, now)
        : youngRetransmission(e, key, keyHash, p, dstHash);
    if (repeat) {
      label(p, NotScanReason.RETRANSMISSION);
      return;
    }
    if (e >= 0 && now - table.lastNanos(e) > settings.idleTimeoutNanos()) {
      expired++;
      end(e);
      e = -1;
    }
    if (e < 0) {
      e = open(key, p);
    }
    if (now >= table.lastNanos(e)) {
      table.epoch(e, epochOf(now));
    }
    SourceState s;
    if (table.promoted(e)) {
      s = states[table.stateIndex(e)];
      if (now > table.lastNanos(e)) {
        table.lastNanos(e, now);
      }
    } else {
      int shape = young.hasRoom(e) ? young.shape(p) : -1;
      if (young.fits(e, shape)) {
        if (young.keep(e, p, dstHash, shape) && !table.suspect(e)) {
          double walk = table.walk(e) + failureStep;
          table.walk(e, walk);
          if (walk >= upperBound) {
            table.markSuspect(e);
            suspects++;
            listener.onSuspect(p.srcIp, now, Math.exp(walk));
          }
        }
        return;
      }
      s = promote(e, p);
    }
    if (s.probe(p, settings, telescope, dstHash) && !s.suspect) {
      s.walk += failureStep;
      if (s.walk >= upperBound) {
        s.suspect = true;
        suspects++;
        listener.onSuspect(s.src, now, Math.exp(s.walk));
      }
    }
  }

  /**
   * Whether a probe of a young episode, or of a source without one, repeats an earlier probe. A young episode's
   * probes are its records, not in the retransmission filter (a telescope's millions of few-probe sources would
   * fill it, and a filter that holds only the scanners' probes stays small: bench/README.md), so the filter is asked
   * only when the entry's Bloom filter cannot rule the destination out (a repeat, or a rare false positive), or when
   * an earlier episode of the source ended recently and left its probes there; {@link #promote} gives it the
   * records. The same answers as a filter given every probe, as long as none is pushed out of it.
   */
  private boolean youngRetransmission(int e, long key, long keyHash, PacketView p, long dstHash) {
    if (e < 0 ? !recentlyEnded(key, keyHash) : !table.earlierInFilter(e) && !young.mayHold(e, dstHash)) {
      return false;
    }
    return youngRetransmissionAsked(e, keyHash, p, dstHash);
  }

  private boolean youngRetransmissionAsked(int e, long keyHash, PacketView p, long dstHash) {
    long record = e < 0 ? Long.MIN_VALUE : young.lastRecordNanos(e, p.dstIp, p.dstPort, p.seq);
    return retransmissions.isYoungRetransmission(keyHash, dstHash, p.dstPort, p.seq, p.timestampNanos, record);
  }

  /** Whether an episode of this key ended within the retransmission window of the clock (as far as remembered). */
  private boolean recentlyEnded(long key, long keyHash) {
    if (endedKeys == null) {
      return false;
    }
    int slot = Hashing.slot(keyHash, ENDED_SLOTS - 1);
    return endedKeys[slot] == key && clock - endedNanos[slot] <= settings.retransmitWindowNanos();
  }

  /**
   * Before an episode ends (not at the end of the capture): if a repeat of its probes could still come, gives a
   * young one's records to the retransmission filter (a promoted one's are there) and remembers its key, so that the
   * source's next episode asks the filter.
   */
  private void noteEnding(int e) {
    long last = table.lastNanos(e);
    if (finishing || clock - last > settings.retransmitWindowNanos()) {
      return;
    }
    long key = table.key(e);
    long keyHash = Hashing.mix64(key);
    if (!table.promoted(e)) {
      young.rememberProbes(e, retransmissions, keyHash);
    }
    if (endedKeys == null) {
      endedKeys = new long[ENDED_SLOTS];
      endedNanos = new long[ENDED_SLOTS];
    }
    int slot = Hashing.slot(keyHash, ENDED_SLOTS - 1);
    endedKeys[slot] = key;
    endedNanos[slot] = last;
  }

  /** Gives a young episode its {@link SourceState}, replaying its kept probes; {@code p} is its next probe. */
  private SourceState promote(int e, PacketView p) {
    // from now on the retransmission filter tells this episode's repeats: it is given this probe and the records
    long keyHash = keyHash(table.key(e));
    retransmissions.rememberIfAbsent(keyHash, Hashing.address(p.dstIp), p.dstPort, p.seq, p.timestampNanos);
    young.rememberProbes(e, retransmissions, keyHash);
    SourceState s = young.replay(e, settings, telescope, replay, p);
    young.close(e);
    int index = allocateState();
    states[index] = s;
    table.promote(e, index);
    if (p.timestampNanos > table.lastNanos(e)) {
      table.lastNanos(e, p.timestampNanos);
    }
    return s;
  }

  /** Opens a young episode for {@code key}; returns its entry. */
  private int open(long key, PacketView p) {
    if (table.size() >= settings.maxSources()) {
      evictOne();
    }
    int e = table.insert(key, p.timestampNanos);
    if (endedKeys != null && recentlyEnded(key, keyHash(key))) {
      table.markEarlierInFilter(e);
    }
    episodes++;
    peakSources = Math.max(peakSources, table.size());
    floods.noteNewSource(p.dstIp, p.timestampNanos);
    return e;
  }

  private int allocateState() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    if (high == states.length) {
      int grown = Math.max(states.length * 2, 64);
      states = Arrays.copyOf(states, grown);
      free = Arrays.copyOf(free, grown);
    }
    return high++;
  }

  /** Ends the stalest episode of a small sample of live entries; called only when the table holds maxSources. */
  private void evictOne() {
    int capacity = table.capacity();
    int oldest = -1;
    for (int seen = 0, n = 0; seen < EVICTION_SAMPLE && n < capacity; n++) {
      int e = evictCursor;
      evictCursor = (evictCursor + 1) & (capacity - 1);
      if (table.occupied(e)) {
        seen++;
        if (oldest < 0 || table.lastNanos(e) < table.lastNanos(oldest)) {
          oldest = e;
        }
      }
    }
    if (oldest >= 0) {
      evicted++;
      end(oldest);
    }
  }

  private void label(PacketView p, NotScanReason reason) {
    notScanPackets[reason.ordinal()]++;
    notScans.add(p.srcIp, reason, p.timestampNanos, notScanSink);
  }

  /** Ends the episodes idle for longer than the idle timeout at {@code nowNanos} (capture time). */
  public void advanceTime(long nowNanos) {
    if (nowNanos > clock) {
      clock = nowNanos;
    }
    sweep(clock);
  }

  /** The most epochs an idle timeout may span (below the 127 that {@link SourceTable#idleCandidates} takes). */
  static final int MAX_IDLE_EPOCHS = 112;

  /**
   * The shift of the entries' epochs (2^shift ns): as fine as leaves at most {@value #MAX_IDLE_EPOCHS} epochs to the
   * idle timeout, so that a sweep reads only entries idle for nearly the timeout (the benchmark capture: 1.9 M entry
   * reads instead of 3.6 M with epochs of the sweep interval, 1.5 M of them to end an episode); unless a sweep
   * interval is so long that epochs of that size would wrap between two sweeps: then the largest power of two
   * within the sweep interval.
   */
  static int epochShift(long idleTimeoutNanos, long sweepIntervalNanos) {
    int shift = 0;
    while ((idleTimeoutNanos >>> shift) - 1 > MAX_IDLE_EPOCHS) {
      shift++;
    }
    long idleEpochs = (idleTimeoutNanos >>> shift) - 1;
    if ((sweepIntervalNanos >>> shift) + 2 < 256 - idleEpochs - 2) {
      return shift;
    }
    return 63 - Long.numberOfLeadingZeros(sweepIntervalNanos);
  }

  /** The entries' coarse clock: 2^epochShift ns ({@link #epochShift(long, long)}), mod 256. */
  private int epochOf(long nanos) {
    return (int) (nanos >>> epochShift) & 0xFF;
  }

  private void sweep(long now) {
    // An entry idle for the timeout is at least idleEpochs behind; the others are not read. Epochs wrap at 256, so
    // after a long pause (or with a timeout of many epochs) every entry is read.
    long idleEpochs = (settings.idleTimeoutNanos() >>> epochShift) - 1;
    boolean everyEntry = sweepEveryEntry || idleEpochs < 1 || idleEpochs > 127 || lastSweep == Long.MIN_VALUE
        || (now - lastSweep) >>> epochShift >= 256 - idleEpochs - 2;
    int epoch = epochOf(now);
    lastSweep = now;
    if (everyEntry) {
      sweepAll(now);
    } else {
      // eight entries at a time; only those whose epoch may be idle are read, a block's all loaded first
      for (int block = 0; block < table.capacity(); block += SWEEP_BLOCK) {
        loadCandidates(block, now, epoch, (int) idleEpochs);
        sweepBlock(block, now, epoch, (int) idleEpochs);
      }
    }
    if (everyEntry) {
      notScans.expire(now, settings.idleTimeoutNanos(), notScanSink);
    } else {
      notScans.expireIdle(now, settings.idleTimeoutNanos(), epoch, (int) idleEpochs, notScanSink);
    }
  }

  /**
   * Entries a sweep passes over at a time: it loads the lines of a block's idle candidates in a loop that does
   * nothing else, so that their cache misses overlap, then ends the idle episodes among them.
   */
  static final int SWEEP_BLOCK = 1024;
  private final int[] sweepCandidates = new int[SWEEP_BLOCK];

  /** Reads the first word of every idle candidate among the {@link #SWEEP_BLOCK} entries from {@code block}. */
  private void loadCandidates(int block, long now, int epoch, int idleEpochs) {
    int[] found = sweepCandidates;
    int n = 0;
    for (int e = block, end = Math.min(block + SWEEP_BLOCK, table.capacity()); e < end; e += 8) {
      for (int c = table.idleCandidates(e, epoch, idleEpochs); c != 0; c &= c - 1) {
        found[n++] = e + Integer.numberOfTrailingZeros(c);
      }
    }
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += table.touch(found[i]);
    }
    // what ending the idle ones will read besides: the table's count for their /16, the entry after (a removal
    // moves later entries back), and for a lone destination the flood tracker's count of it
    for (int i = 0; i < n; i++) {
      int e = found[i];
      if (now - table.lastNanos(e) > settings.idleTimeoutNanos()) {
        sum += table.touchRemoval(e);
        if (young.targetCount(e) == 1) { // a promoted entry's count is stale: loading for nothing is harmless
          sum += floods.sources(table.firstDst(e));
        }
      }
    }
    readAheadSum += sum;
  }

  /** Ends the idle episodes among the {@link #SWEEP_BLOCK} entries from {@code block}. */
  private void sweepBlock(int block, long now, int epoch, int idleEpochs) {
    for (int e = block, end = Math.min(block + SWEEP_BLOCK, table.capacity()); e < end; e += 8) {
      int candidates = table.idleCandidates(e, epoch, idleEpochs);
      int settled = 0; // entries e .. e + settled - 1 are done with
      while ((candidates & (-1 << settled)) != 0) {
        int bit = Integer.numberOfTrailingZeros(candidates & (-1 << settled));
        if (now - table.lastNanos(e + bit) > settings.idleTimeoutNanos()) {
          expired++;
          end(e + bit);
          // later entries may have moved back into this one's place: look again from there
          candidates = table.idleCandidates(e, epoch, idleEpochs);
          settled = bit;
        } else {
          settled = bit + 1;
        }
      }
    }
  }

  /** Ends the episodes of every entry idle for longer than the idle timeout. */
  private void sweepAll(long now) {
    // Removing an entry moves later ones back into its place, so the same index is looked at again.
    for (int e = 0; e < table.capacity(); ) {
      if (table.occupied(e) && now - table.lastNanos(e) > settings.idleTimeoutNanos()) {
        expired++;
        end(e);
      } else {
        e++;
      }
    }
  }

  /** Ends every episode and emits every aggregate: the end of a capture. */
  public void finish() {
    finishing = true; // no probe comes after: nothing to leave in the retransmission filter
    for (int e = 0; e < table.capacity(); ) {
      if (table.occupied(e)) {
        end(e);
      } else {
        e++;
      }
    }
    notScans.emitAll(notScanSink);
  }

  /** Ends the episode of entry {@code e} and removes the entry. */
  private void end(int e) {
    noteEnding(e);
    if (!table.promoted(e)) {
      endYoung(e);
      return;
    }
    int index = table.stateIndex(e);
    SourceState s = states[index];
    states[index] = null;
    free[freeCount++] = index;
    table.remove(e);
    report(s);
  }

  /**
   * Ends a young episode: as {@link #report} would for its state. One whose probes could meet a definition or make
   * a candidate is given its state now, from its kept probes; the others (the many) are reported from the entry.
   */
  private void endYoung(int e) {
    if (couldMeetDefinition(e)) {
      SourceState s = young.replay(e, settings, telescope, replay, null);
      young.close(e);
      table.remove(e);
      report(s);
      return;
    }
    long key = table.key(e);
    long packets = table.count(e);
    long first = table.firstNanos(e);
    long last = table.lastNanos(e);
    boolean flood = young.targetCount(e) == 1
        && (floods.sources(table.firstDst(e)) >= settings.floodMinSources()
            || packets / Math.max(1, young.portCount(e)) >= settings.floodPacketsPerPort());
    young.close(e);
    table.remove(e);
    NotScanReason reason = flood ? NotScanReason.SPOOFED_FLOOD : NotScanReason.BELOW_THRESHOLD;
    notScanPackets[reason.ordinal()] += packets;
    notScanSink.accept(reason, (int) (key >>> 8), packets, first, last);
  }

  /**
   * False when a young episode's probes cannot meet a definition or make a candidate: too few destinations for any
   * address count, and too few probes left over for Zeek's ports on one host (a host probed on k ports took k of
   * the probes, every other destination at least one).
   */
  private boolean couldMeetDefinition(int e) {
    int probes = table.count(e);
    int targets = young.targetCount(e);
    return probes > 0 && (targets >= minTargets || probes - targets + 1 >= settings.zeekPortScanThreshold());
  }

  private void report(SourceState s) {
    double rate = s.ratePps();
    List<String> definitions = new ArrayList<>(2);
    if (s.durumericMet && rate >= settings.durumericMinRatePps()) {
      definitions.add("durumeric2014");
    }
    if (s.zeekMet) {
      definitions.add("zeek");
    }
    if (definitions.isEmpty()) {
      NotScanReason reason = isFlood(s) ? NotScanReason.SPOOFED_FLOOD : NotScanReason.BELOW_THRESHOLD;
      if (reason == NotScanReason.BELOW_THRESHOLD) {
        offerCandidate(s, rate);
      }
      notScanPackets[reason.ordinal()] += s.packets;
      notScanSink.accept(reason, s.src, s.packets, s.firstNanos, s.lastNanos);
      return;
    }
    scans++;
    listener.onScan(scanRecord(s, rate, definitions));
  }

  /** Hands a below-threshold episode with enough targets over as a candidate, up to the bound. */
  private void offerCandidate(SourceState s, double rate) {
    if (s.targets.count() < settings.candidateMinTargets()) {
      return;
    }
    if (candidates >= settings.maxCandidates()) {
      candidatesDropped++;
      return;
    }
    candidates++;
    listener.onCandidate(scanRecord(s, rate, List.of()));
  }

  /** One destination, hammered on few ports, or one destination many new sources went to first. */
  private boolean isFlood(SourceState s) {
    if (s.targets.count() != 1) {
      return false;
    }
    long perPort = s.packets / Math.max(1, s.ports.size());
    return perPort >= settings.floodPacketsPerPort() || floods.sources(s.firstDst) >= settings.floodMinSources();
  }

  private ScanRecord scanRecord(SourceState s, double rate, List<String> definitions) {
    ToolVerdict verdict = s.observer == null ? ToolVerdict.UNKNOWN : s.observer.verdict();
    long targets = s.targets.count();
    int[] ports = s.ports.toArray();
    Double coverage = telescope == null ? null : telescope.coverage(s.targetsInside());
    Double internetRate = telescope == null ? null : telescope.internetRatePps(rate);
    return new ScanRecord(s.src, ScanShape.protocolName(s.protocol), ports, targets, s.packets,
        ScanShape.shape(targets, ports.length),
        ScanShape.portsScope(ports.length, settings.strobeMaxPorts(), settings.vanillaMinFraction()),
        verdict.tool(), verdict.version(), verdict.confidence(), verdict.evidence(), s.firstNanos, s.lastNanos, rate,
        List.copyOf(definitions), s.targetSketch(settings.sketchK()), coverage, internetRate, null, null);
  }

  public long packets() {
    return packets;
  }

  public long probes() {
    return probes;
  }

  public long replies() {
    return replies;
  }

  public int sourcesLive() {
    return table.size();
  }

  public long evicted() {
    return evicted;
  }

  public long scans() {
    return scans;
  }

  public long suspects() {
    return suspects;
  }

  /** Below-threshold episodes handed over as candidates. */
  public long candidates() {
    return candidates;
  }

  /** Candidates not handed over because {@code maxCandidates} had been reached. */
  public long candidatesDropped() {
    return candidatesDropped;
  }

  /** Not-scan records handed to the listener so far, of every reason. */
  public long notScanRecords() {
    long records = 0;
    for (long n : notScanRecords) {
      records += n;
    }
    return records;
  }

  /** Packets labelled with {@code reason} so far (below-threshold and floods when their episode ends). */
  public long notScanPackets(NotScanReason reason) {
    return notScanPackets[reason.ordinal()];
  }

  /** An estimate of the bytes held by the detector's state, live sources and aggregates included. */
  public long stateBytes() {
    long bytes = table.bytes() + recycled.bytes() + 8L * states.length + 4L * free.length + young.bytes()
        + notScans.bytes() + retransmissions.bytes() + floods.bytes();
    for (int i = 0; i < high; i++) {
      if (states[i] != null) {
        bytes += states[i].bytes();
      }
    }
    return bytes;
  }

  /** Every counter by name, for reports. */
  public Map<String, Object> statistics() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("packets", packets);
    out.put("probes", probes);
    out.put("replies", replies);
    out.put("other", other);
    out.put("episodes", episodes);
    out.put("sourcesLive", table.size());
    out.put("sourcesPeak", peakSources);
    out.put("episodesExpired", expired);
    out.put("sourcesEvicted", evicted);
    out.put("notScanLive", notScans.live());
    out.put("notScanEvicted", notScans.evicted());
    out.put("scans", scans);
    out.put("suspects", suspects);
    out.put("candidates", candidates);
    out.put("candidatesDropped", candidatesDropped);
    for (NotScanReason reason : NotScanReason.values()) {
      out.put("notScanPackets." + reason.label(), notScanPackets[reason.ordinal()]);
      out.put("notScanRecords." + reason.label(), notScanRecords[reason.ordinal()]);
    }
    out.put("retransmitCacheSize", retransmissions.size());
    out.put("stateBytes", stateBytes());
    return out;
  }
}
