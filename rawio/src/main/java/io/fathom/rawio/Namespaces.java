package io.fathom.rawio;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Moves the calling thread into a named network namespace, as created by {@code ip netns add}. */
public final class Namespaces {
  private static final String NETNS_DIRECTORY = "/var/run/netns/";

  private Namespaces() {}

  /**
   * Makes the CURRENT THREAD (only) a member of network namespace {@code name}, through
   * {@code setns(open("/var/run/netns/NAME"), CLONE_NEWNET)}. Sockets the thread creates from then on belong
   * to that namespace; other threads, and sockets opened before, stay where they were. Call it first thing
   * on a dedicated platform thread: a virtual thread would move its carrier, and a pooled thread would
   * carry the namespace into unrelated work.
   *
   * <p>/proc/self/net and /sys/class/net keep showing the process's namespace; {@link NetInterfaces},
   * {@link Routes} and {@link Neighbours} read the thread's own view instead.
   */
  public static void enterNetworkNamespace(String name) {
    if (Thread.currentThread().isVirtual()) {
      throw new IllegalStateException("a virtual thread cannot enter a network namespace: use a platform thread");
    }
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid network namespace name '" + name + "'");
    }
    String what = "cannot enter network namespace '" + name + "'";
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment callState = Libc.newCallState(arena);
      int fd = Libc.open(callState, arena.allocateFrom(NETNS_DIRECTORY + name), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
      if (fd < 0) {
        throw new RawIoException(what, Libc.errno(callState));
      }
      try {
        if (Libc.setns(callState, fd, Libc.CLONE_NEWNET) < 0) {
          throw new RawIoException(what, Libc.errno(callState));
        }
      } finally {
        Libc.close(callState, fd);
      }
    }
  }
}
