package io.fathom.detect.entity;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One known scanning entity of the catalogue.
 *
 * @param name unique within a catalogue; a user catalogue's entry replaces a built-in one of the same name
 * @param kind e.g. {@code research}, {@code search-engine}, {@code botnet}, {@code government}, {@code list}
 * @param description one line
 * @param ranges published source ranges (IPv4), possibly empty
 * @param example true when the ranges are documentation placeholders, not real ones
 * @param rdns reverse-DNS patterns, matched against the whole host name ({@link java.util.regex.Matcher#find()}),
 *     written with their own anchors
 * @param signatures behaviour signatures
 * @param axes catalogue value of each of the six axes ({@code unknown} where the sources say nothing)
 * @param axisNotes why the catalogue holds a value, per axis where the file says (may lack axes)
 * @param sources citations, as text
 */
public record CatalogueEntry(String name, String kind, String description, List<Cidr> ranges, boolean example,
    List<Pattern> rdns, List<BehaviourSignature> signatures, Map<String, String> axes,
    Map<String, String> axisNotes, List<String> sources) {

  public CatalogueEntry {
    ranges = List.copyOf(ranges);
    rdns = List.copyOf(rdns);
    signatures = List.copyOf(signatures);
    axes = Map.copyOf(axes);
    axisNotes = Map.copyOf(axisNotes);
    sources = List.copyOf(sources);
  }

  /** The first reverse-DNS pattern {@code host} matches, or null. */
  public Pattern rdnsMatch(String host) {
    for (Pattern pattern : rdns) {
      if (pattern.matcher(host).find()) {
        return pattern;
      }
    }
    return null;
  }
}
