package io.fathom.probe;

/**
 * The per-scan secret that makes validation stateless. Each probe's cookie is SipHash-2-4 of its destination
 * address and port under the scan key (with the source address folded into the key): the low 32 bits become
 * the TCP sequence number and the high bits choose the source port from the configured range, so a reply is
 * ours only if it arrives on the right port and acknowledges {@code sequence + 1}.
 */
public final class ProbeCookies {
  private final SipHash sipHash;
  private final int firstSourcePort;
  private final int sourcePortCount;

  /**
   * @param key0 first key word (secret, random per scan)
   * @param key1 second key word
   * @param sourceIp the scanner's address, bound into the key so that two scanners never accept each other's
   * @param firstSourcePort first port of the source port range
   * @param lastSourcePort last port of the source port range (inclusive)
   */
  public ProbeCookies(long key0, long key1, int sourceIp, int firstSourcePort, int lastSourcePort) {
    if (firstSourcePort < 1 || lastSourcePort > 65535 || firstSourcePort > lastSourcePort) {
      throw new IllegalArgumentException("bad source port range " + firstSourcePort + "-" + lastSourcePort);
    }
    this.sipHash = new SipHash(key0, key1 ^ (sourceIp & 0xFFFF_FFFFL));
    this.firstSourcePort = firstSourcePort;
    this.sourcePortCount = lastSourcePort - firstSourcePort + 1;
  }

  /** The cookie of a probe to {@code address:port}. */
  public long cookie(int address, int port) {
    return sipHash.hashWord(((address & 0xFFFF_FFFFL) << 16) | (port & 0xFFFF));
  }

  /** The TCP sequence number (or other 32-bit echo field) that carries the cookie. */
  public static int sequence(long cookie) {
    return (int) cookie;
  }

  /** The source port chosen by the cookie. */
  public int sourcePort(long cookie) {
    return firstSourcePort + (int) Long.remainderUnsigned(cookie >>> 32, sourcePortCount);
  }

  public int firstSourcePort() {
    return firstSourcePort;
  }

  public int lastSourcePort() {
    return firstSourcePort + sourcePortCount - 1;
  }
}
