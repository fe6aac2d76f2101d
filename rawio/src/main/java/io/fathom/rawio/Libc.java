package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcalls into the C library, each capturing errno. Every wrapper takes, first, a call-state segment from
 * {@link #newCallState(Arena)}: each object that makes calls owns one, and only the thread using that object
 * touches it, so errno of one thread never leaks into another. The wrappers return what the C function
 * returns; callers read {@link #errno(MemorySegment)} right after a failure.
 */
final class Libc {
  static final int AF_INET = 2;
  static final int AF_PACKET = 17;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_RAW = 3;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int SOL_SOCKET = 1;
  static final int SO_ERROR = 4;
  static final int SO_ATTACH_FILTER = 26;
  static final int SOL_PACKET = 263;
  static final int PACKET_RX_RING = 5;
  static final int PACKET_STATISTICS = 6;
  static final int PACKET_VERSION = 10;
  static final int PACKET_TX_RING = 13;
  static final int PACKET_LOSS = 14;
  static final int PACKET_QDISC_BYPASS = 20;
  static final int TPACKET_V2 = 1;
  static final int TPACKET_V3 = 2;
  static final int ETH_P_IP = 0x0800;
  static final int ETH_P_ARP = 0x0806;
  static final short POLLIN = 0x1;
  static final short POLLOUT = 0x4;
  static final short POLLERR = 0x8;
  static final int PROT_READ = 0x1;
  static final int PROT_WRITE = 0x2;
  static final int MAP_SHARED = 0x1;
  static final int O_RDONLY = 0;
  static final int O_CLOEXEC = 0x80000;
  static final int CLONE_NEWNET = 0x40000000;
  static final long SIOCGIFADDR = 0x8915;
  static final long SIOCGIFMTU = 0x8921;
  static final long SIOCGIFHWADDR = 0x8927;
  static final long SIOCGIFINDEX = 0x8933;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private static final MethodHandle SOCKET = handle("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle BIND = handle("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SETSOCKOPT =
      handle("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle GETSOCKOPT =
      handle("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle SENDTO =
      handle("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SENDMMSG = handle("sendmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  // The senders' hot calls, without errno: a call capturing it slices the call-state segment each time (the JDK's
  // SharedUtils.checkCaptureSegment), which the JIT does not always scalar-replace, so a send could allocate.
  private static final MethodHandle SENDTO_NO_ERRNO =
      noErrno("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SENDMMSG_NO_ERRNO =
      noErrno("sendmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle RECVFROM =
      handle("recvfrom", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle POLL = handle("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle MMAP =
      handle("mmap", ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG);
  private static final MethodHandle MUNMAP = handle("munmap", JAVA_INT, ADDRESS, JAVA_LONG);
  private static final MethodHandle CLOSE = handle("close", JAVA_INT, JAVA_INT);
  private static final MethodHandle IOCTL = variadic("ioctl", 2, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
  private static final MethodHandle IF_NAMETOINDEX = handle("if_nametoindex", JAVA_INT, ADDRESS);
  private static final MethodHandle SETNS = handle("setns", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle OPEN = variadic("open", 2, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);

  private Libc() {}

  private static MethodHandle handle(String name, MemoryLayout result, MemoryLayout... arguments) {
    return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, arguments),
        Linker.Option.captureCallState("errno"));
  }

  private static MethodHandle noErrno(String name, MemoryLayout result, MemoryLayout... arguments) {
    return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, arguments));
  }

  private static MethodHandle variadic(String name, int firstVariadic, MemoryLayout result,
      MemoryLayout... arguments) {
    return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, arguments),
        Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(firstVariadic));
  }

  private static MemorySegment symbol(String name) {
    return LINKER.defaultLookup().find(name).orElseThrow(() -> new RawIoException("libc has no " + name + "()"));
  }

  /** A call-state segment for one owner (and so one thread at a time). */
  static MemorySegment newCallState(Arena arena) {
    return arena.allocate(CALL_STATE);
  }

  /** errno as captured by the last call made with this call state. */
  static int errno(MemorySegment callState) {
    return (int) ERRNO.get(callState, 0L);
  }

  static int socket(MemorySegment cs, int domain, int type, int protocol) {
    try {
      return (int) SOCKET.invokeExact(cs, domain, type, protocol);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int bind(MemorySegment cs, int fd, MemorySegment address, int addressLength) {
    try {
      return (int) BIND.invokeExact(cs, fd, address, addressLength);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int setsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, int length) {
    try {
      return (int) SETSOCKOPT.invokeExact(cs, fd, level, name, value, length);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int getsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, MemorySegment length) {
    try {
      return (int) GETSOCKOPT.invokeExact(cs, fd, level, name, value, length);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static long sendto(MemorySegment cs, int fd, MemorySegment buffer, long length, int flags,
      MemorySegment address, int addressLength) {
    try {
      return (long) SENDTO.invokeExact(cs, fd, buffer, length, flags, address, addressLength);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /**
   * {@link #sendto} without errno, for a call that may simply be made again when it fails: then the caller repeats
   * it with {@link #sendto} to learn why.
   */
  static long sendtoNoErrno(int fd, MemorySegment buffer, long length, int flags, MemorySegment address,
      int addressLength) {
    try {
      return (long) SENDTO_NO_ERRNO.invokeExact(fd, buffer, length, flags, address, addressLength);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** {@link #sendmmsg} without errno: see {@link #sendtoNoErrno}. */
  static int sendmmsgNoErrno(int fd, MemorySegment messages, int count, int flags) {
    try {
      return (int) SENDMMSG_NO_ERRNO.invokeExact(fd, messages, count, flags);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int sendmmsg(MemorySegment cs, int fd, MemorySegment messages, int count, int flags) {
    try {
      return (int) SENDMMSG.invokeExact(cs, fd, messages, count, flags);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static long recvfrom(MemorySegment cs, int fd, MemorySegment buffer, long length, int flags,
      MemorySegment address, MemorySegment addressLength) {
    try {
      return (long) RECVFROM.invokeExact(cs, fd, buffer, length, flags, address, addressLength);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int poll(MemorySegment cs, MemorySegment pollfds, long count, int timeoutMillis) {
    try {
      return (int) POLL.invokeExact(cs, pollfds, count, timeoutMillis);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** mmap; the result is a zero-length segment whose address is -1 (MAP_FAILED) on failure. */
  static MemorySegment mmap(MemorySegment cs, MemorySegment address, long length, int protection, int flags,
      int fd, long offset) {
    try {
      return (MemorySegment) MMAP.invokeExact(cs, address, length, protection, flags, fd, offset);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int munmap(MemorySegment cs, MemorySegment address, long length) {
    try {
      return (int) MUNMAP.invokeExact(cs, address, length);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int close(MemorySegment cs, int fd) {
    try {
      return (int) CLOSE.invokeExact(cs, fd);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int ioctl(MemorySegment cs, int fd, long request, MemorySegment argument) {
    try {
      return (int) IOCTL.invokeExact(cs, fd, request, argument);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int ifNameToIndex(MemorySegment cs, MemorySegment name) {
    try {
      return (int) IF_NAMETOINDEX.invokeExact(cs, name);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int setns(MemorySegment cs, int fd, int namespaceType) {
    try {
      return (int) SETNS.invokeExact(cs, fd, namespaceType);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static int open(MemorySegment cs, MemorySegment path, int flags, int mode) {
    try {
      return (int) OPEN.invokeExact(cs, path, flags, mode);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** Downcalls throw only on programming errors (a wrong argument type); never on a failed system call. */
  private static RuntimeException unexpected(Throwable t) {
    if (t instanceof RuntimeException e) {
      return e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
