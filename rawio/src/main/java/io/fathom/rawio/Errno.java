package io.fathom.rawio;

/** Names and texts of the Linux errno values that socket, ring and namespace calls report. */
final class Errno {
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int ENODEV = 19;
  static final int EINVAL = 22;
  static final int ENOBUFS = 105;
  static final int EADDRNOTAVAIL = 99;

  private static final String[][] TABLE = new String[134][];

  static {
    put(1, "EPERM", "Operation not permitted");
    put(2, "ENOENT", "No such file or directory");
    put(3, "ESRCH", "No such process");
    put(4, "EINTR", "Interrupted system call");
    put(5, "EIO", "Input/output error");
    put(6, "ENXIO", "No such device or address");
    put(9, "EBADF", "Bad file descriptor");
    put(11, "EAGAIN", "Resource temporarily unavailable");
    put(12, "ENOMEM", "Cannot allocate memory");
    put(13, "EACCES", "Permission denied");
    put(14, "EFAULT", "Bad address");
    put(16, "EBUSY", "Device or resource busy");
    put(17, "EEXIST", "File exists");
    put(19, "ENODEV", "No such device");
    put(20, "ENOTDIR", "Not a directory");
    put(22, "EINVAL", "Invalid argument");
    put(23, "ENFILE", "Too many open files in system");
    put(24, "EMFILE", "Too many open files");
    put(25, "ENOTTY", "Inappropriate ioctl for device");
    put(28, "ENOSPC", "No space left on device");
    put(32, "EPIPE", "Broken pipe");
    put(38, "ENOSYS", "Function not implemented");
    put(88, "ENOTSOCK", "Socket operation on non-socket");
    put(90, "EMSGSIZE", "Message too long");
    put(92, "ENOPROTOOPT", "Protocol not available");
    put(93, "EPROTONOSUPPORT", "Protocol not supported");
    put(95, "EOPNOTSUPP", "Operation not supported");
    put(97, "EAFNOSUPPORT", "Address family not supported by protocol");
    put(98, "EADDRINUSE", "Address already in use");
    put(99, "EADDRNOTAVAIL", "Cannot assign requested address");
    put(100, "ENETDOWN", "Network is down");
    put(101, "ENETUNREACH", "Network is unreachable");
    put(105, "ENOBUFS", "No buffer space available");
    put(107, "ENOTCONN", "Transport endpoint is not connected");
    put(110, "ETIMEDOUT", "Connection timed out");
    put(113, "EHOSTUNREACH", "No route to host");
  }

  private Errno() {}

  private static void put(int errno, String name, String text) {
    TABLE[errno] = new String[] {name, text};
  }

  /** The symbolic name ({@code ENODEV}), or {@code errno N} for values outside the table. */
  static String name(int errno) {
    String[] entry = errno > 0 && errno < TABLE.length ? TABLE[errno] : null;
    return entry == null ? "errno " + errno : entry[0];
  }

  /** strerror-like text with the name: {@code No such device (ENODEV)}. */
  static String describe(int errno) {
    String[] entry = errno > 0 && errno < TABLE.length ? TABLE[errno] : null;
    return entry == null ? "Unknown error (errno " + errno + ")" : entry[1] + " (" + entry[0] + ")";
  }

  /** Errors after which repeating the same send can succeed: a full queue, a busy device, a signal. */
  static boolean isTransient(int errno) {
    return errno == EAGAIN || errno == ENOBUFS || errno == EINTR;
  }
}
