package io.fathom.detect.entity;

import io.fathom.detect.EntityRecord;
import java.util.List;
import java.util.Map;

/**
 * The values each of the six classification axes may take, after the scanner-classification literature, plus
 * {@code unknown} on every axis. {@code non-profit} extends the organisations for foundations such as
 * Shadowserver, which are neither commercial nor academic.
 */
public final class AxisValues {
  public static final String UNKNOWN = "unknown";

  private static final Map<String, List<String>> VALUES = Map.of(
      "organization", List.of("academic", "governmental", "commercial", "non-profit", "individual", "criminal"),
      "intention", List.of("exploit", "discovery/reconnaissance", "research/audit"),
      "distribution", List.of("single/local", "wide/global"),
      "publication", List.of("undisclosed", "aggregated", "complete"),
      "software", List.of("enterprise", "public"),
      "timing", List.of("passed", "ongoing"));

  private AxisValues() {}

  /** The known values of {@code axis}, without {@code unknown}. */
  public static List<String> of(String axis) {
    List<String> values = VALUES.get(axis);
    if (values == null) {
      throw new IllegalArgumentException("no axis '" + axis + "'; axes are " + EntityRecord.AXES);
    }
    return values;
  }

  public static boolean isValid(String axis, String value) {
    return UNKNOWN.equals(value) || of(axis).contains(value);
  }
}
