package io.fathom.rawio;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Facts about the network interfaces of the calling thread's network namespace. Each query uses ioctl on a
 * datagram socket created in the calling thread (sockets belong to the namespace of the thread that creates
 * them), and the interface list comes from /proc/thread-self/net/dev, so the answers stay right for a thread
 * that entered another namespace with {@link Namespaces#enterNetworkNamespace(String)}; /sys/class/net
 * would show the namespace of whoever mounted sysfs. Not for hot paths: each call opens a socket.
 */
public final class NetInterfaces {
  private NetInterfaces() {}

  /** Whether an interface of this name exists. */
  public static boolean exists(String name) {
    if (!InterfaceRequest.isValidName(name)) {
      return false;
    }
    return query(name, Libc.SIOCGIFINDEX, "look up", true) != null;
  }

  /** The interface index; throws RawIoException when there is no such interface. */
  public static int index(String name) {
    return query(name, Libc.SIOCGIFINDEX, "look up", false).intAnswer();
  }

  /** The hardware address as a 48-bit value. */
  public static long mac(String name) {
    return query(name, Libc.SIOCGIFHWADDR, "read the MAC address of", false).macAnswer();
  }

  /** The first IPv4 address, or 0 when the interface has none. */
  public static int ipv4(String name) {
    InterfaceRequest answer = query(name, Libc.SIOCGIFADDR, "read the IPv4 address of", true);
    if (answer == null) {
      index(name); // no address is fine; no interface is not
      return 0;
    }
    return answer.ipv4Answer();
  }

  public static int mtu(String name) {
    return query(name, Libc.SIOCGIFMTU, "read the MTU of", false).intAnswer();
  }

  /** The names of all interfaces, in the kernel's order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (String line : ProcNet.lines("dev")) {
      int colon = line.indexOf(':');
      // The two header lines contain '|' and no colon-terminated name.
      if (colon > 0 && line.indexOf('|') < 0) {
        names.add(line.substring(0, colon).trim());
      }
    }
    return names;
  }

  /**
   * Runs one SIOCGIF* ioctl. When {@code absentIsNull}, ENODEV and EADDRNOTAVAIL give null; every other
   * failure throws.
   */
  private static InterfaceRequest query(String name, long request, String verb, boolean absentIsNull) {
    String what = "cannot " + verb + " interface '" + name + "'";
    if (!InterfaceRequest.isValidName(name)) {
      throw new RawIoException(what + ": interface names have 1 to 15 bytes and no '/'");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment callState = Libc.newCallState(arena);
      int fd = Libc.socket(callState, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
      if (fd < 0) {
        throw new RawIoException(what, Libc.errno(callState));
      }
      try {
        InterfaceRequest ifreq = new InterfaceRequest(Arena.ofAuto(), name);
        if (Libc.ioctl(callState, fd, request, ifreq.segment) == 0) {
          return ifreq;
        }
        int errno = Libc.errno(callState);
        if (absentIsNull && (errno == Errno.ENODEV || errno == Errno.EADDRNOTAVAIL)) {
          return null;
        }
        throw new RawIoException(what, errno);
      } finally {
        Libc.close(callState, fd);
      }
    }
  }
}
