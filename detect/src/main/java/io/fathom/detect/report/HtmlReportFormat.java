package io.fathom.detect.report;

import io.fathom.common.Ipv4;
import io.fathom.detect.CampaignRecord;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.NotScanRecord;
import io.fathom.detect.ScanRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One self-contained HTML page: provenance and settings, inline SVG charts, the classification table and tables
 * of the largest scans, campaigns and suspects. No scripts and no remote resources (a Content-Security-Policy
 * forbids both); every value from the data is escaped.
 */
final class HtmlReportFormat implements ReportFormat {
  static final int TOP_SCANS = 100;
  static final int TOP_ROWS = 200;
  static final int TOP_BARS = 15;
  static final int TIME_BINS = 48;
  /** Nothing may load or run; only the inline style sheet applies. */
  static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'";

  @Override
  public String name() {
    return "html";
  }

  @Override
  public void write(DetectionReport report, OutputStream out) throws IOException {
    StringBuilder page = new StringBuilder(64 * 1024);
    ScanSummary summary = new ScanSummary(report.scans());
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Fathom detection report</title>\n<style>").append(HtmlStyle.CSS).append("</style>\n")
        .append("</head>\n<body>\n");
    header(page, report, summary);
    page.append("<main>\n");
    charts(page, report, summary);
    entities(page, report.entities());
    scans(page, report.scans());
    campaigns(page, report.campaigns());
    suspects(page, report.suspects());
    if (report.includeNotScans()) {
      notScans(page, report.notScans());
    }
    page.append("</main>\n<footer>Written by Fathom ").append(Html.escape(report.provenance().version()))
        .append(". Times are UTC.</footer>\n</body>\n</html>\n");
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(page.toString());
    w.flush();
  }

  private static void header(StringBuilder page, DetectionReport report, ScanSummary s) {
    DetectionReport.Provenance p = report.provenance();
    page.append("<header>\n<h1>Fathom detection report</h1>\n<p class=\"sub\">Fathom ")
        .append(Html.escape(p.version())).append(" &middot; run ").append(Html.escape(ReportText.human(p.started())))
        .append(" to ").append(Html.escape(ReportText.human(p.finished())));
    if (s.scans > 0) {
      page.append(" &middot; traffic ").append(Html.escape(ReportText.human(s.firstNanos))).append(" to ")
          .append(Html.escape(ReportText.human(s.lastNanos)));
    }
    page.append("</p>\n<div class=\"cards\">");
    card(page, "scans", s.scans);
    card(page, "sources", s.sources);
    card(page, "packets in scans", s.packets);
    card(page, "campaigns", report.campaigns().size());
    card(page, "entities", report.entities().size());
    card(page, "suspects", report.suspects().size());
    page.append("</div>\n<div class=\"run\">\n");
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (int i = 0; i < p.inputs().size(); i++) {
      inputs.put(Integer.toString(i + 1), p.inputs().get(i));
    }
    keyValues(page, "Inputs", inputs);
    keyValues(page, "Settings", report.settings());
    keyValues(page, "Statistics", report.statistics());
    page.append("</div>\n</header>\n");
  }

  private static void card(StringBuilder page, String label, long value) {
    page.append("<div class=\"card\"><b>").append(ReportText.count(value)).append("</b><span>")
        .append(Html.escape(label)).append("</span></div>");
  }

  private static void keyValues(StringBuilder page, String title, Map<String, Object> map) {
    page.append("<div class=\"kv\"><h2>").append(Html.escape(title)).append("</h2>");
    if (map.isEmpty()) {
      page.append("<p class=\"none\">none</p></div>\n");
      return;
    }
    page.append("<table>");
    map.forEach((k, v) -> page.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
        .append(Html.escape(String.valueOf(v))).append("</td></tr>"));
    page.append("</table></div>\n");
  }

  private static void charts(StringBuilder page, DetectionReport report, ScanSummary s) {
    page.append("<section>\n<h2>Scans at a glance</h2>\n<div class=\"charts\">\n");
    figure(page, "Scans over time (by start)", timeline(report.scans()));
    figure(page, "Top ports (scans probing each)",
        SvgChart.bars("top ports", bars(s.ports, t -> ReportText.count(t.count())), false));
    figure(page, "Tool share", SvgChart.bars("tool share", bars(s.tools, t -> share(t.count(), s.scans)), true));
    figure(page, "Scan shapes", SvgChart.bars("scan shapes", bars(s.shapes, t -> share(t.count(), s.scans)), true));
    page.append("</div>\n</section>\n");
  }

  private static void figure(StringBuilder page, String title, String svg) {
    page.append("<figure><figcaption>").append(Html.escape(title)).append("</figcaption>").append(svg)
        .append("</figure>\n");
  }

  private static List<SvgChart.Bar> bars(List<ScanSummary.Tally> tallies, Function<ScanSummary.Tally, String> note) {
    return tallies.stream().limit(TOP_BARS).map(t -> new SvgChart.Bar(t.label(), t.count(), note.apply(t))).toList();
  }

