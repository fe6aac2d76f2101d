package io.fathom.detect.scan;

import io.fathom.detect.PacketView;
import java.util.Arrays;

/**
 * The first probes of young episodes, in primitive arrays indexed by the detector's slot: no object per source.
 *
 * <p>Most sources of a telescope capture send one to three probes (backscatter's mirror image: random noise), and
 * a {@link SourceState} with its tables, sketches and tool observer costs kilobytes. So an episode starts here,
 * keeping its first {@code limit} probes whole (every {@link PacketView} field a probe can carry), its counters
 * and its random walk; only its next probe makes a {@link SourceState}, which is then given the kept probes again
 * in order ({@link #replay}), so its tables, sketches and observer end exactly as if they had seen every probe.
 * An episode that ends first meets no definition ({@code limit} stays below every threshold) and is reported from
 * here.
 *
 * <p>Not thread-safe; allocates only when the detector's slot count grows.
 */
final class NewSources {
  /** Ints kept per probe: see {@link #keep} for the layout. */
  private static final int PROBE_INTS = 19;
  /** Probes per chunk: a slot holds its first chunk; later ones come from a shared pool, linked. */
  private static final int CHUNK = 4;

  final int limit;
  private final int stride;
  /** Per slot: its first pool chunk (after the slot's own), or -1. */
  private int[] chained;
  /** Pool chunks: a link to the next chunk of the same slot (or -1), then {@link #CHUNK} probes. */
  private int[] pool = new int[0];
  private int poolHigh;
  private int poolFree = -1;
  /** Per slot: the episode's key, or -1 when the slot holds no young episode. */
  long[] keys;
  long[] firstNanos;
  long[] lastNanos;
  /** Probes kept (and taken) so far. */
  int[] packets;
  /** Natural log of the TRW likelihood ratio, as {@link SourceState#walk}. */
  double[] walks;
  /** Bit i: the destination of kept probe i (its first occurrence) answered; bit 31: a suspect (so limit < 31). */
  int[] flags;
  private int[] probes;
  /** Per slot, {@link #limit} ints: the kept probes' destinations again, side by side for lookups. */
  private int[] dsts;

  private static final int SUSPECT = 1 << 31;

  NewSources(int limit, int capacity) {
    this.limit = limit;
    this.stride = Math.min(limit, CHUNK) * PROBE_INTS;
    chained = new int[capacity];
    Arrays.fill(chained, -1);
    keys = new long[capacity];
    Arrays.fill(keys, -1L);
    firstNanos = new long[capacity];
    lastNanos = new long[capacity];
    packets = new int[capacity];
    walks = new double[capacity];
    flags = new int[capacity];
    probes = new int[capacity * stride];
    dsts = new int[capacity * limit];
  }

  void grow(int capacity) {
    int old = keys.length;
    keys = Arrays.copyOf(keys, capacity);
    Arrays.fill(keys, old, capacity, -1L);
    firstNanos = Arrays.copyOf(firstNanos, capacity);
    lastNanos = Arrays.copyOf(lastNanos, capacity);
    packets = Arrays.copyOf(packets, capacity);
    walks = Arrays.copyOf(walks, capacity);
    flags = Arrays.copyOf(flags, capacity);
    probes = Arrays.copyOf(probes, capacity * stride);
    dsts = Arrays.copyOf(dsts, capacity * limit);
    chained = Arrays.copyOf(chained, capacity);
    Arrays.fill(chained, old, capacity, -1);
  }

  boolean holds(int slot) {
    return keys[slot] >= 0;
  }

  void open(int slot, long key, long nowNanos) {
    keys[slot] = key;
    firstNanos[slot] = nowNanos;
    lastNanos[slot] = nowNanos;
    packets[slot] = 0;
    walks[slot] = 0;
    flags[slot] = 0;
  }

