package io.fathom.detect.scan;

import io.fathom.detect.PacketView;
import java.util.Arrays;

/**
 * The distinct shapes of young probes, each kept once and known by its index: the fields a source's probes share
 * (one operating system's or one tool's TCP options, MSS and header lengths, an ICMP type and code), so that a
 * young episode's probe records need not repeat them. A shape is a probe's TCP option kinds, options length, MSS,
 * header bytes (IP total length less payload: the IP length itself varies with a UDP payload and stays in the
 * record) and ICMP type and code. A capture has few of them (an operating system's SYN, a tool's, a UDP or ICMP
 * probe's); at most {@value #MAX_SHAPES} are kept, and a probe of another shape after that is not kept young (its
 * episode gets its state, as one whose probe differs from its first probe's shape does).
 *
 * <p>Open addressing with linear probing over the shapes' indexes, the shapes two longs each side by side: a lookup
 * reads one or two lines of a table that stays small and in the core's caches. Not thread-safe.
 */
final class ProbeShapes {
  static final int MAX_SHAPES = 1 << 16;
  /** Per shape: its option kinds and the rest packed ({@link #rest}). */
  private long[] shapes = new long[2 * 16];
  /** Per slot: a shape's index + 1, or 0 when empty; at most half full. */
  private int[] slots = new int[64];
  private int count;

  /** Options length (8 bits), MSS + 1 (17), header bytes (16), ICMP type (8) and code (8): 57 bits. */
  private static long rest(PacketView p) {
    return (p.tcpOptionsLength & 0xFFL)
        | (p.mss + 1L & 0x1_FFFFL) << 8
        | ((p.ipLength - p.payloadLength) & 0xFFFFL) << 25
        | (p.icmpType & 0xFFL) << 41
        | (p.icmpCode & 0xFFL) << 49;
  }

  /** The index of this probe's shape, added on first sight; -1 when {@value #MAX_SHAPES} are kept already. */
  int indexOf(PacketView p) {
    long kinds = p.tcpOptionKinds;
    long rest = rest(p);
    int mask = slots.length - 1;
    int i = Hashing.slot(Hashing.mix64(kinds ^ Long.rotateLeft(rest, 29)), mask);
    for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
      if (shapes[2 * s - 2] == kinds && shapes[2 * s - 1] == rest) {
        return s - 1;
      }
    }
    return add(kinds, rest, i);
  }

  private int add(long kinds, long rest, int slot) {
    if (count == MAX_SHAPES) {
      return -1;
    }
    if (2 * shapes.length <= 4 * count + 4) {
      shapes = Arrays.copyOf(shapes, 2 * shapes.length);
    }
    shapes[2 * count] = kinds;
    shapes[2 * count + 1] = rest;
    slots[slot] = ++count;
    if (2 * count > slots.length) {
      rehash();
    }
    return count - 1;
  }

  private void rehash() {
    int[] grown = new int[2 * slots.length];
    int mask = grown.length - 1;
    for (int index = 0; index < count; index++) {
      int i = Hashing.slot(Hashing.mix64(shapes[2 * index] ^ Long.rotateLeft(shapes[2 * index + 1], 29)), mask);
      while (grown[i] != 0) {
        i = (i + 1) & mask;
      }
      grown[i] = index + 1;
    }
    slots = grown;
  }

  /** Sets {@code out}'s shape fields from shape {@code index}, given the probe's IP total length (set already). */
  void restore(int index, PacketView out) {
    long kinds = shapes[2 * index];
    long rest = shapes[2 * index + 1];
    out.tcpOptionKinds = kinds;
    out.tcpOptionsLength = (int) (rest & 0xFF);
    out.mss = (int) (rest >>> 8 & 0x1_FFFF) - 1;
    out.payloadLength = (out.ipLength - (int) (rest >>> 25 & 0xFFFF)) & 0xFFFF;
    out.icmpType = (int) (rest >>> 41 & 0xFF);
    out.icmpCode = (int) (rest >>> 49 & 0xFF);
  }

  int size() {
    return count;
  }

  long bytes() {
    return 32L + 16L + 8L * shapes.length + 16L + 4L * slots.length;
  }
}
