package io.fathom.capture;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;

/** A pipe-like stream: hands out a few bytes per read, as a pipe or socket may. */
final class Trickle extends InputStream {
  private final byte[] data;
  private final SplittableRandom random;
  private final int most;
  private int at;
  boolean closed;

  Trickle(byte[] data, long seed, int most) {
    this.data = data;
    this.random = new SplittableRandom(seed);
    this.most = most;
  }

  @Override
  public int read() {
    return at < data.length ? data[at++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (at == data.length) {
      return -1;
    }
    int n = Math.min(Math.min(len, 1 + random.nextInt(most)), data.length - at);
    System.arraycopy(data, at, b, off, n);
    at += n;
    return n;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Reads {@code bytes} as a stream through a tiny buffer (records always span refills), a few bytes at a time. */
  static List<Packet> readStreamed(byte[] bytes, CaptureWarnings warnings, long seed) {
    return Packet.readAll(Captures.open(new Trickle(bytes, seed, 7), "trickle", warnings, 64));
  }

  /** Reads {@code bytes} as a stream in one go through the default buffer. */
  static List<Packet> readWhole(byte[] bytes, CaptureWarnings warnings) {
    return Packet.readAll(Captures.open(new ByteArrayInputStream(bytes), "stream", warnings));
  }
}
