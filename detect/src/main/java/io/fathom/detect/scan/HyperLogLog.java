package io.fathom.detect.scan;

/**
 * HyperLogLog (Flajolet et al. 2007) over 2^p one-byte registers: the distinct count of a stream in fixed memory,
 * with a relative standard error of about 1.04 / sqrt(2^p) (p = 12: 4 KiB, 1.6 %). Small counts use linear
 * counting, as the original paper recommends below 2.5 * 2^p.
 */
final class HyperLogLog {
  private final int precision;
  private final byte[] registers;
  private int zeros;

  HyperLogLog(int precision) {
    if (precision < 4 || precision > 16) {
      throw new IllegalArgumentException("HyperLogLog precision must be 4-16, not " + precision);
    }
    this.precision = precision;
    this.registers = new byte[1 << precision];
    this.zeros = registers.length;
  }

  /** Adds a hashed item; returns true when a register rose (a strong hint, not proof, that the item is new). */
  boolean addHash(long hash) {
    int index = (int) (hash >>> (64 - precision));
    int rank = Long.numberOfLeadingZeros((hash << precision) | (1L << (precision - 1))) + 1;
    if (rank > registers[index]) {
      if (registers[index] == 0) {
        zeros--;
      }
      registers[index] = (byte) rank;
      return true;
    }
    return false;
  }

  long estimate() {
    int m = registers.length;
    double sum = 0;
    for (byte register : registers) {
      sum += Math.scalb(1.0, -register);
    }
    double alpha = 0.7213 / (1 + 1.079 / m);
    double raw = alpha * m * (double) m / sum;
    if (raw <= 2.5 * m && zeros > 0) {
      return Math.round(m * Math.log((double) m / zeros));
    }
    return Math.round(raw);
  }

  static double relativeError(int precision) {
    return 1.04 / Math.sqrt(1 << precision);
  }

  long bytes() {
    return 16L + registers.length;
  }
}
