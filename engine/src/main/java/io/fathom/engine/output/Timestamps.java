package io.fathom.engine.output;

/**
 * ISO-8601 UTC timestamps with microseconds ({@code 2026-11-24T20:15:03.123456Z}) written straight into an
 * {@link AsciiBuffer}: the receive path must not allocate, and {@code Instant.toString()} does.
 */
public final class Timestamps {
  private Timestamps() {}

  public static void appendIso(AsciiBuffer out, long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
    long micros = Math.floorMod(epochNanos, 1_000_000_000L) / 1000;
    long days = Math.floorDiv(seconds, 86_400L);
    long secondOfDay = Math.floorMod(seconds, 86_400L);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm over 400-year eras).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    out.appendPadded(year, 4).append('-').appendPadded(month, 2).append('-').appendPadded(day, 2).append('T');
    out.appendPadded(secondOfDay / 3600, 2).append(':').appendPadded(secondOfDay / 60 % 60, 2).append(':');
    out.appendPadded(secondOfDay % 60, 2).append('.').appendPadded(micros, 6).append('Z');
  }
}
