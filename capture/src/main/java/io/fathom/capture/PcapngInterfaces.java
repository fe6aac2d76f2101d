package io.fathom.capture;

import java.util.Arrays;

/**
 * The interfaces of the current pcapng section: link type, snapshot length and how to turn the interface's
 * timestamp units (if_tsresol: 10^-n, or 2^-n when the high bit is set; shifted by if_tsoffset seconds) into
 * nanoseconds. A new section starts the numbering again.
 */
final class PcapngInterfaces {
  /** More than any real capture has; bounds what a corrupt file can make us allocate. */
  static final int MAX_INTERFACES = 1 << 16;
  static final int DEFAULT_TSRESOL = 6;

  private static final byte MULTIPLY = 0;
  private static final byte DIVIDE = 1;
  private static final byte SHIFT = 2;
  private static final byte ZERO = 3;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private int count;
  private int[] linkTypes = new int[4];
  private long[] snaplens = new long[4];
  private byte[] modes = new byte[4];
  private long[] factors = new long[4];
  private int[] shifts = new int[4];
  private long[] offsetNanos = new long[4];

  void clear() {
    count = 0;
  }

  int count() {
    return count;
  }

  int linkType(int id) {
    return linkTypes[id];
  }

  long snaplen(int id) {
    return snaplens[id];
  }

  /** Declares the next interface; false (and nothing declared) when there are too many. */
  boolean add(int linkType, long snaplen, int tsresol, long tsoffsetSeconds) {
    if (count == MAX_INTERFACES) {
      return false;
    }
    if (count == linkTypes.length) {
      grow(count * 2);
    }
    int id = count++;
    linkTypes[id] = linkType;
    snaplens[id] = snaplen;
    offsetNanos[id] = tsoffsetSeconds * NANOS_PER_SECOND;
    int exponent = tsresol & 0x7f;
    if ((tsresol & 0x80) != 0) {
      modes[id] = SHIFT;
      shifts[id] = exponent;
    } else if (exponent <= 9) {
      modes[id] = MULTIPLY;
      factors[id] = pow10(9 - exponent);
    } else if (exponent - 9 <= 18) {
      modes[id] = DIVIDE;
      factors[id] = pow10(exponent - 9);
    } else {
      modes[id] = ZERO;
    }
    return true;
  }

  /** Converts a raw 64-bit timestamp of interface {@code id} to nanoseconds since the epoch. */
  long nanos(int id, long units) {
    long base = offsetNanos[id];
    return switch (modes[id]) {
      case MULTIPLY -> base + units * factors[id];
      case DIVIDE -> base + Long.divideUnsigned(units, factors[id]);
      case SHIFT -> base + shiftToNanos(units, shifts[id]);
      default -> base;
    };
  }

  /** {@code units * 10^9 / 2^shift}, rounded down, without overflowing on the way. */
  static long shiftToNanos(long units, int shift) {
    if (shift == 0) {
      return units * NANOS_PER_SECOND;
    }
    if (shift >= 64) {
      return Math.unsignedMultiplyHigh(units, NANOS_PER_SECOND) >>> (shift - 64);
    }
    long seconds = units >>> shift;
    long fraction = units & ((1L << shift) - 1);
    long high = Math.unsignedMultiplyHigh(fraction, NANOS_PER_SECOND);
    long low = fraction * NANOS_PER_SECOND;
    return seconds * NANOS_PER_SECOND + ((high << (64 - shift)) | (low >>> shift));
  }

  private static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }

  private void grow(int size) {
    linkTypes = Arrays.copyOf(linkTypes, size);
    snaplens = Arrays.copyOf(snaplens, size);
    modes = Arrays.copyOf(modes, size);
    factors = Arrays.copyOf(factors, size);
    shifts = Arrays.copyOf(shifts, size);
    offsetNanos = Arrays.copyOf(offsetNanos, size);
  }
}
