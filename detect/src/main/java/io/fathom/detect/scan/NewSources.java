package io.fathom.detect.scan;

import io.fathom.common.NativeMemory;
import io.fathom.common.Pages;
import io.fathom.detect.PacketView;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The first probes of young episodes: no object per source.
 *
 * <p>Most sources of a telescope capture send one to fifteen probes (backscatter's mirror image: random noise), and
 * a {@link SourceState} with its tables, sketches and tool observer costs kilobytes. So an episode starts young:
 * its counters, random walk, distinct destinations and a 64-bit Bloom filter of them live in its
 * {@link SourceTable} entry, and its first {@code limit} probes are kept whole (every {@link PacketView} field a
 * probe carries) in up to {@value SourceTable#CHUNKS} chunks of {@value #PER_CHUNK} from a shared pool of 2 MiB
 * pages off the heap (a collection never copies them), their addresses in the entry. Only its next probe makes a
 * {@link SourceState}, which is then given the kept probes again in order ({@link #replay}), so its tables, sketches
 * and observer end exactly as if they had seen every probe. An episode that ends first is reported from its entry,
 * or, when it kept probes enough to meet a definition (15 with the defaults), from a state given them at its end the
 * same way.
 *
 * <p>A record is {@value #PROBE_LONGS} longs: what differs from probe to probe (destination, ports, sequence and
 * acknowledgement numbers, IP ID, TTL, flags, window, IP length, time). The fields an episode's probes share (TCP
 * option kinds and length, MSS, header bytes, ICMP type and code: its {@link ProbeShapes shape}) are kept once, as
 * the index of its first probe's shape in the entry; a probe of another shape gives the episode its state at once.
 *
 * <p>So a young probe reads its entry and writes its record, and reads kept records only when the Bloom filter
 * cannot rule its destination out; an ending young episode reads none unless it had a single destination.
 *
 * <p>Not thread-safe; allocates only when the pool grows by a page.
 */
final class NewSources {
  /** Longs kept per probe: see {@link #keep} for the layout. */
  static final int PROBE_LONGS = 4;
  /**
   * Nine probes a chunk (288 bytes), two chunks: seventeen probes kept, so that the many sources of a telescope that
   * send fifteen or so probes never need a state that lives on until their idle timeout (the benchmark capture's
   * noise: about 5 % faster than fourteen probes kept, bench/README.md), and the source of up to nine probes, most
   * of them, fills one chunk.
   */
  static final int PER_CHUNK = 9;
  private static final int CHUNK_LONGS = PER_CHUNK * PROBE_LONGS;
  /** Pages of 2 MiB, off the heap (on huge pages where there are): records are never moved by a collection. */
  private static final int PAGE_BITS = 18;
  private static final int PAGE_LONGS = 1 << PAGE_BITS;
  /** The first page's size at first (256 KiB), doubled as it fills: a detector with few sources stays small. */
  private static final int FIRST_PAGE_LONGS = 1 << 15;
  private static final int PAGE_MASK = PAGE_LONGS - 1;
  /** The most probes a young episode can keep. */
  static final int MAX_LIMIT = Math.min(SourceTable.MAX_REPLIED, SourceTable.CHUNKS * PER_CHUNK);

  /**
   * Records staged before they are written to their chunks. A chunk's line is rarely in the cache (an episode's
   * probes come seconds apart), and a store to a line that is not stalls the core once its store buffer fills:
   * written 256 at a time in a tight loop, the misses overlap (the benchmark runs 9-13 % faster: bench/README.md).
   */
  private static final int STAGED = 256;
  private final long[] staging = new long[STAGED * PROBE_LONGS];
  /** Where each staged record goes: its pool address. */
  private final int[] destinations = new int[STAGED];
  private int staged;

  /** Writes the staged records to their chunks, in order (so that a later record for the same place wins). */
  private void flush() {
    if (staged == 0) {
      return;
    }
    long[] st = staging;
    for (int i = 0, n = staged; i < n; i++) {
      int address = destinations[i];
      MemorySegment b = page(address);
      int at = address & PAGE_MASK;
      int k = i * PROBE_LONGS;
      set(b, at, st[k]);
      set(b, at + 1, st[k + 1]);
      set(b, at + 2, st[k + 2]);
      set(b, at + 3, st[k + 3]);
    }
    staged = 0;
  }

  final int limit;
  private final SourceTable table;
  private final ProbeShapes shapes = new ProbeShapes();
  /** Pages of grown tables: a record is written before it is read, so old content does not matter. */
  private final RecycledPages recycled;
  private MemorySegment[] pages = new MemorySegment[16];
  private int pageCount;
  /** The first page's size (zero before it is made). */
  private long firstPageBytes;
  /** Address of the next chunk never used. */
  private int fresh;
  /** Free chunks, as a stack of addresses (reusing one reads nothing of it). */
  private int[] freeChunks = new int[1024];
  private int freeCount;

  NewSources(int limit, SourceTable table) {
    this(limit, table, new RecycledPages());
  }

  /** Keeps up to {@code limit} probes per episode, in pages taken from {@code recycled} while it has some. */
  NewSources(int limit, SourceTable table, RecycledPages recycled) {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("young probes: " + limit);
    }
    this.limit = limit;
    this.table = table;
    this.recycled = recycled;
  }

  // --- the pool ---

  private MemorySegment page(int address) {
    return pages[address >>> PAGE_BITS];
  }

  private int allocateChunk() {
    if (freeCount > 0) {
      return freeChunks[--freeCount];
    }
    if ((fresh & PAGE_MASK) + CHUNK_LONGS > PAGE_LONGS) {
      fresh = (fresh + PAGE_MASK) & ~PAGE_MASK; // chunks never straddle pages
    }
    int page = fresh >>> PAGE_BITS;
    if (page == pageCount || page == 0 && 8L * ((fresh & PAGE_MASK) + CHUNK_LONGS) > firstPageBytes) {
      addRoom(page);
    }
    int chunk = fresh;
    fresh += CHUNK_LONGS;
    return chunk;
  }

  /**
   * Adds page {@code page}, or grows the first page (which starts small) in place: the same addresses. Rare, and
   * kept out of {@link #keep}'s compiled code: a page may be a segment of another class than the last (mapped,
   * allocated, a grown table's slice), and a store of one the compiler had not profiled there recompiled it.
   */
  private void addRoom(int page) {
    if (page == pageCount) {
      if (pageCount == pages.length) {
        pages = Arrays.copyOf(pages, pageCount * 2);
      }
      pages[pageCount++] = page == 0 ? Pages.allocateZeroed(8L * FIRST_PAGE_LONGS) : newPage();
    }
    if (page == 0 && 8L * ((fresh & PAGE_MASK) + CHUNK_LONGS) > pages[0].byteSize()) {
      MemorySegment grown = Pages.allocateZeroed(Math.min(2 * pages[0].byteSize(), 8L * PAGE_LONGS));
      MemorySegment.copy(pages[0], 0, grown, 0, pages[0].byteSize());
      pages[0] = grown;
    }
    firstPageBytes = pages[0].byteSize();
  }

  /** A full page: a grown table's if there is one (no fresh memory for the kernel to zero), else a new one. */
  private MemorySegment newPage() {
    MemorySegment page = recycled.take();
    return page != null ? page : Pages.allocateZeroed(8L * PAGE_LONGS);
  }

  private void freeChunk(int chunk) {
    if (freeCount == freeChunks.length) {
      freeChunks = Arrays.copyOf(freeChunks, freeCount * 2);
    }
    freeChunks[freeCount++] = chunk;
  }

  // Pages are native memory held in {@code pages}: read and written through NativeMemory (about 1.5 % faster).
  private static long get(MemorySegment page, int index) {
    assert NativeMemory.within(page, 8L * index, Long.BYTES);
    return NativeMemory.getLong(page.address() + 8L * index);
  }

  private static void set(MemorySegment page, int index, long value) {
    assert NativeMemory.within(page, 8L * index, Long.BYTES);
    NativeMemory.putLong(page.address() + 8L * index, value);
  }

  /** Where kept probe {@code n} of the entry begins, within its chunk's page. */
  private int at(int entry, int n) {
    return (table.chunk(entry, n / PER_CHUNK) & PAGE_MASK) + (n % PER_CHUNK) * PROBE_LONGS;
  }

  private MemorySegment pageOf(int entry, int n) {
    return page(table.chunk(entry, n / PER_CHUNK));
  }

  // --- episodes ---

  /** Frees a young episode's probes (its entry is about to be removed or promoted). */
  void close(int entry) {
    int count = table.count(entry);
    for (int c = 0; c * PER_CHUNK < count; c++) {
      freeChunk(table.chunk(entry, c));
    }
  }

  boolean hasRoom(int entry) {
    return table.count(entry) < limit;
  }

  /** The index of this probe's shape ({@link ProbeShapes}), or -1 when no more shapes are kept. */
  int shape(PacketView p) {
    return shapes.indexOf(p);
  }

  /** Whether a probe of shape {@code shape} can be kept: the episode's first, or of the same shape as its first. */
  boolean fits(int entry, int shape) {
    return shape >= 0 && (table.count(entry) == 0 || table.shape(entry) == shape);
  }

  /**
   * A destination's two bits in the first half (64 bits) of the entry's Bloom filter. With two more in its second
   * half (56 bits) a probe to a new destination reads the kept records in 0.3 % of cases at eight destinations, 3 %
   * at sixteen (with one 64-bit half, 5 % and 16 %: the benchmark capture about 6 % faster, bench/README.md).
   */
  private static long bloomBits(long hash) {
    return 1L << (hash >>> 58) | 1L << (hash >>> 52 & 63);
  }

  /** A destination's two bits in the second half: bits 8 to 63. */
  private static long bloomHighBits(long hash) {
    return 1L << (8 + ((hash >>> 44 & 0xFF) * 56 >>> 8)) | 1L << (8 + ((hash >>> 36 & 0xFF) * 56 >>> 8));
  }

  /** False when the entry's Bloom filter rules the destination with this hash out. */
  boolean mayHold(int entry, long hash) {
    long low = bloomBits(hash);
    long high = bloomHighBits(hash);
    return (table.bloom(entry) & low) == low && (table.bloomHigh(entry) & high) == high;
  }

  /**
   * Keeps one probe (there must be room, and it must {@link #fits fit}); {@code hash} is its destination's
   * {@link Hashing#address}, {@code shape} its {@link #shape}.
   *
   * @return true when it was a first contact (a destination not probed before in this episode)
   */
  boolean keep(int entry, PacketView p, long hash, int shape) {
    long now = p.timestampNanos;
    if (now > table.lastNanos(entry)) {
      table.lastNanos(entry, now);
    }
    int n = table.count(entry);
    boolean first = !mayHold(entry, hash) || indexOf(entry, p.dstIp) < 0;
    if (first) {
      table.addTarget(entry, bloomBits(hash), bloomHighBits(hash));
    }
    if (n == 0) {
      table.firstDst(entry, p.dstIp);
      table.shape(entry, shape);
    }
    if (n % PER_CHUNK == 0) {
      table.chunk(entry, n / PER_CHUNK, allocateChunk());
    }
    // staged: every read of kept records (load, indexOf, dstPort) writes the staged ones first
    int k = staged * PROBE_LONGS;
    long[] st = staging;
    st[k] = (p.dstIp & 0xFFFF_FFFFL) | (long) p.seq << 32;
    st[k + 1] = now;
    st[k + 2] = (p.ipId & 0xFFFFL) | (p.srcPort & 0xFFFFL) << 16 | (p.dstPort & 0xFFFFL) << 32
        | (p.window & 0xFFFFL) << 48;
    st[k + 3] = (p.ack & 0xFFFF_FFFFL) | (p.ttl & 0xFFL) << 32 | (p.tcpFlags & 0xFFL) << 40
        | (p.ipLength & 0xFFFFL) << 48;
    destinations[staged] = (table.chunk(entry, n / PER_CHUNK) & ~PAGE_MASK) | at(entry, n);
    if (++staged == STAGED) {
      flush();
    }
    table.count(entry, n + 1);
    return first;
  }

  /** Kept probe {@code n}, written into {@code out} (every field). */
  private void load(int entry, long key, int n, PacketView out) {
    flush();
    MemorySegment b = pageOf(entry, n);
    int at = at(entry, n);
    out.clear();
    out.srcIp = (int) (key >>> 8);
    out.protocol = (int) (key & 0xFF);
    out.dstIp = (int) get(b, at);
    out.seq = (int) (get(b, at) >>> 32);
    out.timestampNanos = get(b, at + 1);
    long ports = get(b, at + 2);
    out.ipId = (int) (ports & 0xFFFF);
    out.srcPort = (int) (ports >>> 16 & 0xFFFF);
    out.dstPort = (int) (ports >>> 32 & 0xFFFF);
    out.window = (int) (ports >>> 48);
    long w = get(b, at + 3);
    out.ack = (int) w;
    out.ttl = (int) (w >>> 32 & 0xFF);
    out.tcpFlags = (int) (w >>> 40 & 0xFF);
    out.ipLength = (int) (w >>> 48);
    shapes.restore(table.shape(entry), out);
  }

  /** The first kept probe with this destination, or -1. */
  private int indexOf(int entry, int dst) {
    flush();
    for (int n = 0, count = table.count(entry); n < count; n++) {
      if ((int) get(pageOf(entry, n), at(entry, n)) == dst) {
        return n;
      }
    }
    return -1;
  }

  /**
   * The time of the last kept probe to {@code dst} and {@code dstPort} with sequence number {@code seq} (what the
   * retransmission filter tells a repeat by), or {@code Long.MIN_VALUE}.
   */
  long lastRecordNanos(int entry, int dst, int dstPort, int seq) {
    flush();
    long first = (dst & 0xFFFF_FFFFL) | (long) seq << 32;
    for (int n = table.count(entry) - 1; n >= 0; n--) {
      MemorySegment b = pageOf(entry, n);
      int at = at(entry, n);
      if (get(b, at) == first && (int) (get(b, at + 2) >>> 32 & 0xFFFF) == dstPort) {
        return get(b, at + 1);
      }
    }
    return Long.MIN_VALUE;
  }

  /**
   * Gives the retransmission filter the kept probes, newest first, each unless it has an entry for it already: an
   * episode that gets its state (whose next probes the filter tells apart) or ends while a repeat could still come.
   */
  void rememberProbes(int entry, RetransmissionFilter filter, long keyHash) {
    flush();
    for (int n = table.count(entry) - 1; n >= 0; n--) {
      MemorySegment b = pageOf(entry, n);
      int at = at(entry, n);
      long first = get(b, at);
      filter.rememberIfAbsent(keyHash, Hashing.address((int) first), (int) (get(b, at + 2) >>> 32 & 0xFFFF),
          (int) (first >>> 32), get(b, at + 1));
    }
  }

  boolean targets(int entry, int dst) {
    return mayHold(entry, Hashing.address(dst)) && indexOf(entry, dst) >= 0;
  }

  /** Distinct destinations. */
  int targetCount(int entry) {
    return table.targets(entry);
  }

  /** Distinct destination ports, as {@link PortSet} counts them (none for ICMP); reads every kept probe. */
  int portCount(int entry) {
    if ((table.key(entry) & 0xFF) == PacketView.PROTO_ICMP) {
      return 0;
    }
    int distinct = 0;
    for (int n = 0, count = table.count(entry); n < count; n++) {
      int port = dstPort(entry, n);
      boolean seen = false;
      for (int m = 0; m < n && !seen; m++) {
        seen = dstPort(entry, m) == port;
      }
      if (!seen) {
        distinct++;
      }
    }
    return distinct;
  }

  private int dstPort(int entry, int n) {
    flush();
    return (int) (get(pageOf(entry, n), at(entry, n) + 2) >>> 32 & 0xFFFF);
  }

  /** As {@link SourceState#firstReplyFrom}: true when {@code from} is a destination that had not answered. */
  boolean firstReplyFrom(int entry, int from, int maxReplies) {
    if (!mayHold(entry, Hashing.address(from))) {
      return false;
    }
    int n = indexOf(entry, from);
    if (n < 0) {
      return false;
    }
    int replied = table.replied(entry);
    if ((replied & 1 << n) != 0 || Integer.bitCount(replied) >= maxReplies) {
      return false;
    }
    table.replied(entry, replied | 1 << n);
    return true;
  }

  /**
   * Gives the kept probes, in order, to a fresh state made from the first of them, with the walk, the suspect
   * mark and the answered destinations; {@code next} (the probe that did not fit) makes the state when none was
   * kept (at an episode's end, when some were, it may be null).
   */
  SourceState replay(int entry, DetectionSettings s, Telescope telescope, PacketView scratch, PacketView next) {
    long key = table.key(entry);
    int count = table.count(entry);
    if (count == 0) {
      return new SourceState(key, next.srcIp, next.protocol, next, s,
          s.observers() == null ? null : s.observers().get());
    }
    load(entry, key, 0, scratch);
    SourceState state = new SourceState(key, scratch.srcIp, scratch.protocol, scratch, s,
        s.observers() == null ? null : s.observers().get());
    for (int n = 0; n < count; n++) {
      load(entry, key, n, scratch);
      state.probe(scratch, s, telescope);
    }
    state.walk = table.walk(entry);
    state.suspect = table.suspect(entry);
    int replied = table.replied(entry);
    if (replied != 0) {
      state.replied = new IntSet(4, s.trwMaxReplies());
      for (int n = 0; n < count; n++) {
        if ((replied & 1 << n) != 0) {
          state.replied.add((int) get(pageOf(entry, n), at(entry, n)));
        }
      }
    }
    return state;
  }

  long bytes() {
    long bytes = 64L + shapes.bytes() + 16L * pages.length + 4L * freeChunks.length + 16L + 8L * staging.length + 16L
        + 4L * destinations.length;
    for (int i = 0; i < pageCount; i++) {
      bytes += 64 + pages[i].byteSize();
    }
    return bytes;
  }
}
