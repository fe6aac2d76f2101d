package io.fathom.detect.entity;

import io.fathom.detect.ScanRecord;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an entity's scans look like: every field given must match; null fields match anything.
 *
 * @param tool the fingerprinted tool, e.g. {@code mirai}
 * @param proto {@code tcp}, {@code udp} or {@code icmp}
 * @param ports the entity's ports, ascending: a scan matches when it probes at least one port and only these
 * @param shape {@code horizontal}, {@code vertical} or {@code block}
 */
public record BehaviourSignature(String tool, String proto, int[] ports, String shape) {
  public BehaviourSignature {
    if (tool == null && proto == null && ports == null && shape == null) {
      throw new IllegalArgumentException("a behaviour signature needs at least one of tool, proto, ports, shape");
    }
    ports = ports == null ? null : Arrays.stream(ports).sorted().distinct().toArray();
  }

  public boolean matches(ScanRecord scan) {
    return (tool == null || tool.equals(scan.tool()))
        && (proto == null || proto.equals(scan.proto()))
        && (shape == null || shape.equals(scan.shape()))
        && (ports == null || portsWithin(scan.ports()));
  }

  private boolean portsWithin(int[] scanned) {
    return scanned.length > 0 && Arrays.stream(scanned).allMatch(p -> Arrays.binarySearch(ports, p) >= 0);
  }

  /** E.g. "tool mirai, tcp, ports 23,2323, horizontal". */
  public String describe() {
    StringBuilder text = new StringBuilder();
    append(text, tool == null ? null : "tool " + tool);
    append(text, proto);
    append(text, ports == null ? null
        : "ports " + Arrays.stream(ports).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    append(text, shape);
    return text.toString();
  }

  private static void append(StringBuilder text, String part) {
    if (part != null) {
      text.append(text.isEmpty() ? "" : ", ").append(part);
    }
  }
}
