package io.fathom.detect.entity;

import io.fathom.common.Ipv4;
import io.fathom.detect.ScanRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Attributes one source to a catalogue entity by the first test that matches, strongest first:
 *
 * <ol>
 *   <li>address range ({@value #RANGE}; {@value #EXAMPLE_RANGE} for ranges marked as examples): the entity or a
 *       public list names the addresses it scans from;
 *   <li>reverse DNS ({@value #RDNS}): the PTR name is set by whoever holds the address block, usually the entity,
 *       but is not forward-confirmed here;
 *   <li>behaviour ({@value #BEHAVIOUR}): tool, ports and shape resemble the entity's, which others can imitate.
 * </ol>
 */
final class Attributor {
  static final double RANGE = 0.9;
  static final double EXAMPLE_RANGE = 0.5;
  static final double RDNS = 0.7;
  static final double BEHAVIOUR = 0.4;

  private final EntityCatalogue catalogue;

  Attributor(EntityCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  Attribution byRange(int source) {
    Optional<EntityCatalogue.RangeMatch> hit = catalogue.lookup(source);
    if (hit.isEmpty()) {
      return null;
    }
    CatalogueEntry entry = hit.get().entry();
    double confidence = entry.example() ? EXAMPLE_RANGE : RANGE;
    return new Attribution(entry, "range", confidence, line(source, "address range " + hit.get().range()
        + (entry.example() ? " (example range)" : ""), confidence));
  }

  Attribution byRdns(int source, String host) {
    return catalogue.matchRdns(host)
        .map(m -> new Attribution(m.entry(), "rdns", RDNS,
            line(source, "reverse DNS " + host + " matches " + m.pattern(), RDNS)))
        .orElse(null);
  }

  Attribution byBehaviour(int source, List<ScanRecord> scans) {
    for (ScanRecord scan : scans) {
      Optional<EntityCatalogue.SignatureMatch> hit = catalogue.matchBehaviour(scan);
      if (hit.isPresent()) {
        return new Attribution(hit.get().entry(), "behaviour", BEHAVIOUR, line(source, "behaviour matches signature "
            + hit.get().signature().describe() + " (scan: tool " + scan.tool() + ", " + scan.proto() + ", "
            + scan.shape() + ")", BEHAVIOUR));
      }
    }
    return null;
  }

  private static String line(int source, String what, double confidence) {
    return String.format(Locale.ROOT, "%s: %s (confidence %.1f)", Ipv4.format(source), what, confidence);
  }
}
