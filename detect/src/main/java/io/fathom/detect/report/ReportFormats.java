package io.fathom.detect.report;

import io.fathom.common.UsageException;
import java.util.List;

/** The report formats, in the order help texts list them. */
public final class ReportFormats {
  private static final List<ReportFormat> ALL =
      List.of(new JsonReportFormat(), new CsvReportFormat(), new TableReportFormat(), new HtmlReportFormat());

  private ReportFormats() {}

  public static List<ReportFormat> all() {
    return ALL;
  }

  public static List<String> names() {
    return ALL.stream().map(ReportFormat::name).toList();
  }

  /** The format called {@code name}; an unknown name is a usage error that lists the known ones. */
  public static ReportFormat byName(String name) {
    for (ReportFormat format : ALL) {
      if (format.name().equals(name)) {
        return format;
      }
    }
    throw new UsageException("unknown report format '" + name + "' (known: " + String.join(", ", names()) + ")");
  }
}
