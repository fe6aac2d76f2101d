package io.fathom.capture;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * Where capture readers report problems: every occurrence is counted, and the first of each kind in each file
 * is passed to the sink as one line ("capture.pcap: truncated record at byte 123456, stopping"). Counting is
 * thread-safe; the sink must be too if readers on several threads share it.
 */
public final class CaptureWarnings {
  private static final CaptureProblem[] PROBLEMS = CaptureProblem.values();

  private final Consumer<String> sink;
  private final AtomicLongArray counts = new AtomicLongArray(PROBLEMS.length);

  public CaptureWarnings(Consumer<String> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Counts problems without printing them. */
  public static CaptureWarnings silent() {
    return new CaptureWarnings(line -> { });
  }

  /** How many times {@code problem} occurred, over all files. */
  public long count(CaptureProblem problem) {
    return counts.get(problem.ordinal());
  }

  /** How many problems occurred, of all kinds, over all files. */
  public long total() {
    long sum = 0;
    for (int i = 0; i < PROBLEMS.length; i++) {
      sum += counts.get(i);
    }
    return sum;
  }

  void count(CaptureProblem problem, boolean firstInFile, String line) {
    counts.incrementAndGet(problem.ordinal());
    if (firstInFile) {
      sink.accept(line);
    }
  }
}
