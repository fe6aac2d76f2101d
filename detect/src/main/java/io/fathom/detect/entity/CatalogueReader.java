package io.fathom.detect.entity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.fathom.common.UsageException;
import io.fathom.detect.EntityRecord;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates the catalogue JSON format; every problem is one {@link UsageException} line naming the file.
 *
 * <pre>
 * {"version": 1, "date": "2026-11-24", "entities": [{"name": "...", "kind": "research", "description": "...",
 *   "ranges": ["a.b.c.d/n"], "example": false, "rdns": ["(?i)\\.example\\.org\\.?$"],
 *   "signatures": [{"tool": "mirai", "proto": "tcp", "ports": [23, 2323], "shape": "horizontal"}],
 *   "axes": {"organization": "academic", "intention": {"value": "research/audit", "note": "why"}, ...},
 *   "sources": ["citation"]}]}
 * </pre>
 */
final class CatalogueReader {
  /**
   * The tree is built from the streaming parser: an {@code ObjectMapper}, made only for this, took a good part of
   * every {@code fathom detect}'s start-up to set itself up.
   */
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A parsed catalogue file. */
  record Parsed(String version, LocalDate date, List<CatalogueEntry> entries) {}

  private final String label;

  private CatalogueReader(String label) {
    this.label = label;
  }

  /** Parses JSON text into a tree, naming the line and column of a syntax error. */
  static JsonNode tree(String label, String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      return first == null ? MissingNode.getInstance() : node(parser, first);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new UsageException(label + ": invalid JSON" + where + ": " + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a string: not reached
    }
  }

