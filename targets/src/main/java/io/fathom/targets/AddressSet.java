package io.fathom.targets;

import io.fathom.common.Ipv4;
import java.util.Arrays;

/**
 * An immutable set of IPv4 addresses: sorted, disjoint, non-adjacent inclusive ranges of unsigned 32-bit values.
 *
 * <p>Addresses are numbered 0..size-1 in ascending order; {@link #addressAt} and {@link #indexOf} translate between
 * a number and an address by binary search over the count of addresses before each range, without allocating.
 * The set operations merge two sorted range lists in linear time.
 */
public final class AddressSet {
  static final long MAX_ADDRESS = 0xFFFF_FFFFL;
  private static final AddressSet EMPTY = new AddressSet(new long[0], new long[0]);

  private final long[] starts;
  private final long[] ends;
  private final long[] before; // before[i]: addresses in ranges 0..i-1; before[rangeCount] == size

  private AddressSet(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
    this.before = new long[starts.length + 1];
    for (int i = 0; i < starts.length; i++) {
      before[i + 1] = before[i] + ends[i] - starts[i] + 1;
    }
  }

  public static AddressSet empty() {
    return EMPTY;
  }

  /** The addresses from {@code start} to {@code endInclusive}, as unsigned values in [0, 2^32). */
  public static AddressSet of(long start, long endInclusive) {
    checkRange(start, endInclusive);
    return new AddressSet(new long[] {start}, new long[] {endInclusive});
  }

