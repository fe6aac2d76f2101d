package io.fathom.detect.scan;

/**
 * The distinct destination ports of one source: up to 32 in a list (of 8, then 16, then 32), then a 65,536-bit
 * bitmap (8 KiB) allocated only for sources that probe more ports. Exact, and never larger than the bitmap. The
 * list's steps keep the many short-lived sources that try a dozen common ports small: an 8 KiB bitmap each, alive
 * for an idle timeout, would outlive young collections and grow the heap.
 */
final class PortSet {
  private static final int FIRST_LIST = 8;
  private static final int MAX_LISTED = 32;
  private int[] list = new int[FIRST_LIST];
  private long[] bitmap;
  private int size;

  /** Adds a port (0-65535); true when new. */
  boolean add(int port) {
    if (bitmap != null) {
      long bit = 1L << port;
      int word = port >>> 6;
      if ((bitmap[word] & bit) != 0) {
        return false;
      }
      bitmap[word] |= bit;
      size++;
      return true;
    }
    for (int i = 0; i < size; i++) {
      if (list[i] == port) {
        return false;
      }
    }
    if (size < MAX_LISTED) {
      if (size == list.length) {
        list = java.util.Arrays.copyOf(list, size * 2);
      }
      list[size++] = port;
      return true;
    }
    bitmap = new long[1024];
    for (int i = 0; i < size; i++) {
      bitmap[list[i] >>> 6] |= 1L << list[i];
    }
    bitmap[port >>> 6] |= 1L << port;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  /** The ports, ascending. */
  int[] toArray() {
    int[] ports = new int[size];
    if (bitmap == null) {
      System.arraycopy(list, 0, ports, 0, size);
      java.util.Arrays.sort(ports);
      return ports;
    }
    int n = 0;
    for (int word = 0; word < bitmap.length; word++) {
      long bits = bitmap[word];
      while (bits != 0) {
        ports[n++] = word * 64 + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return ports;
  }

  long bytes() {
    return 16L + 16 + 4L * list.length + 16 + (bitmap != null ? 8L * bitmap.length : 0);
  }
}
