package io.fathom.targets;

import io.fathom.common.UsageException;
import java.util.Arrays;

/**
 * An immutable, ascending set of TCP/UDP ports (1-65535). Ports are numbered 0..size-1; a 65536-entry table maps
 * a port back to its number in O(1), which the receive path does for every reply.
 */
public final class PortSet {
  private static final int MAX_PORT = 65535;

  private final char[] ports; // ascending
  private final char[] numberPlusOne; // by port: its index + 1, or 0 when absent

  private PortSet(boolean[] present) {
    int count = 0;
    for (boolean p : present) {
      count += p ? 1 : 0;
    }
    ports = new char[count];
    numberPlusOne = new char[MAX_PORT + 1];
    int next = 0;
    for (int port = 1; port <= MAX_PORT; port++) {
      if (present[port]) {
        ports[next] = (char) port;
        numberPlusOne[port] = (char) ++next;
      }
    }
  }

  /**
   * Parses a list such as {@code "80,443,8000-8100"}: items separated by commas, each a port or an inclusive
   * range; spaces are tolerated, duplicates and overlaps merged.
   *
   * @throws UsageException naming the first bad item
   */
  public static PortSet parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new UsageException("no ports given");
    }
    boolean[] present = new boolean[MAX_PORT + 1];
    for (String rawItem : spec.split(",", -1)) {
      String item = rawItem.strip();
      if (item.isEmpty()) {
        throw new UsageException("invalid port list '" + spec + "': empty item");
      }
      int dash = item.indexOf('-');
      String what = dash < 0 ? "port '" + item + "'" : "port range '" + item + "'";
      int first = port(what, dash < 0 ? item : item.substring(0, dash).strip());
      int last = dash < 0 ? first : port(what, item.substring(dash + 1).strip());
      if (first > last) {
        throw new UsageException("invalid port range '" + item + "': start is after end");
      }
      Arrays.fill(present, first, last + 1, true);
    }
    return new PortSet(present);
  }

  /** The set of the given ports (each 1-65535). */
  public static PortSet of(int... ports) {
    boolean[] present = new boolean[MAX_PORT + 1];
    for (int port : ports) {
      if (port < 1 || port > MAX_PORT) {
        throw new IllegalArgumentException("ports are 1-65535: " + port);
      }
      present[port] = true;
    }
    return new PortSet(present);
  }

  /** One port number of an item; {@code what} names the item in the error message. */
  private static int port(String what, String text) {
    boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits) {
      throw new UsageException("invalid " + what + ": not a number");
    }
    // Digits beyond six cannot be a port; cap before parsing so that huge numbers do not overflow.
    int value = text.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(text);
    if (value < 1 || value > MAX_PORT) {
      throw new UsageException("invalid " + what + ": ports are 1-65535");
    }
    return value;
  }

  public int size() {
    return ports.length;
  }

  /** The i-th port in ascending order. */
  public int portAt(int i) {
    return ports[i];
  }

  /** The position of {@code port} in ascending order, or -1 when absent (or not a port at all). */
  public int indexOf(int port) {
    if (port < 0 || port > MAX_PORT) {
      return -1;
    }
    return numberPlusOne[port] - 1;
  }

  public boolean contains(int port) {
    return indexOf(port) >= 0;
  }

  /** The canonical compact form, such as {@code "80,443,8000-8100"}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < ports.length) {
      int runEnd = i;
      while (runEnd + 1 < ports.length && ports[runEnd + 1] == ports[runEnd] + 1) {
        runEnd++;
      }
      if (text.length() > 0) {
        text.append(',');
      }
      text.append((int) ports[i]);
      if (runEnd > i) {
        text.append('-').append((int) ports[runEnd]);
      }
      i = runEnd + 1;
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortSet other && Arrays.equals(ports, other.ports);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ports);
  }
}
