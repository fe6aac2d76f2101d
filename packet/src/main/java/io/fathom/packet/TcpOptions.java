package io.fathom.packet;

/** Ready-made TCP option bytes for probe templates (RFC 9293 section 3.2). */
public final class TcpOptions {
  public static final int KIND_END = 0;
  public static final int KIND_NOP = 1;
  public static final int KIND_MSS = 2;
  public static final int KIND_WINDOW_SCALE = 3;
  public static final int KIND_SACK_PERMITTED = 4;
  public static final int KIND_TIMESTAMP = 8;
  /** The TCP header has room for at most 40 option bytes. */
  public static final int MAX_LENGTH = TcpHeader.MAX_LENGTH - TcpHeader.LENGTH;

  private TcpOptions() {}

  /** No options: a bare 20-byte TCP header. */
  public static byte[] none() {
    return new byte[0];
  }

  /** A single maximum-segment-size option (4 bytes), as most scanners send. */
  public static byte[] mss(int mss) {
    if (mss < 0 || mss > 0xFFFF) {
      throw new IllegalArgumentException("MSS out of range: " + mss);
    }
    return new byte[] {(byte) KIND_MSS, 4, (byte) (mss >>> 8), (byte) mss};
  }

  /**
   * Pads options with end-of-list bytes to a multiple of 4, as the data offset counts 32-bit words; rejects
   * more than {@value #MAX_LENGTH} bytes.
   */
  public static byte[] padded(byte[] options) {
    if (options.length > MAX_LENGTH) {
      throw new IllegalArgumentException("TCP options too long: " + options.length + " bytes, at most " + MAX_LENGTH);
    }
    byte[] out = new byte[(options.length + 3) & ~3];
    System.arraycopy(options, 0, out, 0, options.length);
    return out;
  }
}
