package io.fathom.detect.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the formats spell times, numbers and port lists, and how they make untrusted text safe to print. */
final class ReportText {
  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ReportText() {}

  /** ISO-8601 in UTC with as many fraction digits as needed, e.g. {@code 2024-05-01T12:00:00.25Z}. */
  static String iso(long epochNanos) {
    return instant(epochNanos).toString();
  }

  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }

  /** To the second, for people: {@code 2024-05-01 12:00:00Z}. */
  static String human(long epochNanos) {
    return HUMAN.format(instant(epochNanos));
  }

  static String human(Instant instant) {
    return instant == null ? "unknown" : HUMAN.format(instant);
  }

  /** A duration in the largest fitting unit, e.g. {@code 3.5 s}, {@code 12 min}, {@code 2.1 h}. */
  static String duration(long nanos) {
    double seconds = nanos / 1e9;
    if (seconds < 1) {
      return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    } else if (seconds < 120) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    } else if (seconds < 7200) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    } else if (seconds < 172_800) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(Locale.ROOT, "%.1f d", seconds / 86_400);
  }

  /** A decimal without exponent ({@code 15000000}, {@code 0.000012}); empty for null or non-finite values. */
  static String plain(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return "";
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A figure for people, with three significant digits at most after the point. */
  static String figure(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value).replaceAll("\\.?0+$", "");
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /**
   * Ascending ports with consecutive runs folded ({@code 22,80-81,443}), cut near {@code maxChars} with a count of
   * the ports left out.
   */
  static String ports(int[] ports, int maxChars) {
    if (ports == null || ports.length == 0) {
      return "-";
    }
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < ports.length) {
      int j = i;
      while (j + 1 < ports.length && ports[j + 1] == ports[j] + 1) {
        j++;
      }
      String part = j == i ? Integer.toString(ports[i]) : ports[i] + "-" + ports[j];
      if (!text.isEmpty() && text.length() + part.length() + 1 > maxChars) {
        return text.append(" (+").append(ports.length - i).append(')').toString();
      }
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(part);
      i = j + 1;
    }
    return text.toString();
  }

  /** Replaces control characters (terminal escapes in untrusted names) with '?'. */
  static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }

  /** {@code text} cut to {@code width} characters, ending in {@code ...} when cut. */
  static String truncate(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    return width <= 3 ? text.substring(0, width) : text.substring(0, width - 3) + "...";
  }
}
