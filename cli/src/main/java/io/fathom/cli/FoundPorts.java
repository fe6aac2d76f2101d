package io.fathom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * The open (address, port) pairs in scan result files of Fathom (NDJSON, CSV, list), masscan ({@code -oL}:
 * "open tcp PORT ADDR TS") and ZMap (CSV with saddr,sport), as sorted keys {@code address << 16 | port}.
 */
final class FoundPorts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FoundPorts() {}

  static TreeSet<Long> read(List<Path> files) throws IOException {
    TreeSet<Long> keys = new TreeSet<>();
    for (Path file : files) {
      try (BufferedReader reader = Files.newBufferedReader(file)) {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
          number++;
          parseLine(line.trim(), keys, file, number);
        }
      } catch (java.nio.file.NoSuchFileException e) {
        throw new UsageException("cannot read results file '" + file + "': no such file");
      }
    }
    return keys;
  }

  private static void parseLine(String line, TreeSet<Long> keys, Path file, int number) throws IOException {
    if (line.isEmpty() || line.startsWith("#") || line.startsWith("ip,") || line.startsWith("saddr")) {
      return;
    }
    if (line.startsWith("{")) {
      JsonNode n = JSON.readTree(line);
      if (n.path("status").asText("open").equals("open")) {
        keys.add(key(n.path("ip").asText(), n.path("port").asText(), file, number));
      }
    } else if (line.startsWith("open ")) {
      String[] f = line.split("\\s+");
      keys.add(key(f[3], f[2], file, number));
    } else {
      String[] f = line.split("[,\\s]+");
      if (f.length >= 4 && !f[3].equals("open")) {
        return;
      }
      if (f.length >= 2) {
        keys.add(key(f[0], f[1], file, number));
      }
    }
  }

  private static long key(String ip, String port, Path file, int number) {
    try {
      return (Ipv4.unsigned(Ipv4.parse(ip)) << 16) | Integer.parseInt(port);
    } catch (IllegalArgumentException e) {
      throw new UsageException(file + ":" + number + ": not a result line");
    }
  }
}
