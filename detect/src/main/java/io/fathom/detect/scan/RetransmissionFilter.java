package io.fathom.detect.scan;

import java.util.Arrays;

/**
 * Recognises a probe seen again: the same source, destination, protocol, destination port and TCP sequence
 * number within a window.
 *
 * <p>A set-associative cache ({@value #WAYS} ways per set, first in first out; no allocation but when it grows). A
 * direct-mapped cache of C slots forgets a probe as soon as one other probe lands in its slot, so a repeat survives
 * n other probes with probability exp(-n / C) (22 % at 100,000 packets per second with a one-second retry and
 * C = 65,536). Here a probe is forgotten only once {@value #WAYS} other probes landed in its set.
 *
 * <p>The cache is sized by the rate of new probes, not for the fastest telescope: it starts with
 * {@value #INITIAL_SIZE} entries and, every {@value #RATE_PERIOD} new probes, grows to keep fewer than
 * {@value #LOAD} new probes per set per second ({@link #HORIZON_NANOS}), up to its maximum (2^21 by default). A
 * repeat one second after its probe then finds it with probability above 99.9 % (eight or more other probes in its
 * set within that second: 1.1e-3 at two a set, far less below), and later repeats while their set has not turned
 * over: at 100,000 new probes per second 2^19 entries (65,536 sets, 1.5 new probes a set per second; eight or more
 * within a second: 2e-4). The detector gives it the probes of promoted episodes only (a young episode's probes are
 * its records: {@link #isYoungRetransmission}), about 11,000 a second in the benchmark capture: 2^16 entries (1.3
 * a set; 6e-5). A cache no larger than the traffic needs keeps its tags in the core's L2 cache: the benchmark
 * capture ran 8-9 % faster with 2^17 entries than with 2^19, and faster again with the young probes left out
 * (bench/README.md). A grown cache leaves its old table in place, asked after the new one, until the
 * window has passed since (its entries are then all too old to match), so growing forgets nothing.
 *
 * <p>A way is one long: a {@value #FINGERPRINT_BITS}-bit fingerprint of the probe (hash bits the set index does not
 * use, so with the set index 48 bits of the probe's hash are compared at the first size, 54 at 2^21 entries) over
 * the time it was last seen, in ticks of 2^20 ns (about a millisecond; the window is honoured to within a tick)
 * modulo 2^{@value #TICK_BITS} (78 hours). Eight bits of each way's fingerprint are kept again side by side, one long
 * per set, with each set's next way to replace: a probe seen for the first time (nearly every probe) is told apart
 * there, and its way is written without being read (with others: {@link #PENDING}). A forgotten probe makes a
 * retransmission missed; two different probes are confused with probability below 2^-44 per lookup.
 */
final class RetransmissionFilter {
  static final int WAYS = 8;
  static final int TICK_SHIFT = 20;
  static final int TICK_BITS = 28;
  static final int FINGERPRINT_BITS = 64 - TICK_BITS;
  /** The longest window: far from the ticks' wrap, so that an entry never seems younger than it is. */
  static final long MAX_WINDOW_NANOS = 1L << (TICK_SHIFT + TICK_BITS - 2);
  /** Entries at first (256 KiB of ways, 32 KiB of tags), or the maximum if that is smaller. */
  static final int INITIAL_SIZE = 1 << 15;
  /** New probes between two looks at their rate (two a set at the initial size). */
  static final int RATE_PERIOD = 1 << 13;
  /** The time over which a set should see fewer than {@link #LOAD} new probes. */
  static final long HORIZON_NANOS = 1_000_000_000L;
  /** New probes per set and horizon the cache grows to stay below. */
  static final int LOAD = 2;
  private static final long TICK_MASK = (1L << TICK_BITS) - 1;
  private static final long LOW_BITS = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  /**
   * New probes' ways are written {@value #PENDING} at a time: the way's line is seldom in the core's cache, and a
   * store to such a line stalls the core once its store buffer fills; written in a tight loop, the misses overlap. A
   * tag match writes the pending ways before it reads one.
   */
  static final int PENDING = 256;
  private final int[] pendingAt = new int[PENDING];
  private final long[] pendingValue = new long[PENDING];
  private int pending;

  /** Per set and way: fingerprint and time. */
  private long[] ways;
  /** Per set: the ways' tags (eight bits of their fingerprints, zero when empty), way w in byte w. */
  private long[] tags;
  /** Per set: the way the next new probe replaces. */
  private byte[] next;
  private int setMask;
  private int setBits;
  private final int maxSets;
  private final long windowNanos;
  private final long windowTicks;

