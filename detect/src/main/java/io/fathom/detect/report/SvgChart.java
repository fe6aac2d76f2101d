package io.fathom.detect.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report, drawn from numbers alone: horizontal bars and a time histogram. Every
 * label is escaped and every bar carries a {@code <title>} with its exact figures, shown on hover.
 */
final class SvgChart {
  static final int WIDTH = 520;
  private static final int ROW = 22;
  private static final int LABEL = 130;
  private static final int VALUE = 110;
  private static final String[] PALETTE = {"#2f6f9f", "#3f9a82", "#d08c2e", "#8a5aa8", "#c0504d", "#5b8c3a",
      "#7a7a7a", "#2b9cc4", "#b5651d", "#6d6dc2"};

  /** One bar: its label, its length, and the text written after it. */
  record Bar(String label, long value, String note) {}

  private SvgChart() {}

  /** Horizontal bars, longest first as given; {@code colored} gives each bar its own color (a share chart). */
  static String bars(String description, List<Bar> bars, boolean colored) {
    if (bars.isEmpty()) {
      return empty(description);
    }
    long max = bars.stream().mapToLong(Bar::value).max().orElse(1);
    int span = WIDTH - LABEL - VALUE - 8;
    int height = bars.size() * ROW + 8;
    StringBuilder svg = open(description, height);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = 4 + i * ROW;
      double length = max == 0 ? 0 : Math.max(1, span * (double) bar.value() / max);
      String color = colored ? PALETTE[i % PALETTE.length] : PALETTE[0];
      svg.append("<g><title>").append(Html.escape(bar.label() + ": " + bar.note())).append("</title>")
          .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL - 6, y + 15))
          .append(Html.escape(ReportText.truncate(bar.label(), 20))).append("</text>")
          .append(String.format(Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" rx=\"2\" fill=\"%s\"/>", LABEL, y + 2, length,
              color))
          .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"v\">", LABEL + length + 6, y + 15))
          .append(Html.escape(bar.note())).append("</text></g>");
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Column per time bin: {@code counts[i]} scans started in {@code [from + i * bin, from + (i + 1) * bin)}.
   */
  static String histogram(String description, long[] counts, long fromNanos, long binNanos) {
    if (counts.length == 0) {
      return empty(description);
    }
    int height = 210;
    int left = 44;
    int right = 16;
    int top = 12;
    int bottom = 40;
    int plotW = WIDTH - left - right;
    int plotH = height - top - bottom;
    long max = Math.max(1, Arrays.stream(counts).max().orElse(1));
    StringBuilder svg = open(description, height);
    for (int tick = 0; tick <= 2; tick++) {
      long value = Math.round(max * tick / 2.0);
      double y = top + plotH - plotH * (double) value / max;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"v\">%d</text>",
          left, left + plotW, y, y, left - 6, y + 4, value));
    }
    double binW = plotW / (double) counts.length;
    for (int i = 0; i < counts.length; i++) {
      double h = plotH * (double) counts[i] / max;
      long binStart = fromNanos + i * binNanos;
      String tip = ReportText.human(binStart) + " + " + ReportText.duration(binNanos) + ": " + counts[i] + " scans";
      svg.append("<g><title>").append(Html.escape(tip)).append("</title>")
          .append(String.format(Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/></g>", left + i * binW + 0.5,
              top + plotH - h, Math.max(0.5, binW - 1), h, PALETTE[0]));
    }
    long toNanos = fromNanos + counts.length * binNanos;
    int base = top + plotH;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>", left,
        left + plotW, base, base));
    axisLabel(svg, left, base + 18, "start", ReportText.human(fromNanos));
    axisLabel(svg, left + plotW, base + 18, "end", ReportText.human(toNanos));
    axisLabel(svg, left + plotW / 2, base + 34, "middle", "bins of " + ReportText.duration(binNanos) + " (UTC)");
    return svg.append("</svg>").toString();
  }

  private static void axisLabel(StringBuilder svg, int x, int y, String anchor, String text) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" class=\"v\">", x, y, anchor))
        .append(Html.escape(text)).append("</text>");
  }

  private static StringBuilder open(String description, int height) {
    return new StringBuilder(2048)
        .append(String.format(Locale.ROOT,
            "<svg role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" class=\"chart\">", WIDTH, height,
            WIDTH, height))
        .append("<desc>").append(Html.escape(description)).append("</desc>");
  }

  private static String empty(String description) {
    return open(description, 40).append("<text x=\"12\" y=\"24\" class=\"v\">no scans</text></svg>").toString();
  }
}
