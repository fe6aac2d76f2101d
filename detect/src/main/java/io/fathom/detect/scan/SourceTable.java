package io.fathom.detect.scan;

import io.fathom.common.NativeMemory;
import io.fathom.common.Pages;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The live episodes by (source, protocol): open addressing with linear probing and backward-shift deletion (no
 * tombstones), off the heap (on huge pages where the kernel has them: {@link Pages}), each entry one 64-byte
 * cache line holding what every packet of the episode reads or writes. Finding an episode and deciding what its
 * next probe does costs one cache miss; a telescope's millions of one-to-fifteen-packet sources touch nothing else
 * but the probe records they write.
 *
 * <pre>
 *   word 0  key (40 bits: source address, protocol) | count (5) | suspect (1) | promoted (1) | replied (17)
 *   word 1  time of the latest probe, ns
 *   word 2  random walk (double: the log likelihood ratio) of a young episode
 *   word 3  time of the first probe, ns
 *   word 4  chunk 0 (32: a young episode's first probe chunk; a promoted one's state index) | chunk 1 (32)
 *   word 5  shape of a young episode's probes (31: {@link ProbeShapes}) | earlier episode's probes in the
 *           retransmission filter (1) | first destination (32)
 *   word 6  Bloom filter of the destinations, first half (64)
 *   word 7  distinct destinations (8) | Bloom filter, second half (56)
 * </pre>
 *
 * <p>A search reads entries from the key's home slot on, and an entry whose key is zero is empty (a key is never
 * zero: sources ending in .0 are spoofed): the detector loads the home entries of a batch of packets ahead
 * ({@link #touch}), so a search finds its line in the cache. Beside the entries, one byte per entry on the heap
 * says whether it is occupied and a second holds the time of its latest probe in coarse epochs (about a hundredth
 * of the idle timeout, modulo 256: {@link ScanDetector#epochShift}), so that a sweep for idle episodes passes over
 * the recently used ones eight at a time without reading them ({@link #idleCandidates}), and removal and growth find
 * the occupied slots without reading entries. (Searches and inserts read a byte of the key's hash per entry first
 * until the read-ahead came: with it, leaving that megabyte out took about 5 % less CPU time, less for the cache to
 * hold.) The backscatter of a telescope, whose destinations lie in a few /16s where no live source is, reads no
 * entry: a count of live entries per /16 of their address (256 KiB, its few lines for those /16s stay in the cache)
 * says so first ({@link #mayHoldAddress}). Entries move when others are removed and the whole table when it grows,
 * so an entry index is valid only until the next {@link #insert} or {@link #remove}. Not thread-safe.
 */
final class SourceTable {
  static final int ENTRY_BYTES = 64;
  /** Probe chunks an entry refers to. */
  static final int CHUNKS = 2;
  static final int MAX_COUNT = 31;
  static final int MAX_REPLIED = 17;
  private static final long KEY_MASK = (1L << 40) - 1;
  private static final int COUNT_SHIFT = 40;
  private static final long COUNT_MASK = (long) MAX_COUNT << COUNT_SHIFT;
  private static final long SUSPECT = 1L << 45;
  private static final long PROMOTED = 1L << 46;
  private static final int REPLIED_SHIFT = 47;
  private static final long REPLIED_MASK = ((1L << MAX_REPLIED) - 1) << REPLIED_SHIFT;
  /** Word 7: a young entry's distinct destinations (at most {@link #MAX_COUNT}), below half its Bloom filter. */
  private static final long TARGETS_MASK = 0xFF;

  private static final VarHandle EIGHT_BYTES =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_BITS = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  private MemorySegment entries;
  /** The entries' address: read and written through {@link NativeMemory}, {@code entries} kept to keep them. */
  private long base;
  /** Live entries per /16 of their source address. */
  private final int[] perSixteen = new int[1 << 16];
  /** Per entry: 1 when occupied, else 0 (read eight at a time by sweeps; removal and growth read it too). */
  private byte[] used;
  private byte[] epochs;
  private int mask;
  private int size;

  /** Where the memory of the table left behind by growth goes. */
  private final RecycledPages recycled;

  SourceTable(int initialCapacity) {
    this(initialCapacity, new RecycledPages());
  }

  /** A table whose growth leaves its old entries' pages to {@code recycled}. */
  SourceTable(int initialCapacity, RecycledPages recycled) {
    this.recycled = recycled;
    int capacity = Math.max(64, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1);
    entries = allocate(capacity);
    base = entries.address();
    used = new byte[capacity];
    epochs = new byte[capacity];
    mask = capacity - 1;
  }

  private static MemorySegment allocate(int capacity) {
    return Pages.allocateZeroed((long) capacity * ENTRY_BYTES); // zeroed: every entry empty
  }

  private long word(int index, int word) {
    long offset = (long) index * ENTRY_BYTES + word * Long.BYTES;
    assert NativeMemory.within(entries, offset, Long.BYTES);
    return NativeMemory.getLong(base + offset);
  }

  private void word(int index, int word, long value) {
    long offset = (long) index * ENTRY_BYTES + word * Long.BYTES;
    assert NativeMemory.within(entries, offset, Long.BYTES);
    NativeMemory.putLong(base + offset, value);
  }

  /** The slot where a search for {@code key} begins. */
  int home(long key) {
    return Hashing.slot(Hashing.mix64(key), mask);
  }

  /** The slot where a search for a key of this hash ({@code Hashing.mix64} of the key) begins. */
  int homeOfHash(long keyHash) {
    return Hashing.slot(keyHash, mask);
  }

  private static int sixteen(long key) {
    return (int) (key >>> 24) & 0xFFFF; // the key's address is above its eight protocol bits
  }

  /** False when no live entry has a source in the /16 of {@code address} (so {@link #find} would find none). */
  boolean mayHoldAddress(int address) {
    return perSixteen[address >>> 16] != 0;
  }

  /** Reads the entry in slot {@code home} and returns its first word: loads a line a search will read. */
  long touch(int home) {
    return word(home, 0);
  }

  /** Reads what {@link #remove} of entry {@code index} reads besides it: its /16's count and the next entry. */
  long touchRemoval(int index) {
    return perSixteen[sixteen(word(index, 0) & KEY_MASK)] + word((index + 1) & mask, 0);
  }

  /** The entry of {@code key}, or -1. */
  int find(long key) {
    return findFrom(key, home(key));
  }

  /** The entry of {@code key}, or -1, searching from its home slot {@code home}. */
  int findFrom(long key, int home) {
    int i = home;
    long held;
    while ((held = word(i, 0) & KEY_MASK) != 0) {
      if (held == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Adds an empty young entry for {@code key} (which must be absent and non-zero); returns its index. */
  int insert(long key, long nowNanos) {
    if ((size + 1) * 2 > mask + 1) {
      grow();
    }
    int i = home(key);
    while (word(i, 0) != 0) { // the entries, as a search reads them (the home entry was loaded ahead)
      i = (i + 1) & mask;
    }
    used[i] = 1;
    epochs[i] = 0;
    perSixteen[sixteen(key)]++;
    word(i, 0, key);
    word(i, 1, nowNanos);
    word(i, 2, 0);
    word(i, 3, nowNanos);
    word(i, 4, 0);
    word(i, 5, 0);
    word(i, 6, 0);
    word(i, 7, 0);
    size++;
    return i;
  }

  private void grow() {
    MemorySegment old = entries;
    byte[] oldUsed = used;
    byte[] oldEpochs = epochs;
    int oldCapacity = mask + 1;
    entries = allocate(oldCapacity * 2);
    base = entries.address();
    used = new byte[oldCapacity * 2];
    epochs = new byte[oldCapacity * 2];
    mask = oldCapacity * 2 - 1;
    for (int j = 0; j < oldCapacity; j++) {
      if (oldUsed[j] != 0) {
        long from = (long) j * ENTRY_BYTES;
        int i = home(old.get(ValueLayout.JAVA_LONG, from) & KEY_MASK);
        while (used[i] != 0) {
          i = (i + 1) & mask;
        }
        used[i] = 1;
        epochs[i] = oldEpochs[j];
        MemorySegment.copy(old, from, entries, (long) i * ENTRY_BYTES, ENTRY_BYTES);
      }
    }
    recycled.release(old);
  }

  /** Removes the entry; later entries of its cluster move back (so the entry at {@code index} may be another). */
  void remove(int index) {
    size--;
    perSixteen[sixteen(word(index, 0) & KEY_MASK)]--;
    int gap = index;
    int j = index;
    while (true) {
      j = (j + 1) & mask;
      if (used[j] == 0) {
        break;
      }
      int home = home(word(j, 0) & KEY_MASK);
      if (!Hashing.staysAfterGap(home, gap, j, mask)) {
        MemorySegment.copy(entries, (long) j * ENTRY_BYTES, entries, (long) gap * ENTRY_BYTES, ENTRY_BYTES);
        used[gap] = used[j];
        epochs[gap] = epochs[j];
        gap = j;
      }
    }
    used[gap] = 0;
    word(gap, 0, 0);
  }

  /**
   * Of the eight entries from {@code index} (a multiple of eight), those occupied whose epoch is at least
   * {@code idleEpochs} (1 to 127) behind {@code epoch}, modulo 256: bit i for entry index + i. Eight entries in a
   * few instructions, so that a sweep passes over the many recently used ones without reading them one by one.
   */
  int idleCandidates(int index, int epoch, int idleEpochs) {
    return idleCandidates(used, epochs, index, epoch, idleEpochs);
  }

  /**
   * {@link #idleCandidates(int, int, int)} over any pair of per-entry arrays: {@code used} (1 occupied, 0 empty)
   * and {@code epochs} (coarse times modulo 256), eight entries from {@code index} (a multiple of eight).
   */
  static int idleCandidates(byte[] used, byte[] epochs, int index, int epoch, int idleEpochs) {
    long held = (long) EIGHT_BYTES.get(used, index);
    long stamps = (long) EIGHT_BYTES.get(epochs, index);
    long occupied = (held << 7) & HIGH_BITS; // each byte is 0 or 1: its bit moved to the byte's high bit
    // per byte, (epoch - stamp) mod 256, without borrows crossing bytes
    long now = epoch * LOW_BITS;
    long behind = ((now | HIGH_BITS) - (stamps & ~HIGH_BITS)) ^ ((now ^ ~stamps) & HIGH_BITS);
    // high bit of each byte at least idleEpochs: the low seven bits plus (128 - idleEpochs) carry into it
    long idle = ((behind & ~HIGH_BITS) + (128L - idleEpochs) * LOW_BITS | behind) & HIGH_BITS;
    long both = occupied & idle;
    // gather the eight high bits into one byte
    return (int) (((both >>> 7) * 0x0102_0408_1020_4080L) >>> 56);
  }

  int capacity() {
    return mask + 1;
  }

  int size() {
    return size;
  }

  boolean occupied(int index) {
    return used[index] != 0;
  }

  /** The coarse time of the entry's latest probe, as {@link #epoch(int, int)} set it. */
  int epoch(int index) {
    return epochs[index] & 0xFF;
  }

  void epoch(int index, int epoch) {
    epochs[index] = (byte) epoch;
  }

  long key(int index) {
    return word(index, 0) & KEY_MASK;
  }

  /** Probes kept by a young episode. */
  int count(int index) {
    return (int) ((word(index, 0) & COUNT_MASK) >>> COUNT_SHIFT);
  }

  void count(int index, int count) {
    word(index, 0, word(index, 0) & ~COUNT_MASK | (long) count << COUNT_SHIFT);
  }

  boolean suspect(int index) {
    return (word(index, 0) & SUSPECT) != 0;
  }

  void markSuspect(int index) {
    word(index, 0, word(index, 0) | SUSPECT);
  }

  boolean promoted(int index) {
    return (word(index, 0) & PROMOTED) != 0;
  }

  /** Marks the entry as having a {@link SourceState}, kept at {@code stateIndex}. */
  void promote(int index, int stateIndex) {
    word(index, 0, word(index, 0) | PROMOTED);
    word(index, 4, stateIndex & 0xFFFF_FFFFL);
  }

  /** A promoted episode's state index. */
  int stateIndex(int index) {
    return (int) word(index, 4);
  }

  /** Young: the address of probe chunk {@code c} (0 to {@link #CHUNKS} - 1). */
  int chunk(int index, int c) {
    long w = word(index, 4 + (c >>> 1));
    return (c & 1) == 0 ? (int) w : (int) (w >>> 32);
  }

  void chunk(int index, int c, int address) {
    int word = 4 + (c >>> 1);
    long w = word(index, word);
    word(index, word, (c & 1) == 0 ? w & 0xFFFF_FFFF_0000_0000L | (address & 0xFFFF_FFFFL)
        : w & 0xFFFF_FFFFL | (long) address << 32);
  }

  private static final long EARLIER_IN_FILTER = 1L << 31;

  /** Young: the index of its probes' shape. */
  int shape(int index) {
    return (int) word(index, 5) & 0x7FFF_FFFF;
  }

  void shape(int index, int shape) {
    word(index, 5, word(index, 5) & ~0x7FFF_FFFFL | (shape & 0x7FFF_FFFFL));
  }

  /** Whether the retransmission filter may hold probes of an earlier episode of this key (ended recently). */
  boolean earlierInFilter(int index) {
    return (word(index, 5) & EARLIER_IN_FILTER) != 0;
  }

  void markEarlierInFilter(int index) {
    word(index, 5, word(index, 5) | EARLIER_IN_FILTER);
  }

  int firstDst(int index) {
    return (int) (word(index, 5) >>> 32);
  }

  void firstDst(int index, int dst) {
    word(index, 5, word(index, 5) & 0xFFFF_FFFFL | (long) dst << 32);
  }

  long firstNanos(int index) {
    return word(index, 3);
  }

  /** Young: the first half of the destinations' Bloom filter. */
  long bloom(int index) {
    return word(index, 6);
  }

  /** Young: the second half of the destinations' Bloom filter (its low eight bits are always zero). */
  long bloomHigh(int index) {
    return word(index, 7) & ~TARGETS_MASK;
  }

  /** Young: one more distinct destination, with its bits of both halves of the Bloom filter. */
  void addTarget(int index, long bloomBits, long bloomHighBits) {
    word(index, 6, word(index, 6) | bloomBits);
    word(index, 7, (word(index, 7) | (bloomHighBits & ~TARGETS_MASK)) + 1);
  }

  /** Young: distinct destinations of the kept probes. */
  int targets(int index) {
    return (int) (word(index, 7) & TARGETS_MASK);
  }

  /** Bit n: the destination of kept probe n answered. */
  int replied(int index) {
    return (int) ((word(index, 0) & REPLIED_MASK) >>> REPLIED_SHIFT);
  }

  void replied(int index, int bits) {
    word(index, 0, word(index, 0) & ~REPLIED_MASK | ((long) bits << REPLIED_SHIFT & REPLIED_MASK));
  }

  long lastNanos(int index) {
    return word(index, 1);
  }

  void lastNanos(int index, long nanos) {
    word(index, 1, nanos);
  }

  double walk(int index) {
    return Double.longBitsToDouble(word(index, 2));
  }

  void walk(int index, double walk) {
    word(index, 2, Double.doubleToRawLongBits(walk));
  }

  long bytes() {
    return 64L + entries.byteSize() + 32L + 2L * used.length + 16L + 4L * perSixteen.length;
  }
}