  /** Tables left by growth, newest first, asked until the window has passed since they were left. */
  private Table[] older = new Table[0];
  private int olderCount;
  /**
   * New probes in the current rate period (starting one short, so that the first new probe starts the first period),
   * the capture time the period began at, and the latest time seen at the period's ends and while old tables are
   * asked.
   */
  private int periodProbes = RATE_PERIOD - 1;
  private long periodStart = Long.MIN_VALUE;
  private long latest = Long.MIN_VALUE;

  /** A table left by growth: read only. */
  private record Table(long[] ways, long[] tags, int setMask, int setBits, long leftNanos) {}

  /** A cache of at most {@code maxSize} entries (rounded up to a power of two, at least 16). */
  RetransmissionFilter(int maxSize, long windowNanos) {
    this(Math.min(INITIAL_SIZE, maxSize), maxSize, windowNanos);
  }

  /** A cache of {@code initialSize} entries growing to at most {@code maxSize} (both rounded as above). */
  RetransmissionFilter(int initialSize, int maxSize, long windowNanos) {
    if (windowNanos < 0 || windowNanos > MAX_WINDOW_NANOS) {
      throw new IllegalArgumentException("retransmission window out of range: " + windowNanos + " ns");
    }
    if (initialSize < 1 || maxSize > 1 << 30 || initialSize > maxSize) {
      throw new IllegalArgumentException("retransmission cache sizes out of range: " + initialSize + ", " + maxSize);
    }
    this.maxSets = sets(maxSize);
    this.windowNanos = windowNanos;
    this.windowTicks = windowNanos >>> TICK_SHIFT;
    allocate(sets(initialSize));
  }

  /** Sets for a cache of at least {@code size} entries: a power of two, at least two. */
  private static int sets(int size) {
    int capacity = Integer.highestOneBit(Math.max(2 * WAYS, size) - 1) << 1; // a power of two, at least size
    return capacity / WAYS;
  }

  private void allocate(int sets) {
    this.ways = new long[sets * WAYS];
    this.tags = new long[sets];
    this.next = new byte[sets];
    this.setMask = sets - 1;
    this.setBits = Integer.bitCount(setMask);
  }

  /** True when this probe repeats one seen within the window; the probe is remembered either way. */
  boolean isRetransmission(int src, int dst, int protocol, int dstPort, int seq, long nowNanos) {
    return isRetransmission(Hashing.mix64(SourceState.key(src, protocol)), Hashing.address(dst), dstPort, seq,
        nowNanos);
  }

  /**
   * As {@link #isRetransmission(int, int, int, int, int, long)}, from the hashes the detector has made already: its
   * source table's of the (source, protocol) key ({@code Hashing.mix64} of {@link SourceState#key}) and the
   * destination's ({@link Hashing#address}). One more mixing step makes the probe's hash, where hashing the five
   * fields took two.
   */
  boolean isRetransmission(long keyHash, long dstHash, int dstPort, int seq, long nowNanos) {
    long hash = Hashing.mix64(keyHash ^ Long.rotateLeft(dstHash, 29) ^ ((long) dstPort << 32 | (seq & 0xFFFF_FFFFL)));
    int set = (int) hash & setMask;
    // the fingerprint: hash bits above the set index, never zero (zero marks an empty way); its low byte the tag
    long fingerprint = (hash >>> setBits) & ((1L << FINGERPRINT_BITS) - 1) | 1;
    long tag = fingerprint & 0xFF;
    long now = (nowNanos >>> TICK_SHIFT) & TICK_MASK;
    long entry = fingerprint << TICK_BITS | now;
    long held = tags[set];
    long diff = held ^ (tag * LOW_BITS);
    long matches = (diff - LOW_BITS) & ~diff & HIGH_BITS; // a high bit per byte equal to the tag (or just above one)
    if (matches != 0 && pending > 0) {
      flush();
    }
    while (matches != 0) {
      int way = Long.numberOfTrailingZeros(matches) >>> 3;
      matches &= matches - 1;
      int at = set * WAYS + way;
      long stored = ways[at];
      if (stored >>> TICK_BITS == fingerprint) {
        ways[at] = entry;
        return young(stored, now);
      }
    }
    int way = next[set];
    next[set] = (byte) ((way + 1) & (WAYS - 1));
    tags[set] = held & ~(0xFFL << (8 * way)) | tag << (8 * way);
    pendingAt[pending] = set * WAYS + way;
    pendingValue[pending] = entry;
    if (++pending == PENDING) {
      flush();
    }
    if (++periodProbes == RATE_PERIOD || olderCount > 0) {
      return rarePart(hash, now, nowNanos);
    }
    return false;
  }

