package io.fathom.lab;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The CSV form of a {@link GroundTruth}: "# key=value" header lines (seed, prefix, ports, ratios), a column line
 * "address,port,state", then one line per OPEN or CLOSED pair; DARK pairs are implied by their absence.
 */
final class GroundTruthFile {
  static final String COLUMNS = "address,port,state";

  private GroundTruthFile() {}

  static void write(GroundTruth truth, Path csv) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
      out.write("# fathom lab ground truth: pairs not listed are DARK\n");
      out.write("# seed=" + truth.seed() + "\n");
      out.write("# prefix=" + LabAddresses.cidr(truth.prefixAddress(), truth.prefixLength()) + "\n");
      out.write("# ports=" + Arrays.stream(truth.ports()).mapToObj(Integer::toString).collect(Collectors.joining(","))
          + "\n");
      out.write("# openPerMille=" + truth.openPerMille() + "\n");
      out.write("# closedPerMille=" + truth.closedPerMille() + "\n");
      out.write(COLUMNS + "\n");
      // Merge the two sorted key lists so the file is in (address, port) order.
      long[] open = truth.openKeys();
      long[] closed = truth.closedKeys();
      int i = 0;
      int j = 0;
      while (i < open.length || j < closed.length) {
        boolean takeOpen = j == closed.length || (i < open.length && open[i] < closed[j]);
        long key = takeOpen ? open[i++] : closed[j++];
        out.write(Ipv4.format(GroundTruth.keyAddress(key)) + "," + GroundTruth.keyPort(key) + ","
            + (takeOpen ? "OPEN" : "CLOSED") + "\n");
      }
    }
  }

  static GroundTruth read(Path csv) throws IOException {
    Map<String, String> header = new HashMap<>();
    LongStream.Builder open = LongStream.builder();
    LongStream.Builder closed = LongStream.builder();
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.US_ASCII)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        line = line.strip();
        if (line.startsWith("#")) {
          int eq = line.indexOf('=');
          if (eq > 0) {
            header.put(line.substring(1, eq).strip(), line.substring(eq + 1).strip());
          }
        } else if (!line.isEmpty() && !line.equals(COLUMNS)) {
          parsePair(csv, number, line, open, closed);
        }
      }
    }
    return fromHeader(csv, header, open.build().toArray(), closed.build().toArray());
  }

  private static void parsePair(Path csv, int number, String line, LongStream.Builder open, LongStream.Builder closed) {
    String[] fields = line.split(",", -1);
    try {
      if (fields.length != 3) {
        throw new IllegalArgumentException("expected address,port,state");
      }
      int address = Ipv4.parse(fields[0]);
      int port = Integer.parseInt(fields[1]);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 1-65535");
      }
      switch (fields[2]) {
        case "OPEN" -> open.add(GroundTruth.key(address, port));
        case "CLOSED" -> closed.add(GroundTruth.key(address, port));
        default -> throw new IllegalArgumentException("state must be OPEN or CLOSED, not '" + fields[2] + "'");
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("ground truth " + csv + " line " + number + ": " + e.getMessage());
    }
  }

  private static GroundTruth fromHeader(Path csv, Map<String, String> header, long[] open, long[] closed) {
    try {
      String[] prefix = required(header, "prefix").split("/", 2);
      int[] ports = Arrays.stream(required(header, "ports").split(",")).mapToInt(Integer::parseInt).toArray();
      return new GroundTruth(
          Long.parseLong(required(header, "seed")),
          Ipv4.parse(prefix[0]),
          Integer.parseInt(prefix[1]),
          ports,
          Integer.parseInt(required(header, "openPerMille")),
          Integer.parseInt(required(header, "closedPerMille")),
          open,
          closed);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new UsageException("ground truth " + csv + " has a bad header: " + e.getMessage());
    }
  }

  private static String required(Map<String, String> header, String key) {
    String value = header.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing '# " + key + "=' line");
    }
    return value;
  }
}
