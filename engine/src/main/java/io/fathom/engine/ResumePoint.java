package io.fathom.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.common.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an interrupted scan stopped: its command line (which fixes targets, ports, order and seed) and each
 * sender's cursor position. Resuming continues each cursor exactly after the last batch that was sent, so no
 * target is lost or probed twice.
 */
public record ResumePoint(String scanId, List<String> commandLine, long seed, String order, int shard, int shards,
    long[] positions, long targetsDone) {
  public static final String FORMAT = "fathom-resume/1";

  public void write(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("version", io.fathom.common.Version.STRING);
    json.put("scan", scanId);
    json.put("command_line", commandLine);
    json.put("seed", seed);
    json.put("order", order);
    json.put("shard", shard);
    json.put("shards", shards);
    json.put("positions", positions);
    json.put("targets_done", targetsDone);
    Json.writeAtomically(file, json);
  }

  /** Reads a resume file; anything unreadable or not a resume file is a one-line usage error. */
  public static ResumePoint read(Path file) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UsageException("cannot read resume file '" + file + "': " + oneLine(e));
    }
    if (json == null || !FORMAT.equals(json.path("format").asText())) {
      throw new UsageException("'" + file + "' is not a Fathom resume file");
    }
    List<String> commandLine = new ArrayList<>();
    json.path("command_line").forEach(n -> commandLine.add(n.asText()));
    JsonNode positionsNode = json.path("positions");
    long[] positions = new long[positionsNode.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = positionsNode.get(i).asLong();
    }
    if (positions.length == 0 || commandLine.isEmpty()) {
      throw new UsageException("resume file '" + file + "' has no positions or command line");
    }
    return new ResumePoint(json.path("scan").asText(), List.copyOf(commandLine), json.path("seed").asLong(),
        json.path("order").asText(), json.path("shard").asInt(), json.path("shards").asInt(1), positions,
        json.path("targets_done").asLong());
  }

  private static String oneLine(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
