package io.fathom.probe;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit PRF, fast on short inputs. Stateless scanners
 * use it so that a reply proves, without any per-target state, that it answers a probe this scan sent: the
 * probe carries a keyed hash of its destination and the reply must echo it.
 *
 * <p>The key is two 64-bit words read little-endian from the 16 key bytes, as in the reference code.
 */
public final class SipHash {
  private static final long C0 = 0x736f6d6570736575L;
  private static final long C1 = 0x646f72616e646f6dL;
  private static final long C2 = 0x6c7967656e657261L;
  private static final long C3 = 0x7465646279746573L;

  private final long k0;
  private final long k1;

  public SipHash(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  public long k0() {
    return k0;
  }

  public long k1() {
    return k1;
  }

  /** The hash of exactly eight message bytes, given as one little-endian word; allocation-free. */
  public long hashWord(long m) {
    long v0 = k0 ^ C0;
    long v1 = k1 ^ C1;
    long v2 = k0 ^ C2;
    long v3 = k1 ^ C3 ^ m;
    // Two compression rounds over the word, then over the final block, which for an 8-byte message holds
    // only the length in its top byte.
    for (int i = 0; i < 2; i++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= m;
    long last = 8L << 56;
    v3 ^= last;
    for (int i = 0; i < 2; i++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= last;
    v2 ^= 0xff;
    for (int i = 0; i < 4; i++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  /** The hash of {@code length} bytes of {@code data} from {@code offset}: the general form. */
  public long hash(byte[] data, int offset, int length) {
    long[] v = {k0 ^ C0, k1 ^ C1, k0 ^ C2, k1 ^ C3};
    int end = offset + (length & ~7);
    for (int i = offset; i < end; i += 8) {
      long m = littleEndianWord(data, i, 8);
      v[3] ^= m;
      rounds(v, 2);
      v[0] ^= m;
    }
    long last = ((long) length << 56) | littleEndianWord(data, end, length & 7);
    v[3] ^= last;
    rounds(v, 2);
    v[0] ^= last;
    v[2] ^= 0xff;
    rounds(v, 4);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
  }

  private static long littleEndianWord(byte[] data, int offset, int count) {
    long m = 0;
    for (int i = count - 1; i >= 0; i--) {
      m = (m << 8) | (data[offset + i] & 0xFF);
    }
    return m;
  }

  private static void rounds(long[] v, int count) {
    for (int i = 0; i < count; i++) {
      v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
      v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
      v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
      v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
    }
  }
}