  /**
   * For a probe of a young episode, whose probes are kept as the detector's records rather than here: what
   * {@link #isRetransmission(long, long, int, int, long)} would say had it been given every probe of the episode.
   * An entry here for this probe (left by a repeat, or by a promoted or recently ended episode: see
   * {@link #rememberIfAbsent}) holds the time it was last sent; without one, {@code recordNanos} does, the time of the
   * episode's last record of this probe ({@code Long.MIN_VALUE} for none). The probe is written here only when it
   * repeats or has an entry already; a new probe, nearly every one, becomes a record and nothing here is written.
   */
  boolean isYoungRetransmission(long keyHash, long dstHash, int dstPort, int seq, long nowNanos, long recordNanos) {
    long hash = probeHash(keyHash, dstHash, dstPort, seq);
    long now = (nowNanos >>> TICK_SHIFT) & TICK_MASK;
    int at = find(hash);
    if (at >= 0) {
      long stored = ways[at];
      ways[at] = stored & ~TICK_MASK | now;
      return young(stored, now);
    }
    long olderStored = olderEntry(hash);
    boolean repeat;
    if (olderStored != 0) {
      repeat = young(olderStored, now);
    } else if (recordNanos != Long.MIN_VALUE) {
      repeat = young((recordNanos >>> TICK_SHIFT) & TICK_MASK, now);
    } else {
      return false;
    }
    if (repeat || olderStored != 0) {
      insert(hash, now, nowNanos);
    }
    return repeat;
  }

  /**
   * Writes a probe sent at {@code nanos} unless an entry for it is here already (whose time is then the later one):
   * the probes of a young episode that gets its state, or that ends while a repeat could still come, given newest
   * first.
   */
  void rememberIfAbsent(long keyHash, long dstHash, int dstPort, int seq, long nanos) {
    long hash = probeHash(keyHash, dstHash, dstPort, seq);
    if (find(hash) < 0 && olderEntry(hash) == 0) {
      insert(hash, (nanos >>> TICK_SHIFT) & TICK_MASK, nanos);
    }
  }

  private static long probeHash(long keyHash, long dstHash, int dstPort, int seq) {
    return Hashing.mix64(keyHash ^ Long.rotateLeft(dstHash, 29) ^ ((long) dstPort << 32 | (seq & 0xFFFF_FFFFL)));
  }

  /** The way of the current table holding this probe, or -1. */
  private int find(long hash) {
    int set = (int) hash & setMask;
    long fingerprint = (hash >>> setBits) & ((1L << FINGERPRINT_BITS) - 1) | 1;
    long held = tags[set];
    for (int way = 0; way < WAYS; way++) {
      if ((held >>> (8 * way) & 0xFF) == (fingerprint & 0xFF)) {
        flush();
        if (ways[set * WAYS + way] >>> TICK_BITS == fingerprint) {
          return set * WAYS + way;
        }
      }
    }
    return -1;
  }

  /** The entry for this probe in the newest table left by growth (still asked) that holds one, or 0. */
  private long olderEntry(long hash) {
    for (int i = 0; i < olderCount; i++) {
      long stored = latest - older[i].leftNanos() <= windowNanos ? entryIn(older[i], hash) : 0;
      if (stored != 0) {
        return stored;
      }
    }
    return 0;
  }

  /** The way of a table left by growth holding this probe (fingerprint and time), or 0. */
  private static long entryIn(Table table, long hash) {
    int set = (int) hash & table.setMask();
    long fingerprint = (hash >>> table.setBits()) & ((1L << FINGERPRINT_BITS) - 1) | 1;
    long held = table.tags()[set];
    for (int way = 0; way < WAYS; way++) {
      long stored = table.ways()[set * WAYS + way];
      if ((held >>> (8 * way) & 0xFF) == (fingerprint & 0xFF) && stored >>> TICK_BITS == fingerprint) {
        return stored;
      }
    }
    return 0;
  }

