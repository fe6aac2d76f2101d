package io.fathom.detect.report;

import io.fathom.common.Ipv4;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.ScanRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain text for a terminal: the run's provenance and settings, the classification table of the literature
 * (entities as columns, the six axes as rows, in blocks that fit {@value #WIDTH} columns), and a scan summary.
 * Control characters in names are replaced, so untrusted data cannot drive the terminal.
 */
final class TableReportFormat implements ReportFormat {
  static final int WIDTH = 120;
  // Wide enough for derived entity names such as "unknown-zmap-203.0.113.41".
  static final int CELL = 30;
  static final int TOP_SCANS = 10;
  private static final String GAP = "  ";

  @Override
  public String name() {
    return "table";
  }

  @Override
  public void write(DetectionReport report, OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder();
    header(text, report);
    classification(text, report.entities());
    summary(text, report);
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(text.toString());
    w.flush();
  }

  private static void header(StringBuilder text, DetectionReport report) {
    DetectionReport.Provenance p = report.provenance();
    text.append("Fathom ").append(ReportText.printable(p.version())).append(" detection report, ")
        .append(ReportText.human(p.started())).append(" to ").append(ReportText.human(p.finished())).append('\n');
    wrapped(text, "Inputs: ", p.inputs().stream().map(ReportText::printable).toList());
    wrapped(text, "Settings: ", pairs(report.settings()));
    wrapped(text, "Statistics: ", pairs(report.statistics()));
    text.append('\n');
  }

  private static List<String> pairs(Map<String, Object> map) {
    List<String> list = new ArrayList<>();
    map.forEach((k, v) -> list.add(ReportText.printable(k + "=" + v)));
    return list;
  }

  /** {@code items} after {@code label}, comma-separated, wrapped under the first item at {@link #WIDTH}. */
  private static void wrapped(StringBuilder text, String label, List<String> items) {
    StringBuilder line = new StringBuilder(label);
    String indent = " ".repeat(label.length());
    if (items.isEmpty()) {
      line.append("none");
    }
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i) + (i + 1 < items.size() ? "," : "");
      if (line.length() > indent.length() && line.length() + 1 + item.length() > WIDTH) {
        text.append(line.toString().stripTrailing()).append('\n');
        line = new StringBuilder(indent);
      } else if (line.length() > label.length()) {
        line.append(' ');
      }
      line.append(item);
    }
    text.append(line).append('\n');
  }

  /** Axes as rows, entities as columns; values inferred from traffic carry a '*'. */
  static void classification(StringBuilder text, List<EntityRecord> entities) {
    text.append("Classification of scanning entities\n");
    if (entities.isEmpty()) {
      text.append("(no entities)\n\n");
      return;
    }
    int labelWidth = EntityRecord.AXES.stream().mapToInt(String::length).max().orElse(0);
    int start = 0;
    while (start < entities.size()) {
      int used = labelWidth;
      int end = start;
      List<Integer> widths = new ArrayList<>();
      while (end < entities.size()) {
        int w = columnWidth(entities.get(end));
        if (end > start && used + GAP.length() + w > WIDTH) {
          break;
        }
        widths.add(w);
        used += GAP.length() + w;
        end++;
      }
      block(text, entities.subList(start, end), widths, labelWidth);
      start = end;
    }
    text.append("* inferred from traffic; other values from the catalogue\n\n");
  }

  private static void block(StringBuilder text, List<EntityRecord> entities, List<Integer> widths, int labelWidth) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < entities.size(); i++) {
      names.add(ReportText.truncate(ReportText.printable(entities.get(i).name()), widths.get(i)));
    }
    line(text, "", labelWidth, names, widths);
    List<String> rules = widths.stream().map("-"::repeat).toList();
    line(text, "-".repeat(labelWidth), labelWidth, rules, widths);
    for (String axisName : EntityRecord.AXES) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < entities.size(); i++) {
        cells.add(ReportText.truncate(cell(entities.get(i), axisName), widths.get(i)));
      }
      line(text, axisName, labelWidth, cells, widths);
    }
    text.append('\n');
  }

  private static void line(StringBuilder text, String label, int labelWidth, List<String> cells, List<Integer> w) {
    StringBuilder line = new StringBuilder(pad(label, labelWidth));
    for (int i = 0; i < cells.size(); i++) {
      line.append(GAP).append(pad(cells.get(i), w.get(i)));
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private static String cell(EntityRecord entity, String axisName) {
    EntityRecord.Axis axis = Classification.axis(entity, axisName);
    String value = ReportText.printable(axis.value());
    return "inferred".equals(axis.source()) ? value + "*" : value;
  }

  private static int columnWidth(EntityRecord entity) {
    int width = ReportText.printable(entity.name()).length();
    for (String axisName : EntityRecord.AXES) {
      width = Math.max(width, cell(entity, axisName).length());
    }
    return Math.min(CELL, Math.max(width, 3));
  }

  private static void summary(StringBuilder text, DetectionReport report) {
    ScanSummary s = new ScanSummary(report.scans());
    text.append("Scans: ").append(ReportText.count(s.scans)).append(" from ").append(ReportText.count(s.sources))
        .append(" sources, ").append(ReportText.count(s.packets)).append(" packets");
    if (s.scans > 0) {
      text.append(", ").append(ReportText.human(s.firstNanos)).append(" to ").append(ReportText.human(s.lastNanos));
    }
    text.append('\n');
    wrapped(text, "Tools: ", tallies(s.tools, 10));
    wrapped(text, "Shapes: ", tallies(s.shapes, 10));
    wrapped(text, "Top ports: ", tallies(s.ports, 10));
    text.append("Campaigns: ").append(report.campaigns().size()).append("; entities: ")
        .append(report.entities().size()).append("; suspects: ").append(report.suspects().size());
    if (report.includeNotScans()) {
      text.append("; not-scans: ").append(report.notScanCount());
    }
    text.append('\n');
    if (s.scans > 0) {
      text.append('\n').append("Top scans by packets\n");
      topScans(text, ScanSummary.topByPackets(report.scans(), TOP_SCANS));
    }
  }

  private static List<String> tallies(List<ScanSummary.Tally> tallies, int limit) {
    return tallies.stream().limit(limit)
        .map(t -> ReportText.printable(ReportText.truncate(t.label(), CELL)) + " " + t.count()).toList();
  }

  private static void topScans(StringBuilder text, List<ScanRecord> scans) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"src", "proto", "ports", "targets", "packets", "shape", "tool", "start"});
    for (ScanRecord scan : scans) {
      String tool = scan.tool() == null ? "unknown" : scan.tool();
      if (scan.toolVersion() != null) {
        tool += " " + scan.toolVersion();
      }
      rows.add(new String[] {Ipv4.format(scan.src()), ReportText.printable(scan.proto()),
          ReportText.ports(scan.ports(), 24), ReportText.count(scan.targets()), ReportText.count(scan.packets()),
          ReportText.printable(scan.shape()), ReportText.truncate(ReportText.printable(tool), CELL),
          ReportText.human(scan.startNanos())});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean number = i == 3 || i == 4;
        line.append(i == 0 ? "" : GAP).append(number ? padLeft(row[i], widths[i]) : pad(row[i], widths[i]));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
