package io.fathom.probe;

/** What a probe module makes of a received frame: constants, so that classifying never allocates. */
public final class ReplyVerdict {
  /** Not an answer to this scan's probes at all (other traffic that passed the kernel filter). */
  public static final int UNRELATED = 0;
  /** Shaped like an answer, but its cookie does not match: forged, stale or another scan's. */
  public static final int INVALID = 1;
  /** A valid answer that shows the port open (Nmap's "open"). */
  public static final int OPEN = 2;
  /** A valid answer that shows the port closed (Nmap's "closed"). */
  public static final int CLOSED = 3;

  private static final String[] NAMES = {"unrelated", "invalid", "open", "closed"};

  private ReplyVerdict() {}

  public static String name(int verdict) {
    return NAMES[verdict];
  }
}
