package io.fathom.detect.scan;

/**
 * The k addresses with the smallest hashes seen (a bottom-k sketch): an order-independent sample of a target
 * set. Two sources that split one target space have disjoint sketches; two that scan the same space have
 * sketches that overlap by about the Jaccard similarity of their target sets (error about 1 / sqrt(k)).
 * Kept sorted by unsigned hash; an offer costs one comparison unless the hash is among the k smallest.
 */
final class BottomKSketch {
  private final long[] hashes;
  private final int[] addresses;
  private int size;

  BottomKSketch(int k) {
    hashes = new long[k];
    addresses = new int[k];
  }

  void offer(int address) {
    offer(address, Hashing.address(address));
  }

  /** As {@link #offer(int)}, given the address's {@link Hashing#address}. */
  void offer(int address, long hash) {
    int k = hashes.length;
    if (size == k && Long.compareUnsigned(hash, hashes[k - 1]) >= 0) {
      return;
    }
    int at = size;
    while (at > 0 && Long.compareUnsigned(hashes[at - 1], hash) > 0) {
      at--;
    }
    if (at > 0 && hashes[at - 1] == hash) {
      return; // already held
    }
    int moved = Math.min(size, k - 1) - at;
    if (moved > 0) {
      System.arraycopy(hashes, at, hashes, at + 1, moved);
      System.arraycopy(addresses, at, addresses, at + 1, moved);
    }
    hashes[at] = hash;
    addresses[at] = address;
    if (size < k) {
      size++;
    }
  }

  /** The sampled addresses, in ascending order of hash. */
  int[] addresses() {
    return java.util.Arrays.copyOf(addresses, size);
  }

  int size() {
    return size;
  }

  /** The largest hash held (unsigned order); only when the sketch holds at least one. */
  long largestHash() {
    return hashes[size - 1];
  }

  long bytes() {
    return 48L + 12L * hashes.length;
  }
}
