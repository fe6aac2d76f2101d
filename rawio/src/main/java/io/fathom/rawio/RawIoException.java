package io.fathom.rawio;

/**
 * A raw I/O setup or socket operation failed (opening a socket, mapping a ring, querying an interface).
 * The message is one line that names the operation, the object and the cause, such as
 * {@code cannot open AF_PACKET socket on 'eth9': No such device (ENODEV)}. Per-packet failures are never
 * thrown: senders and receivers count them.
 */
public class RawIoException extends RuntimeException {
  private final int errno;

  public RawIoException(String message) {
    super(message, null, false, false);
    this.errno = 0;
  }

  /** A failure of a system call: the message gets {@code ": <text> (<NAME>)"} appended. */
  public RawIoException(String what, int errno) {
    super(what + ": " + Errno.describe(errno), null, false, false);
    this.errno = errno;
  }

  /** The errno value of the failed call, 0 when the failure did not come from a system call. */
  public int errno() {
    return errno;
  }
}
