package io.fathom.detect.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.common.UsageException;
import io.fathom.detect.EntityRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns address lists into catalogue entries with every axis {@code unknown}: MISP warning lists
 * ({@code {"name": ..., "list": [cidrs], "type": "cidr"}}, named after "name") and plain CIDR lists (one prefix or
 * address per line, {@code #} comments, named after the file). IPv6 entries are skipped: records carry IPv4.
 */
final class ListImporter {
  private ListImporter() {}

  static CatalogueEntry misp(String label, JsonNode root) {
    String type = root.path("type").asText("cidr");
    if (!type.equals("cidr")) {
      throw new UsageException(label + ": MISP warning list of type '" + type + "', not 'cidr'");
    }
    JsonNode list = root.get("list");
    if (list == null || !list.isArray()) {
      throw new UsageException(label + ": MISP warning list without a \"list\" array");
    }
    String name = root.path("name").asText("").isBlank() ? label : root.get("name").asText();
    List<Cidr> ranges = new ArrayList<>();
    int skipped = 0;
    for (JsonNode item : list) {
      String text = item.asText();
      if (Cidr.isIpv6(text)) {
        skipped++;
        continue;
      }
      ranges.add(parse(label + ": list entry '" + text + "'", text));
    }
    String source = "MISP warning list '" + name + "' version " + root.path("version").asText("?") + " (" + label
        + ")";
    return entry(name, root.path("description").asText(""), ranges, skipped, source);
  }

  static CatalogueEntry cidrList(String label, String name, String text) {
    List<Cidr> ranges = new ArrayList<>();
    int skipped = 0;
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      int hash = lines[i].indexOf('#');
      String line = (hash >= 0 ? lines[i].substring(0, hash) : lines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (Cidr.isIpv6(line)) {
        skipped++;
        continue;
      }
      ranges.add(parse(label + ":" + (i + 1) + ": '" + line + "'", line));
    }
    return entry(name, "", ranges, skipped, "CIDR list " + label);
  }

  private static Cidr parse(String where, String text) {
    try {
      return Cidr.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(where + " is not an IPv4 prefix: " + e.getMessage());
    }
  }

  private static CatalogueEntry entry(String name, String description, List<Cidr> ranges, int skipped,
      String source) {
    Map<String, String> unknown = EntityRecord.AXES.stream()
        .collect(Collectors.toMap(Function.identity(), axis -> AxisValues.UNKNOWN));
    String note = skipped == 0 ? description : (description + " (" + skipped + " IPv6 entries skipped)").strip();
    return new CatalogueEntry(name, "list", note, ranges, false, List.of(), List.of(), unknown, Map.of(),
        List.of(source));
  }
}
