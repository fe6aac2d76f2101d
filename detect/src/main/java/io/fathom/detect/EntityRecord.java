package io.fathom.detect;

import java.util.List;
import java.util.Map;

/**
 * A scanning entity (CAIDA, Censys, Shodan, a botnet...) with the literature's six classification axes.
 *
 * @param name the entity's name from the catalogue, or a name derived from the evidence
 * @param sources the source addresses attributed to it, ascending
 * @param axes organization, intention, distribution, publication, software, timing: each a value and its evidence
 * @param attribution why the sources were attributed to this entity (address range, reverse DNS, behaviour)
 */
public record EntityRecord(String name, int[] sources, Map<String, Axis> axes, List<String> attribution) {
  /** The six axes, in the order the literature's table lists them. */
  public static final List<String> AXES =
      List.of("organization", "intention", "distribution", "publication", "software", "timing");

  /**
   * One axis's value with its evidence.
   *
   * @param value e.g. {@code academic}, or {@code unknown}
   * @param source {@code inferred} (from traffic), {@code catalogue} or {@code none}
   */
  public record Axis(String value, String source, List<String> evidence) {}
}
