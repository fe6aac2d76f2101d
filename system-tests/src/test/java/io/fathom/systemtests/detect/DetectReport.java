package io.fathom.systemtests.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** A {@code fathom detect} NDJSON report, its lines sorted by {@code kind}. */
record DetectReport(JsonNode run, List<JsonNode> scans, List<JsonNode> campaigns, List<JsonNode> entities,
    List<JsonNode> suspects, List<JsonNode> notScans) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static DetectReport parse(String ndjson) {
    JsonNode run = null;
    List<JsonNode> scans = new ArrayList<>();
    List<JsonNode> campaigns = new ArrayList<>();
    List<JsonNode> entities = new ArrayList<>();
    List<JsonNode> suspects = new ArrayList<>();
    List<JsonNode> notScans = new ArrayList<>();
    for (String line : ndjson.lines().filter(l -> !l.isBlank()).toList()) {
      JsonNode node = read(line);
      switch (node.path("kind").asText()) {
        case "run" -> run = node;
        case "scan" -> scans.add(node);
        case "campaign" -> campaigns.add(node);
        case "entity" -> entities.add(node);
        case "suspect" -> suspects.add(node);
        case "not-scan" -> notScans.add(node);
        default -> throw new AssertionError("unknown record kind in: " + line);
      }
    }
    if (run == null) {
      throw new AssertionError("no run record in the report:\n" + ndjson);
    }
    return new DetectReport(run, scans, campaigns, entities, suspects, notScans);
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not a JSON line: " + line, e);
    }
  }

  List<JsonNode> scansFrom(String src) {
    return scans.stream().filter(s -> s.path("src").asText().equals(src)).toList();
  }

  /** The one scan from {@code src}; fails when there is none or more. */
  JsonNode scanFrom(String src) {
    List<JsonNode> found = scansFrom(src);
    if (found.size() != 1) {
      throw new AssertionError("expected one scan from " + src + ", found " + found.size() + " among " + scans);
    }
    return found.getFirst();
  }

  Optional<JsonNode> entity(String name) {
    return entities.stream().filter(e -> e.path("name").asText().equals(name)).findFirst();
  }

  /** Entities whose sources include {@code src}. */
  List<JsonNode> entitiesOf(String src) {
    return entities.stream().filter(e -> texts(e.path("sources")).contains(src)).toList();
  }

  /** The not-scan reasons given for {@code src}. */
  Set<String> notScanReasons(String src) {
    Set<String> reasons = new TreeSet<>();
    notScans.stream().filter(n -> n.path("src").asText().equals(src)).forEach(n -> reasons.add(n.path("reason")
        .asText()));
    return reasons;
  }

  /** Every not-scan reason in the report. */
  Set<String> notScanReasons() {
    Set<String> reasons = new TreeSet<>();
    notScans.forEach(n -> reasons.add(n.path("reason").asText()));
    return reasons;
  }

  static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  static List<Integer> ints(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asInt).toList();
  }
}
