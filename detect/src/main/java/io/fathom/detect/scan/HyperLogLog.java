package io.fathom.detect.scan;

/**
 * HyperLogLog (Flajolet et al. 2007) over 2^p one-byte registers: the distinct count of a stream in fixed memory,
 * with a relative standard error of about 1.04 / sqrt(2^p) (p = 12: 4 KiB, 1.6 %). Small counts use linear
 * counting, as the original paper recommends below 2.5 * 2^p.
 */
final class HyperLogLog {
  private final int precision;
  private final byte[] registers;
  /** Every register holds at least this: an item of this rank or less can raise none, and its register is not read. */
  private int floor;
  /** Registers holding exactly {@link #floor}. */
  private int atFloor;

  HyperLogLog(int precision) {
    if (precision < 4 || precision > 16) {
      throw new IllegalArgumentException("HyperLogLog precision must be 4-16, not " + precision);
    }
    this.precision = precision;
    this.registers = new byte[1 << precision];
    this.atFloor = registers.length;
  }

  /**
   * Adds a hashed item; returns true when a register rose (a strong hint, not proof, that the item is new). Half the
   * items have rank 1, a quarter rank 2...: once every register is past a rank, items of that rank are told apart
   * from the hash alone, and a large sketch (mostly out of the cache) is read for ever fewer of them.
   */
  boolean addHash(long hash) {
    int rank = Long.numberOfLeadingZeros((hash << precision) | (1L << (precision - 1))) + 1;
    if (rank <= floor) {
      return false;
    }
    int index = (int) (hash >>> (64 - precision));
    int held = registers[index];
    if (rank <= held) {
      return false;
    }
    registers[index] = (byte) rank;
    if (held == floor && --atFloor == 0) {
      raiseFloor();
    }
    return true;
  }

  private void raiseFloor() {
    int lowest = Integer.MAX_VALUE;
    int count = 0;
    for (byte register : registers) {
      if (register < lowest) {
        lowest = register;
        count = 1;
      } else if (register == lowest) {
        count++;
      }
    }
    floor = lowest;
    atFloor = count;
  }

  long estimate() {
    int m = registers.length;
    double sum = 0;
    for (byte register : registers) {
      sum += Math.scalb(1.0, -register);
    }
    double alpha = 0.7213 / (1 + 1.079 / m);
    double raw = alpha * m * (double) m / sum;
    int zeros = floor == 0 ? atFloor : 0; // registers still at zero
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
