package io.fathom.engine.output;

import io.fathom.common.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fields a finding can be written with ({@code --fields}); each knows how to write its value. */
public enum OutputField {
  IP("ip", true, (f, out) -> out.appendIpv4(f.ip)),
  PORT("port", false, (f, out) -> out.append(f.port)),
  PROTO("proto", true, (f, out) -> out.append(f.proto)),
  STATUS("status", true, (f, out) -> out.append(f.status)),
  TTL("ttl", false, (f, out) -> out.append(f.ttl)),
  TS("ts", true, (f, out) -> Timestamps.appendIso(out, f.timestampNanos)),
  SCAN("scan", true, (f, out) -> out.append(f.scanId)),
  IPID("ipid", false, (f, out) -> out.append(f.ipId)),
  WINDOW("window", false, (f, out) -> out.append(f.window)),
  SPORT("sport", false, (f, out) -> out.append(f.sourcePort));

  /** Writes one field's value; the lambdas above capture nothing, so writing allocates nothing. */
  private interface ValueWriter {
    void write(Finding finding, AsciiBuffer out);
  }

  public static final List<OutputField> DEFAULT_JSON = List.of(IP, PORT, PROTO, STATUS, TTL, TS, SCAN);
  public static final List<OutputField> DEFAULT_CSV = List.of(IP, PORT, PROTO, STATUS, TTL, TS);
  public static final List<OutputField> DEFAULT_LIST = List.of(IP, PORT);

  private final String key;
  private final boolean quotedInJson;

  private final ValueWriter writer;

  OutputField(String key, boolean quotedInJson, ValueWriter writer) {
    this.key = key;
    this.quotedInJson = quotedInJson;
    this.writer = writer;
  }

  public String key() {
    return key;
  }

  boolean quotedInJson() {
    return quotedInJson;
  }

  void write(Finding finding, AsciiBuffer out) {
    writer.write(finding, out);
  }

  /** Parses {@code ip,port,ttl}; an unknown or repeated name is a usage error. */
  public static List<OutputField> parseList(String spec) {
    List<OutputField> fields = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      OutputField field = null;
      for (OutputField f : values()) {
        if (f.key.equals(name)) {
          field = f;
        }
      }
      if (field == null) {
        throw new UsageException("unknown output field '" + part.trim() + "' (known: " + known() + ")");
      }
      if (fields.contains(field)) {
        throw new UsageException("output field '" + name + "' given twice");
      }
      fields.add(field);
    }
    return List.copyOf(fields);
  }

  private static String known() {
    StringBuilder b = new StringBuilder();
    for (OutputField f : values()) {
      b.append(b.isEmpty() ? "" : ", ").append(f.key);
    }
    return b.toString();
  }
}
