package io.fathom.rawio;

import io.fathom.common.Ipv4;
import java.util.List;

/**
 * The kernel's ARP cache for the calling thread's network namespace, from /proc/thread-self/net/arp. Only
 * complete entries count (flag ATF_COM, which permanent entries also carry). Active resolution belongs to
 * an ARP resolver built on a sender and a receive ring. Reads the file on every call: not for hot paths.
 */
public final class Neighbours {
  private static final int ATF_COM = 0x2;

  private Neighbours() {}

  /** The MAC address of {@code ip} on {@code interfaceName}, or -1 when the kernel does not know it. */
  public static long macOf(String interfaceName, int ip) {
    return macOf(interfaceName, ip, ProcNet.lines("arp"));
  }

  /** Looks up in the lines of a /proc/net/arp file; package-private for tests. */
  static long macOf(String interfaceName, int ip, List<String> arpFile) {
    String address = Ipv4.format(ip);
    for (int i = 1; i < arpFile.size(); i++) {
      // IP address, HW type, Flags, HW address, Mask, Device
      String[] fields = arpFile.get(i).trim().split("\\s+");
      if (fields.length < 6 || !fields[0].equals(address) || !fields[5].equals(interfaceName)) {
        continue;
      }
      try {
        int flags = Integer.decode(fields[2]);
        if ((flags & ATF_COM) != 0) {
          return MacAddresses.parse(fields[3]);
        }
      } catch (IllegalArgumentException e) {
        // a malformed line is no answer
      }
    }
    return -1;
  }
}