  private static String share(long count, long total) {
    return String.format(Locale.ROOT, "%,d (%.0f%%)", count, total == 0 ? 0.0 : 100.0 * count / total);
  }

  private static String timeline(List<ScanRecord> scans) {
    if (scans.isEmpty()) {
      return SvgChart.histogram("scans over time", new long[0], 0, 1);
    }
    long from = scans.stream().mapToLong(ScanRecord::startNanos).min().orElseThrow();
    long to = scans.stream().mapToLong(ScanRecord::startNanos).max().orElseThrow();
    int bins = to == from ? 1 : TIME_BINS;
    long bin = Math.max(1_000_000_000L, Math.ceilDiv(to - from + 1, bins));
    bins = (int) Math.min(bins, (to - from) / bin + 1);
    long[] counts = new long[bins];
    for (ScanRecord scan : scans) {
      counts[(int) Math.min(bins - 1, (scan.startNanos() - from) / bin)]++;
    }
    return SvgChart.histogram("scans over time", counts, from, bin);
  }

  private static void entities(StringBuilder page, List<EntityRecord> entities) {
    page.append("<section>\n<h2>Scanning entities</h2>\n");
    if (entities.isEmpty()) {
      page.append("<p class=\"none\">No entities were attributed.</p>\n</section>\n");
      return;
    }
    page.append("<div class=\"scroll\"><table class=\"classes\">\n<thead><tr><th>axis</th>");
    for (EntityRecord e : entities) {
      String sources = e.sources() == null ? "" : "sources (" + e.sources().length + "): "
          + Arrays.stream(e.sources()).limit(20).mapToObj(Ipv4::format).collect(Collectors.joining(", "));
      String title = sources + (e.attribution() == null ? "" : "\n" + String.join("\n", e.attribution()));
      page.append("<th title=\"").append(Html.escape(title)).append("\">")
          .append(Html.escape(ReportText.truncate(e.name(), 28))).append("</th>");
    }
    page.append("</tr></thead>\n<tbody>\n");
    for (String axisName : EntityRecord.AXES) {
      page.append("<tr><th>").append(Html.escape(axisName)).append("</th>");
      for (EntityRecord e : entities) {
        EntityRecord.Axis axis = Classification.axis(e, axisName);
        String source = Classification.source(axis);
        String title = source + (Classification.evidence(axis).isEmpty() ? ""
            : ": " + String.join("; ", Classification.evidence(axis)));
        page.append("<td class=\"").append(cssClass(axis.value(), source)).append("\" title=\"")
            .append(Html.escape(title)).append("\">").append(Html.escape(axis.value())).append("</td>");
      }
      page.append("</tr>\n");
    }
    page.append("</tbody></table></div>\n<p class=\"note\">Values in italics are inferred from traffic, the others "
        + "come from the catalogue; hover a cell for its evidence.</p>\n</section>\n");
  }

  private static String cssClass(String value, String source) {
    if ("unknown".equals(value)) {
      return "unknown";
    }
    return "inferred".equals(source) ? "inferred" : "catalogue";
  }

  private static void scans(StringBuilder page, List<ScanRecord> scans) {
    List<ScanRecord> top = ScanSummary.topByPackets(scans, TOP_SCANS);
    page.append("<section>\n<h2>Top scans by packets</h2>\n");
    if (top.isEmpty()) {
      page.append("<p class=\"none\">No scans were found.</p>\n</section>\n");
      return;
    }
    if (scans.size() > top.size()) {
      page.append("<p class=\"note\">The ").append(top.size()).append(" largest of ")
          .append(ReportText.count(scans.size())).append(" scans.</p>\n");
    }
    page.append("<div class=\"scroll\"><table class=\"rows\">\n<thead><tr><th>source</th><th>proto</th><th>ports</th>"
        + "<th class=\"num\">targets</th><th class=\"num\">packets</th><th>shape</th><th>scope</th><th>tool</th>"
        + "<th class=\"num\">conf.</th><th>start</th><th>duration</th><th class=\"num\">pps</th><th>campaign</th>"
        + "<th>entity</th></tr></thead>\n<tbody>\n");
    for (ScanRecord s : top) {
      String tool = (s.tool() == null ? "unknown" : s.tool()) + (s.toolVersion() == null ? "" : " " + s.toolVersion());
      String evidence = s.evidence() == null ? "" : String.join("\n", s.evidence());
      page.append("<tr>");
      cell(page, "ip", Ipv4.format(s.src()), null);
      cell(page, null, s.proto(), null);
      cell(page, null, ReportText.ports(s.ports(), 32), portsTitle(s.ports()));
      cell(page, "num", ReportText.count(s.targets()), null);
      cell(page, "num", ReportText.count(s.packets()), null);
      cell(page, null, s.shape(), null);
      cell(page, null, s.portsScope(), null);
      cell(page, null, tool, evidence);
      cell(page, "num", ReportText.figure(s.confidence()), null);
      cell(page, null, ReportText.human(s.startNanos()), null);
      cell(page, null, ReportText.duration(s.endNanos() - s.startNanos()), null);
      cell(page, "num", ReportText.figure(s.ratePps()), null);
      cell(page, "id", s.campaign() == null ? "" : s.campaign(), null);
      cell(page, null, s.entity() == null ? "" : s.entity(), null);
      page.append("</tr>\n");
    }
    page.append("</tbody></table></div>\n</section>\n");
  }