  void close(int slot) {
    keys[slot] = -1L;
    int chunk = chained[slot];
    while (chunk >= 0) {
      int next = pool[chunk];
      pool[chunk] = poolFree;
      poolFree = chunk;
      chunk = next;
    }
    chained[slot] = -1;
  }

  /** Where probe {@code n} of the slot lies in {@link #probes} (n below the chunk) or {@link #pool} (beyond). */
  private int at(int slot, int n) {
    if (n < CHUNK) {
      return slot * stride + n * PROBE_INTS;
    }
    int chunk = chained[slot];
    for (int c = n / CHUNK; c > 1; c--) {
      chunk = pool[chunk];
    }
    return chunk + 1 + (n % CHUNK) * PROBE_INTS;
  }

  private int[] buffer(int n) {
    return n < CHUNK ? probes : pool;
  }

  /** Takes a pool chunk for probe {@code n} (a multiple of the chunk, beyond the first) and links it. */
  private void chain(int slot, int n) {
    int chunk = poolFree;
    if (chunk >= 0) {
      poolFree = pool[chunk];
    } else {
      int size = 1 + CHUNK * PROBE_INTS;
      if (poolHigh + size > pool.length) {
        pool = Arrays.copyOf(pool, Math.max(64 * size, pool.length * 2));
      }
      chunk = poolHigh;
      poolHigh += size;
    }
    pool[chunk] = -1;
    if (n == CHUNK) {
      chained[slot] = chunk;
    } else {
      pool[at(slot, n - CHUNK) - 1 - ((n - CHUNK) % CHUNK) * PROBE_INTS] = chunk;
    }
  }

  /** Whether this slot has room for one more probe; when not, the episode must become a {@link SourceState}. */
  boolean hasRoom(int slot) {
    return packets[slot] < limit;
  }

  /**
   * Keeps one probe (there must be room).
   *
   * @return true when it was a first contact (a destination not probed before in this episode)
   */
  boolean keep(int slot, PacketView p) {
    long now = p.timestampNanos;
    if (now > lastNanos[slot]) {
      lastNanos[slot] = now;
    }
    int n = packets[slot];
    boolean first = indexOf(slot, p.dstIp) < 0;
    if (n >= CHUNK && n % CHUNK == 0) {
      chain(slot, n);
    }
    int at = at(slot, n);
    int[] b = buffer(n);
    b[at] = p.dstIp;
    b[at + 1] = p.dstPort;
    b[at + 2] = (int) now;
    b[at + 3] = (int) (now >>> 32);
    b[at + 4] = p.ttl;
    b[at + 5] = p.ipId;
    b[at + 6] = p.ipLength;
    b[at + 7] = p.srcPort;
    b[at + 8] = p.tcpFlags;
    b[at + 9] = p.seq;
    b[at + 10] = p.ack;
    b[at + 11] = p.window;
    b[at + 12] = p.tcpOptionsLength;
    b[at + 13] = (int) p.tcpOptionKinds;
    b[at + 14] = (int) (p.tcpOptionKinds >>> 32);
    b[at + 15] = p.mss;
    b[at + 16] = p.payloadLength;
    b[at + 17] = p.icmpType;
    b[at + 18] = p.icmpCode;
    dsts[slot * limit + n] = p.dstIp;
    packets[slot] = n + 1;
    return first;
  }

  /** The kept probe {@code n} of the slot, written into {@code out} (every field). */
  void load(int slot, int n, PacketView out) {
    int at = at(slot, n);
    int[] b = buffer(n);
    long key = keys[slot];
    out.clear();
    out.srcIp = (int) (key >>> 8);
    out.protocol = (int) (key & 0xFF);
    out.dstIp = b[at];
    out.dstPort = b[at + 1];
    out.timestampNanos = (b[at + 2] & 0xFFFF_FFFFL) | (long) b[at + 3] << 32;
    out.ttl = b[at + 4];
    out.ipId = b[at + 5];
    out.ipLength = b[at + 6];
    out.srcPort = b[at + 7];
    out.tcpFlags = b[at + 8];
    out.seq = b[at + 9];
    out.ack = b[at + 10];
    out.window = b[at + 11];
    out.tcpOptionsLength = b[at + 12];
    out.tcpOptionKinds = (b[at + 13] & 0xFFFF_FFFFL) | (long) b[at + 14] << 32;
    out.mss = b[at + 15];
    out.payloadLength = b[at + 16];
    out.icmpType = b[at + 17];
    out.icmpCode = b[at + 18];
  }