  /** Writes a probe that has no entry, at tick {@code now}, as a new one (the way next to replace in its set). */
  private void insert(long hash, long now, long nowNanos) {
    int set = (int) hash & setMask;
    long fingerprint = (hash >>> setBits) & ((1L << FINGERPRINT_BITS) - 1) | 1;
    long tag = fingerprint & 0xFF;
    int way = next[set];
    next[set] = (byte) ((way + 1) & (WAYS - 1));
    tags[set] = tags[set] & ~(0xFFL << (8 * way)) | tag << (8 * way);
    pendingAt[pending] = set * WAYS + way;
    pendingValue[pending] = fingerprint << TICK_BITS | now;
    if (++pending == PENDING) {
      flush();
    }
    ++periodProbes;
    afterNewEntry(nowNanos);
  }

  /** True when a way last seen at {@code stored}'s time is within the window at tick {@code now}. */
  private boolean young(long stored, long now) {
    // signed age in ticks: a probe seen "later" (out-of-order capture time) also counts as a repeat
    return ((now - stored) << FINGERPRINT_BITS) >> FINGERPRINT_BITS <= windowTicks;
  }

  /**
   * The rare part of a new probe (kept out of the common path's compiled code): at the end of a rate period, grows
   * the cache if the rate asks for it; while tables left by growth may still hold a probe within the window, asks
   * them, newest first.
   */
  private boolean rarePart(long hash, long now, long nowNanos) {
    if (nowNanos > latest) {
      latest = nowNanos;
    }
    boolean seen = false;
    for (int i = 0; i < olderCount && !seen; i++) {
      long stored = latest - older[i].leftNanos() <= windowNanos ? entryIn(older[i], hash) : 0;
      seen = stored != 0 && young(stored, now);
    }
    // after the old tables are asked: growing leaves this probe in the table it was just written to
    afterNewEntry(nowNanos);
    return seen;
  }

  /** After a new entry: drops the old tables the window has passed, and at a rate period's end grows if need be. */
  private void afterNewEntry(long nowNanos) {
    if (nowNanos > latest) {
      latest = nowNanos;
    }
    if (olderCount > 0 && latest - older[olderCount - 1].leftNanos() > windowNanos) {
      dropStaleTables();
    }
    if (periodProbes >= RATE_PERIOD) {
      if (periodStart != Long.MIN_VALUE) {
        adapt(latest - periodStart);
      }
      periodStart = latest;
      periodProbes = 0;
    }
  }

  /** Grows the cache when {@link #RATE_PERIOD} new probes over {@code elapsedNanos} are more than it is sized for. */
  private void adapt(long elapsedNanos) {
    int sets = setMask + 1;
    if (sets >= maxSets) {
      return;
    }
    // sets that keep the new probes below LOAD a set per horizon at this rate (all at once: as fast as can be)
    double needed = elapsedNanos <= 0 ? maxSets
        : (double) RATE_PERIOD * HORIZON_NANOS / ((double) LOAD * elapsedNanos);
    if (needed <= sets) {
      return;
    }
    int grown = sets;
    while (grown < needed && grown < maxSets) {
      grown <<= 1;
    }
    flush();
    Table[] tables = new Table[olderCount + 1];
    tables[0] = new Table(ways, tags, setMask, setBits, latest);
    System.arraycopy(older, 0, tables, 1, olderCount);
    older = tables;
    olderCount = tables.length;
    allocate(grown);
  }

  /** Forgets the tables left longer ago than the window: every entry in them is too old to match. */
  private void dropStaleTables() {
    int keep = olderCount;
    while (keep > 0 && latest - older[keep - 1].leftNanos() > windowNanos) {
      keep--;
    }
    older = Arrays.copyOf(older, keep);
    olderCount = keep;
  }

  /** Writes the pending ways, in order (so that a later write to the same way wins). */
  private void flush() {
    long[] w = ways;
    for (int i = 0, n = pending; i < n; i++) {
      w[pendingAt[i]] = pendingValue[i];
    }
    pending = 0;
  }

  /** Entries in the current table. */
  int size() {
    return (setMask + 1) * WAYS;
  }

  /** Tables left by growth and still asked. */
  int olderTables() {
    return olderCount;
  }

  long bytes() {
    int sets = setMask + 1;
    long bytes = 96L + 16L + 4L * PENDING + 16L + 8L * PENDING + 16L + 4L * olderCount + ways(sets) + 16L + sets;
    for (int i = 0; i < olderCount; i++) {
      bytes += 32L + ways(older[i].setMask() + 1);
    }
    return bytes;
  }

  /** The ways and tags of a table of {@code sets} sets. */
  private static long ways(int sets) {
    return 16L + 8L * WAYS * sets + 16L + 8L * sets;
  }
}