  /** The value that starts at {@code token}, as {@code ObjectMapper.readTree} would make it. */
  private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new JsonParseException(parser, "unexpected end of input");
    }
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          object.set(name, node(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(node(parser, next));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new JsonParseException(parser, "unexpected " + token);
    };
  }

  static Parsed read(String label, JsonNode root) {
    return new CatalogueReader(label).read(root);
  }

  private Parsed read(JsonNode root) {
    if (!root.isObject()) {
      throw fail("a catalogue is a JSON object");
    }
    JsonNode version = root.get("version");
    if (version == null || !(version.isIntegralNumber() || version.isTextual()) || version.asText().isBlank()) {
      throw fail("\"version\" (a number or string) is missing");
    }
    LocalDate date = date(root.get("date"));
    JsonNode entities = root.get("entities");
    if (entities == null || !entities.isArray()) {
      throw fail("\"entities\" (an array) is missing");
    }
    List<CatalogueEntry> entries = new ArrayList<>();
    Map<String, String> ownerByRange = new HashMap<>();
    for (JsonNode node : entities) {
      CatalogueEntry entry = entry(node);
      if (entries.stream().anyMatch(e -> e.name().equals(entry.name()))) {
        throw fail("entity '" + entry.name() + "' appears twice");
      }
      for (Cidr range : entry.ranges()) {
        String other = ownerByRange.putIfAbsent(range.toString(), entry.name());
        if (other != null && !other.equals(entry.name())) {
          throw fail("range " + range + " is claimed by both '" + other + "' and '" + entry.name() + "'");
        }
      }
      entries.add(entry);
    }
    return new Parsed(version.asText(), date, List.copyOf(entries));
  }

  private LocalDate date(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw fail("\"date\" (YYYY-MM-DD) is missing");
    }
    try {
      return LocalDate.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw fail("\"date\" '" + node.asText() + "' is not YYYY-MM-DD");
    }
  }

  private CatalogueEntry entry(JsonNode node) {
    if (!node.isObject()) {
      throw fail("each entity is a JSON object");
    }
    String name = text(node, "name", null);
    if (name == null || name.isBlank()) {
      throw fail("an entity lacks \"name\"");
    }
    Map<String, String> notes = new LinkedHashMap<>();
    return new CatalogueEntry(name, text(node, "kind", "unknown"), text(node, "description", ""),
        ranges(name, node.get("ranges")), node.path("example").asBoolean(false), patterns(name, node.get("rdns")),
        signatures(name, node.get("signatures")), axes(name, node.get("axes"), notes), notes,
        strings(name, "sources", node.get("sources")));
  }

  private List<Cidr> ranges(String name, JsonNode node) {
    List<Cidr> ranges = new ArrayList<>();
    for (String text : strings(name, "ranges", node)) {
      if (Cidr.isIpv6(text)) {
        continue;
      }
      try {
        ranges.add(Cidr.parse(text));
      } catch (IllegalArgumentException e) {
        throw fail("entity '" + name + "': " + e.getMessage());
      }
    }
    return ranges;
  }

  private List<Pattern> patterns(String name, JsonNode node) {
    List<Pattern> patterns = new ArrayList<>();
    for (String text : strings(name, "rdns", node)) {
      try {
        patterns.add(Pattern.compile(text));
      } catch (PatternSyntaxException e) {
        throw fail("entity '" + name + "': invalid rdns pattern '" + text + "': " + oneLine(e.getDescription()));
      }
    }
    return patterns;
  }

  private List<BehaviourSignature> signatures(String name, JsonNode node) {
    List<BehaviourSignature> signatures = new ArrayList<>();
    if (node == null) {
      return signatures;
    }
    if (!node.isArray()) {
      throw fail("entity '" + name + "': \"signatures\" is not an array");
    }
    for (JsonNode s : node) {
      int[] ports = null;
      if (s.has("ports")) {
        ports = new int[s.get("ports").size()];
        for (int i = 0; i < ports.length; i++) {
          JsonNode port = s.get("ports").get(i);
          if (!port.isInt() || port.asInt() < 0 || port.asInt() > 65535) {
            throw fail("entity '" + name + "': signature port '" + port + "' is not 0 to 65535");
          }
          ports[i] = port.asInt();
        }
      }
      try {
        signatures.add(new BehaviourSignature(text(s, "tool", null), text(s, "proto", null), ports,
            text(s, "shape", null)));
      } catch (IllegalArgumentException e) {
        throw fail("entity '" + name + "': " + e.getMessage());
      }
    }
    return signatures;
  }

  private Map<String, String> axes(String name, JsonNode node, Map<String, String> notes) {
    if (node == null || !node.isObject()) {
      throw fail("entity '" + name + "' lacks \"axes\"");
    }
    node.fieldNames().forEachRemaining(axis -> {
      if (!EntityRecord.AXES.contains(axis)) {
        throw fail("entity '" + name + "': unknown axis '" + axis + "' (axes are " + EntityRecord.AXES + ")");
      }
    });
    Map<String, String> axes = new LinkedHashMap<>();
    for (String axis : EntityRecord.AXES) {
      JsonNode value = node.get(axis);
      if (value == null) {
        throw fail("entity '" + name + "' lacks axis '" + axis + "' (write \"unknown\" if the sources say nothing)");
      }
      String text = value.isObject() ? text(value, "value", null) : value.isTextual() ? value.asText() : null;
      if (text == null || !AxisValues.isValid(axis, text)) {
        throw fail("entity '" + name + "': axis '" + axis + "' is " + value + "; expected one of "
            + AxisValues.of(axis) + " or unknown");
      }
      axes.put(axis, text);
      if (value.isObject() && value.hasNonNull("note")) {
        notes.put(axis, value.get("note").asText());
      }
    }
    return axes;
  }

  private List<String> strings(String name, String field, JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (!node.isArray()) {
      throw fail("entity '" + name + "': \"" + field + "\" is not an array");
    }
    for (JsonNode value : node) {
      if (!value.isTextual()) {
        throw fail("entity '" + name + "': \"" + field + "\" holds a non-string " + value);
      }
      values.add(value.asText());
    }
    return values;
  }

  private String text(JsonNode node, String field, String otherwise) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.isTextual()) {
      throw fail("\"" + field + "\" is not a string: " + value);
    }
    return value.asText();
  }

  private UsageException fail(String message) {
    return new UsageException(label + ": " + message);
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