  /** The first kept probe with this destination, or -1. */
  private int indexOf(int slot, int dst) {
    int base = slot * limit;
    for (int n = 0, count = packets[slot]; n < count; n++) {
      if (dsts[base + n] == dst) {
        return n;
      }
    }
    return -1;
  }

  /** Int {@code field} of kept probe {@code n} (0: destination, 1: destination port). */
  private int field(int slot, int n, int field) {
    return n < CHUNK ? probes[slot * stride + n * PROBE_INTS + field] : pool[at(slot, n) + field];
  }

  boolean targets(int slot, int dst) {
    return indexOf(slot, dst) >= 0;
  }

  /** Distinct destinations. */
  int targetCount(int slot) {
    int distinct = 0;
    for (int n = 0, count = packets[slot]; n < count; n++) {
      if (indexOf(slot, dsts[slot * limit + n]) == n) {
        distinct++;
      }
    }
    return distinct;
  }

  /** Distinct destination ports, as {@link PortSet} counts them (none for ICMP). */
  int portCount(int slot) {
    if ((keys[slot] & 0xFF) == PacketView.PROTO_ICMP) {
      return 0;
    }
    int distinct = 0;
    for (int n = 0, count = packets[slot]; n < count; n++) {
      int port = field(slot, n, 1);
      boolean seen = false;
      for (int m = 0; m < n && !seen; m++) {
        seen = field(slot, m, 1) == port;
      }
      if (!seen) {
        distinct++;
      }
    }
    return distinct;
  }

  int firstDst(int slot) {
    return dsts[slot * limit];
  }

  /** As {@link SourceState#firstReplyFrom}: true when {@code from} is a destination that had not answered. */
  boolean firstReplyFrom(int slot, int from, int maxReplies) {
    int n = indexOf(slot, from);
    if (n < 0) {
      return false;
    }
    int replied = flags[slot] & ~SUSPECT;
    if ((replied & 1 << n) != 0 || Integer.bitCount(replied) >= maxReplies) {
      return false;
    }
    flags[slot] |= 1 << n;
    return true;
  }

  boolean suspect(int slot) {
    return (flags[slot] & SUSPECT) != 0;
  }

  void markSuspect(int slot) {
    flags[slot] |= SUSPECT;
  }

  /**
   * Gives the kept probes, in order, to a fresh state made from the first of them, with the walk, the suspect
   * mark and the answered destinations.
   */
  SourceState replay(int slot, DetectionSettings s, Telescope telescope, PacketView scratch) {
    load(slot, 0, scratch);
    SourceState state = new SourceState(keys[slot], scratch.srcIp, scratch.protocol, scratch, s,
        s.observers() == null ? null : s.observers().get());
    int count = packets[slot];
    for (int n = 0; n < count; n++) {
      load(slot, n, scratch);
      state.probe(scratch, s, telescope);
    }
    state.walk = walks[slot];
    state.suspect = suspect(slot);
    int replied = flags[slot] & ~SUSPECT;
    if (replied != 0) {
      state.replied = new IntSet(4, s.trwMaxReplies());
      for (int n = 0; n < count; n++) {
        if ((replied & 1 << n) != 0) {
          state.replied.add(dsts[slot * limit + n]);
        }
      }
    }
    return state;
  }

  long bytes() {
    return 128L + (8L * 4 + 4 * 3) * keys.length + 4L * probes.length + 4L * dsts.length + 4L * pool.length;
  }
}
