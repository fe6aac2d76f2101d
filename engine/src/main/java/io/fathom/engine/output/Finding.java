package io.fathom.engine.output;

/**
 * One result, reused for every reply by the receiving thread (a mutable holder, so reporting allocates
 * nothing). Output formats read it through {@link OutputField}; they never see the probe or the packet.
 */
public final class Finding {
  public int ip;
  public int port;
  public String proto = "tcp";
  public String status;
  public int ttl;
  public long timestampNanos;
  public int ipId;
  public int window;
  public int sourcePort;
  public String scanId = "";
}