  /** The CIDR block {@code address/prefixLength}; host bits of the address are ignored. */
  public static AddressSet cidr(int address, int prefixLength) {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length must be 0-32: " + prefixLength);
    }
    long blockSize = 1L << (32 - prefixLength);
    long start = Ipv4.unsigned(address) & -blockSize;
    return of(start, start + blockSize - 1);
  }

  public static Builder builder() {
    return new Builder();
  }

  static void checkRange(long start, long endInclusive) {
    if (start < 0 || endInclusive > MAX_ADDRESS || start > endInclusive) {
      throw new IllegalArgumentException("invalid address range " + start + "-" + endInclusive);
    }
  }

  public long size() {
    return before[starts.length];
  }

  public boolean isEmpty() {
    return starts.length == 0;
  }

  public int rangeCount() {
    return starts.length;
  }

  /** The first address (unsigned) of the i-th range, ranges in ascending order. */
  public long rangeStart(int i) {
    return starts[i];
  }

  /** The last address (unsigned, inclusive) of the i-th range. */
  public long rangeEnd(int i) {
    return ends[i];
  }

  /** The index-th address in ascending order, for index in [0, size). */
  public int addressAt(long index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("address index " + index + " outside [0, " + size() + ")");
    }
    int low = 0;
    int high = starts.length - 1;
    while (low < high) { // the last range whose before[] count is <= index
      int mid = (low + high + 1) >>> 1;
      if (before[mid] <= index) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return (int) (starts[low] + index - before[low]);
  }

  /** The position of {@code address} in ascending order, or -1 when it is not in the set. */
  public long indexOf(int address) {
    long value = Ipv4.unsigned(address);
    int range = rangeAtOrBefore(value);
    if (range < 0 || value > ends[range]) {
      return -1;
    }
    return before[range] + value - starts[range];
  }

  public boolean contains(int address) {
    return indexOf(address) >= 0;
  }

  /** True when every address of {@code other} is in this set. */
  public boolean containsAll(AddressSet other) {
    for (int i = 0; i < other.starts.length; i++) {
      int range = rangeAtOrBefore(other.starts[i]);
      // Ranges are merged, so a contained range lies inside a single range of this set.
      if (range < 0 || other.ends[i] > ends[range]) {
        return false;
      }
    }
    return true;
  }

  /** The last range starting at or before {@code value}, or -1. */
  private int rangeAtOrBefore(long value) {
    int low = 0;
    int high = starts.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (starts[mid] <= value) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  public AddressSet union(AddressSet other) {
    RangeList out = new RangeList(starts.length + other.starts.length);
    int i = 0;
    int j = 0;
    while (i < starts.length || j < other.starts.length) {
      if (j >= other.starts.length || (i < starts.length && starts[i] <= other.starts[j])) {
        out.append(starts[i], ends[i]);
        i++;
      } else {
        out.append(other.starts[j], other.ends[j]);
        j++;
      }
    }
    return out.toSet();
  }

  public AddressSet intersect(AddressSet other) {
    RangeList out = new RangeList(starts.length + other.starts.length);
    int i = 0;
    int j = 0;
    while (i < starts.length && j < other.starts.length) {
      long start = Math.max(starts[i], other.starts[j]);
      long end = Math.min(ends[i], other.ends[j]);
      if (start <= end) {
        out.append(start, end);
      }
      if (ends[i] < other.ends[j]) {
        i++;
      } else {
        j++;
      }
    }
    return out.toSet();
  }

  /** The addresses of this set that are not in {@code other}. */
  public AddressSet subtract(AddressSet other) {
    RangeList out = new RangeList(starts.length + other.starts.length);
    int j = 0;
    for (int i = 0; i < starts.length; i++) {
      long from = starts[i]; // the part of range i not yet cut or emitted
      while (j < other.starts.length && other.ends[j] < from) {
        j++;
      }
      for (int k = j; k < other.starts.length && other.starts[k] <= ends[i]; k++) {
        if (other.starts[k] > from) {
          out.append(from, other.starts[k] - 1);
        }
        from = Math.max(from, other.ends[k] + 1);
      }
      if (from <= ends[i]) {
        out.append(from, ends[i]);
      }
    }
    return out.toSet();
  }

  /** The ranges as a comma-separated list that {@link TargetSpecs#parseSpec} reads back: CIDR blocks where exact. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < starts.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      long length = ends[i] - starts[i] + 1;
      text.append(Ipv4.format((int) starts[i]));
      if (Long.bitCount(length) == 1 && (starts[i] & (length - 1)) == 0) {
        if (length > 1) {
          text.append('/').append(32 - Long.numberOfTrailingZeros(length));
        }
      } else {
        text.append('-').append(Ipv4.format((int) ends[i]));
      }
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressSet other && Arrays.equals(starts, other.starts) && Arrays.equals(ends, other.ends);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(starts) + Arrays.hashCode(ends);
  }

  /** Collects ranges in any order, overlapping or not; {@link #build} sorts and merges them. */
  public static final class Builder {
    // Each range packed as (start << 32 | end), with the sign bit flipped so that signed sorting orders by start.
    private long[] packed = new long[16];
    private int count;

    private Builder() {}

    /** Adds the unsigned range [start, endInclusive] (0 <= start <= endInclusive < 2^32). */
    public Builder add(long start, long endInclusive) {
      checkRange(start, endInclusive);
      if (count == packed.length) {
        packed = Arrays.copyOf(packed, count * 2);
      }
      packed[count++] = ((start << 32) | endInclusive) ^ Long.MIN_VALUE;
      return this;
    }

    /** Adds one address. */
    public Builder addAddress(int address) {
      long value = Ipv4.unsigned(address);
      return add(value, value);
    }

    /** Adds every address of {@code set}. */
    public Builder addAll(AddressSet set) {
      for (int i = 0; i < set.starts.length; i++) {
        add(set.starts[i], set.ends[i]);
      }
      return this;
    }

    public AddressSet build() {
      long[] sorted = Arrays.copyOf(packed, count);
      Arrays.sort(sorted);
      RangeList out = new RangeList(count);
      for (long key : sorted) {
        long unflipped = key ^ Long.MIN_VALUE;
        out.append(unflipped >>> 32, unflipped & MAX_ADDRESS);
      }
      return out.toSet();
    }
  }

  /** Ranges appended in order of their starts, merged with the previous one when they overlap or touch. */
  private static final class RangeList {
    private long[] starts;
    private long[] ends;
    private int count;

    RangeList(int capacity) {
      starts = new long[Math.max(capacity, 1)];
      ends = new long[Math.max(capacity, 1)];
    }

    void append(long start, long end) {
      if (count > 0 && start <= ends[count - 1] + 1) {
        ends[count - 1] = Math.max(ends[count - 1], end);
        return;
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      starts[count] = start;
      ends[count] = end;
      count++;
    }

    AddressSet toSet() {
      return count == 0 ? EMPTY : new AddressSet(Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }
  }
}
