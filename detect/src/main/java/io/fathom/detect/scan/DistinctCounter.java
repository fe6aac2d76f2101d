package io.fathom.detect.scan;

/**
 * Counts distinct addresses: exactly up to {@code exactCap}, then in a {@link HyperLogLog} of fixed size (the
 * exact members are folded into it and dropped). Memory grows with the count up to the cap and then stays flat.
 */
final class DistinctCounter {
  private final int exactCap;
  private final int precision;
  private IntSet exact;
  private HyperLogLog sketch;

  DistinctCounter(int exactCap, int precision) {
    this.exactCap = exactCap;
    this.precision = precision;
    this.exact = new IntSet(8, exactCap);
  }

  /** Adds an address; true when it is new (exact) or raised a register (approximate, once past the cap). */
  boolean add(int address) {
    return add(address, Hashing.address(address));
  }

  /** As {@link #add(int)}, given the address's {@link Hashing#address} (a scan's probe hashes it once). */
  boolean add(int address, long hash) {
    if (sketch != null) {
      return sketch.addHash(hash);
    }
    int result = exact.add(address, hash);
    if (result != IntSet.FULL) {
      return result == IntSet.ADDED;
    }
    sketch = new HyperLogLog(precision);
    int[] members = new int[exact.size()];
    int n = exact.copyTo(members);
    for (int i = 0; i < n; i++) {
      sketch.addHash(Hashing.address(members[i]));
    }
    exact = null;
    return sketch.addHash(hash);
  }

  boolean isExact() {
    return sketch == null;
  }

  /** Membership while still exact; false once approximate. */
  boolean containsExact(int address) {
    return exact != null && exact.contains(address);
  }

  long count() {
    return sketch != null ? sketch.estimate() : exact.size();
  }

  /** The exact members (only while {@link #isExact}). */
  int[] exactMembers() {
    int[] members = new int[exact.size()];
    exact.copyTo(members);
    return members;
  }

  int exactCap() {
    return exactCap;
  }

  long bytes() {
    return 16L + (sketch != null ? sketch.bytes() : exact.bytes());
  }
}