  private static String portsTitle(int[] ports) {
    if (ports == null || ports.length <= 1) {
      return null;
    }
    return ports.length + " ports: " + ReportText.ports(ports, 600);
  }

  private static void campaigns(StringBuilder page, List<CampaignRecord> campaigns) {
    page.append("<section>\n<h2>Campaigns</h2>\n");
    if (campaigns.isEmpty()) {
      page.append("<p class=\"none\">No campaigns were found.</p>\n</section>\n");
      return;
    }
    List<CampaignRecord> top = campaigns.stream()
        .sorted(Comparator.comparingInt((CampaignRecord c) -> members(c).length).reversed()).limit(TOP_ROWS).toList();
    page.append("<div class=\"scroll\"><table class=\"rows\">\n<thead><tr><th>id</th><th class=\"num\">sources</th>"
        + "<th>tool</th><th>ports</th><th>distribution</th><th>start</th><th>end</th><th>evidence</th></tr></thead>\n"
        + "<tbody>\n");
    for (CampaignRecord c : top) {
      String members = Arrays.stream(members(c)).limit(50).mapToObj(Ipv4::format).collect(Collectors.joining(", "));
      page.append("<tr>");
      cell(page, "id", c.id(), null);
      cell(page, "num", ReportText.count(members(c).length), members);
      cell(page, null, c.tool() == null ? "unknown" : c.tool(), null);
      cell(page, null, ReportText.ports(c.ports(), 32), portsTitle(c.ports()));
      cell(page, null, c.distribution(), null);
      cell(page, null, ReportText.human(c.startNanos()), null);
      cell(page, null, ReportText.human(c.endNanos()), null);
      cell(page, "evidence", c.evidence() == null ? "" : String.join("; ", c.evidence()), null);
      page.append("</tr>\n");
    }
    page.append("</tbody></table></div>\n</section>\n");
  }

  private static int[] members(CampaignRecord c) {
    return c.sources() == null ? new int[0] : c.sources();
  }

  private static void suspects(StringBuilder page, List<DetectionReport.Suspect> suspects) {
    if (suspects.isEmpty()) {
      return;
    }
    List<DetectionReport.Suspect> top = suspects.stream()
        .sorted(Comparator.comparingDouble(DetectionReport.Suspect::likelihoodRatio).reversed()).limit(TOP_ROWS)
        .toList();
    page.append("<section>\n<h2>Suspects (sequential test)</h2>\n<div class=\"scroll\"><table class=\"rows\">\n"
        + "<thead><tr><th>source</th><th>decided</th><th class=\"num\">likelihood ratio</th></tr></thead>\n<tbody>\n");
    for (DetectionReport.Suspect s : top) {
      page.append("<tr>");
      cell(page, "ip", Ipv4.format(s.src()), null);
      cell(page, null, ReportText.human(s.timeNanos()), null);
      cell(page, "num", ReportText.figure(s.likelihoodRatio()), null);
      page.append("</tr>\n");
    }
    page.append("</tbody></table></div>\n</section>\n");
  }

  /** Not-scan traffic summed per reason: packets and distinct sources. */
  private static void notScans(StringBuilder page, List<NotScanRecord> notScans) {
    page.append("<section>\n<h2>Traffic that is not scanning</h2>\n");
    if (notScans.isEmpty()) {
      page.append("<p class=\"none\">None.</p>\n</section>\n");
      return;
    }
    Map<String, long[]> byReason = new TreeMap<>();
    Map<String, Set<Integer>> sources = new HashMap<>();
    for (NotScanRecord n : notScans) {
      String reason = n.reason() == null ? "unknown" : n.reason();
      byReason.computeIfAbsent(reason, r -> new long[1])[0] += n.packets();
      sources.computeIfAbsent(reason, r -> new HashSet<>()).add(n.src());
    }
    page.append("<table>\n<thead><tr><th>reason</th><th class=\"num\">sources</th><th class=\"num\">packets</th>"
        + "</tr></thead>\n<tbody>\n");
    for (String reason : byReason.keySet()) {
      page.append("<tr>");
      cell(page, null, reason, null);
      cell(page, "num", ReportText.count(sources.get(reason).size()), null);
      cell(page, "num", ReportText.count(byReason.get(reason)[0]), null);
      page.append("</tr>\n");
    }
    page.append("</tbody></table>\n</section>\n");
  }

  private static void cell(StringBuilder page, String cssClass, String text, String title) {
    page.append("<td");
    if (cssClass != null) {
      page.append(" class=\"").append(cssClass).append('"');
    }
    if (title != null && !title.isEmpty()) {
      page.append(" title=\"").append(Html.escape(title)).append('"');
    }
    page.append('>').append(Html.escape(text)).append("</td>");
  }
}
