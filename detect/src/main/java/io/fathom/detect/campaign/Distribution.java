package io.fathom.detect.campaign;

import io.fathom.common.Ipv4;
import java.util.Arrays;

/**
 * The literature's distribution axis from a set of source addresses: {@code single/local} for one source or
 * sources within one /24, {@code wide/global} for sources in at least {@code wideMinSlash16} distinct /16s; sources
 * spread over several /24s of fewer /16s are one network's hosts and count as {@code single/local} too.
 *
 * @param value {@code single/local} or {@code wide/global}
 * @param evidence the figures, e.g. "8 sources in 8 /24s and 8 /16s"
 */
public record Distribution(String value, String evidence) {
  public static final String SINGLE = "single/local";
  public static final String WIDE = "wide/global";

  /** Classifies distinct sources (any order, duplicates ignored). */
  public static Distribution of(int[] sources, int wideMinSlash16) {
    int[] distinct = Arrays.stream(sources).distinct().toArray();
    long slash24 = Arrays.stream(distinct).map(a -> a >>> 8).distinct().count();
    long slash16 = Arrays.stream(distinct).map(a -> a >>> 16).distinct().count();
    String figures = distinct.length == 1
        ? "one source " + Ipv4.format(distinct[0])
        : distinct.length + " sources in " + slash24 + " /24s and " + slash16 + " /16s";
    if (distinct.length > 1 && slash16 >= wideMinSlash16) {
      return new Distribution(WIDE, figures + " (wide from " + wideMinSlash16 + " /16s)");
    }
    return new Distribution(SINGLE, figures + (slash24 > 1 ? " (one network: fewer than " + wideMinSlash16
        + " /16s)" : ""));
  }
}
