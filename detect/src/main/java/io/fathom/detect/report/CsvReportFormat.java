package io.fathom.detect.report;

import io.fathom.common.Ipv4;
import io.fathom.detect.ScanRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scans as CSV after RFC 4180: one header line, one row per scan, CRLF line ends, fields quoted when they hold
 * a comma, quote or line break. Lists are joined with ';'; absent values are empty fields.
 */
final class CsvReportFormat implements ReportFormat {
  static final List<String> HEADER = List.of("src", "proto", "ports", "targets", "packets", "shape", "ports_scope",
      "tool", "tool_version", "confidence", "evidence", "start", "end", "rate_pps", "definitions", "coverage",
      "internet_rate_pps", "campaign", "entity");

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public void write(DetectionReport report, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    row(w, HEADER);
    for (ScanRecord scan : report.scans()) {
      row(w, fields(scan));
    }
    w.flush();
  }

  private static List<String> fields(ScanRecord s) {
    return Arrays.asList(
        Ipv4.format(s.src()),
        s.proto(),
        s.ports() == null ? "" : Arrays.stream(s.ports()).mapToObj(Integer::toString).collect(Collectors.joining(";")),
        Long.toString(s.targets()),
        Long.toString(s.packets()),
        s.shape(),
        s.portsScope(),
        s.tool() == null ? "unknown" : s.tool(),
        s.toolVersion(),
        ReportText.plain(s.confidence()),
        s.evidence() == null ? "" : String.join(";", s.evidence()),
        ReportText.iso(s.startNanos()),
        ReportText.iso(s.endNanos()),
        ReportText.plain(s.ratePps()),
        s.definitions() == null ? "" : String.join(";", s.definitions()),
        ReportText.plain(s.coverage()),
        ReportText.plain(s.internetRatePps()),
        s.campaign(),
        s.entity());
  }

  private static void row(Writer w, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(quote(fields.get(i)));
    }
    w.write("\r\n");
  }

  static String quote(String field) {
    if (field == null) {
      return "";
    }
    boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
        || field.indexOf('\r') >= 0;
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
