package io.fathom.capture;

/**
 * One file's view of the {@link CaptureWarnings}: remembers which kinds were already reported for this file so
 * that each is printed once, and builds the line only then (repeats allocate nothing).
 */
final class ProblemLog {
  private final CaptureWarnings warnings;
  private final String file;
  private int reported;

  ProblemLog(CaptureWarnings warnings, String file) {
    this.warnings = warnings;
    this.file = file;
  }

  String file() {
    return file;
  }

  void report(CaptureProblem problem, long byteOffset) {
    report(problem, byteOffset, null);
  }

  void report(CaptureProblem problem, long byteOffset, String detail) {
    int bit = 1 << problem.ordinal();
    boolean first = (reported & bit) == 0;
    reported |= bit;
    String line = first ? line(problem, byteOffset, detail) : null;
    warnings.count(problem, first, line);
  }

  private String line(CaptureProblem problem, long byteOffset, String detail) {
    String what = detail == null ? problem.what() : problem.what() + " (" + detail + ")";
    return file + ": " + what + " at byte " + byteOffset + ", " + problem.action();
  }
}
