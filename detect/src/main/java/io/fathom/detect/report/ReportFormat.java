package io.fathom.detect.report;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One way of writing a {@link DetectionReport}. Implementations write UTF-8, flush, and leave {@code out} open so
 * that the caller decides whether it is a file or standard output.
 */
public interface ReportFormat {
  /** The name users pick the format by, e.g. {@code json}. */
  String name();

  void write(DetectionReport report, OutputStream out) throws IOException;
}
