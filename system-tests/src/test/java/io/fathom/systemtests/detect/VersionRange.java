package io.fathom.systemtests.detect;

/** Version ranges as the fingerprints write them: {@code <=4.0}, {@code >=4.1.1} or one version. */
final class VersionRange {
  private VersionRange() {}

  static boolean contains(String range, String version) {
    if (range.startsWith("<=")) {
      return compare(version, range.substring(2)) <= 0;
    }
    if (range.startsWith(">=")) {
      return compare(version, range.substring(2)) >= 0;
    }
    return compare(version, range) == 0;
  }

  /** Compares dotted numeric versions part by part; a missing part counts as 0 (4.0 == 4.0.0). */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Integer.compare(part(x, i), part(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int part(String[] parts, int i) {
    if (i >= parts.length) {
      return 0;
    }
    String digits = parts[i].replaceAll("[^0-9].*$", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
