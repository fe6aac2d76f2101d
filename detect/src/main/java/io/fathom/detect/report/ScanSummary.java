package io.fathom.detect.report;

import io.fathom.detect.ScanRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Counts over a report's scans that the table and HTML formats both show. */
final class ScanSummary {
  /** A label and how many scans have it. */
  record Tally(String label, long count) {}

  final long scans;
  final long sources;
  final long packets;
  final long firstNanos;
  final long lastNanos;
  final List<Tally> tools;
  final List<Tally> shapes;
  final List<Tally> protos;
  /** Ports by the number of scans that probed them, most probed first. */
  final List<Tally> ports;

  ScanSummary(List<ScanRecord> records) {
    Set<Integer> srcs = new HashSet<>();
    Map<String, Long> byTool = new HashMap<>();
    Map<String, Long> byShape = new HashMap<>();
    Map<String, Long> byProto = new HashMap<>();
    Map<String, Long> byPort = new HashMap<>();
    long total = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (ScanRecord scan : records) {
      srcs.add(scan.src());
      total += scan.packets();
      first = Math.min(first, scan.startNanos());
      last = Math.max(last, scan.endNanos());
      byTool.merge(label(scan.tool()), 1L, Long::sum);
      byShape.merge(label(scan.shape()), 1L, Long::sum);
      byProto.merge(label(scan.proto()), 1L, Long::sum);
      if (scan.ports() != null) {
        for (int port : scan.ports()) {
          byPort.merge(port + "/" + label(scan.proto()), 1L, Long::sum);
        }
      }
    }
    scans = records.size();
    sources = srcs.size();
    packets = total;
    firstNanos = records.isEmpty() ? 0 : first;
    lastNanos = records.isEmpty() ? 0 : last;
    tools = ranked(byTool);
    shapes = ranked(byShape);
    protos = ranked(byProto);
    ports = ranked(byPort);
  }

  private static String label(String value) {
    return value == null || value.isBlank() ? "unknown" : value;
  }

  /** Largest count first, ties in label order, so that output does not depend on hashing. */
  private static List<Tally> ranked(Map<String, Long> counts) {
    List<Tally> list = new ArrayList<>();
    counts.forEach((label, count) -> list.add(new Tally(label, count)));
    list.sort(Comparator.comparingLong(Tally::count).reversed()
        .thenComparingLong(tally -> leadingNumber(tally.label()))
        .thenComparing(Tally::label));
    return List.copyOf(list);
  }

  /** The decimal number a label starts with ({@code 443/tcp}), or -1: ports sort by number, not as text. */
  private static long leadingNumber(String label) {
    long value = -1;
    for (int i = 0; i < label.length() && i < 18 && Character.isDigit(label.charAt(i)); i++) {
      value = Math.max(value, 0) * 10 + (label.charAt(i) - '0');
    }
    return value;
  }

  /** The scans with the most packets first, at most {@code limit}. */
  static List<ScanRecord> topByPackets(List<ScanRecord> records, int limit) {
    return records.stream()
        .sorted(Comparator.comparingLong(ScanRecord::packets).reversed().thenComparingLong(ScanRecord::startNanos))
        .limit(limit)
        .toList();
  }
}
