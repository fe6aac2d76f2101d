package io.fathom.cli;

import io.fathom.common.UsageException;
import java.util.Locale;

/** Parsing of the few option values that have units or ranges. */
final class Units {
  private Units() {}

  /** {@code 10M}, {@code 1.5G}, {@code 100000}: bits per second. */
  static long parseBandwidth(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    double factor = 1;
    if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
      factor = switch (t.charAt(t.length() - 1)) {
        case 'K' -> 1e3;
        case 'M' -> 1e6;
        default -> 1e9;
      };
      t = t.substring(0, t.length() - 1);
    }
    try {
      double value = Double.parseDouble(t) * factor;
      if (!(value >= 1) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return (long) value;
    } catch (NumberFormatException e) {
      throw new UsageException("invalid --bandwidth '" + text + "': give bits per second, e.g. 100M or 1G");
    }
  }

  /** {@code a-b} or a single port, inside 1-65535. */
  static int[] parsePortRange(String text, String option) {
    String[] parts = text.trim().split("-", -1);
    try {
      int first = Integer.parseInt(parts[0].trim());
      int last = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : first;
      if (parts.length > 2 || first < 1 || last > 65535 || first > last) {
        throw new NumberFormatException();
      }
      return new int[] {first, last};
    } catch (NumberFormatException e) {
      throw new UsageException("invalid " + option + " '" + text + "': give a port range inside 1-65535");
    }
  }
}
