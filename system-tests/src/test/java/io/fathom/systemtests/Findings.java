package io.fathom.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Findings read back from a scan's NDJSON output, as sorted key lists (address << 16 | port) per status. */
record Findings(List<Long> open, List<Long> closed, List<JsonNode> records) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Findings read(Path... files) throws IOException {
    List<Long> open = new ArrayList<>();
    List<Long> closed = new ArrayList<>();
    List<JsonNode> records = new ArrayList<>();
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        records.add(n);
        long key = (io.fathom.common.Ipv4.unsigned(io.fathom.common.Ipv4.parse(n.get("ip").asText())) << 16)
            | n.get("port").asInt();
        (n.get("status").asText().equals("open") ? open : closed).add(key);
      }
    }
    open.sort(null);
    closed.sort(null);
    return new Findings(open, closed, records);
  }

  static JsonNode metadata(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  static List<Long> keys(long[] sortedKeys) {
    List<Long> list = new ArrayList<>(sortedKeys.length);
    for (long k : sortedKeys) {
      list.add(k);
    }
    return list;
  }
}
