package io.fathom.capture;

import io.fathom.common.UsageException;
import java.nio.file.Path;
import java.util.List;

/**
 * Several captures read one after the other, each opened only when its turn comes (so a thousand files never
 * hold a thousand mappings) and each with its own once-per-file warnings.
 */
final class ChainedReader implements CaptureReader {
  private final List<Path> files;
  private final CaptureReader[] opened;
  private final CaptureWarnings warnings;
  private int nextFile;
  private CaptureReader current;
  private String currentName = "";
  private long finishedPackets;

  /** {@code opened[i]}, where not null, is {@code files[i]} opened ahead of its turn (standard input). */
  ChainedReader(List<Path> files, CaptureReader[] opened, CaptureWarnings warnings) {
    this.files = files;
    this.opened = opened;
    this.warnings = warnings;
  }

  @Override
  public boolean next(CaptureRecord record) {
    while (true) {
      if (current != null) {
        if (current.next(record)) {
          return true;
        }
        finishedPackets += current.packets();
        current.close();
        current = null;
      }
      if (nextFile == files.size()) {
        return false;
      }
      current = openNext();
    }
  }

  private CaptureReader openNext() {
    int i = nextFile++;
    CaptureReader reader = opened[i];
    opened[i] = null;
    currentName = files.get(i).toString();
    if (reader != null) {
      return reader;
    }
    try {
      return Captures.open(files.get(i), warnings);
    } catch (UsageException e) {
      // It was a capture when openAll looked; it changed since. Say so and go on with the next.
      new ProblemLog(warnings, currentName).report(CaptureProblem.READ_ERROR, 0, e.getMessage());
      return new EmptyCapture(currentName);
    }
  }

  @Override
  public long packets() {
    return finishedPackets + (current == null ? 0 : current.packets());
  }

  @Override
  public String name() {
    return current == null ? currentName : current.name();
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
    for (int i = 0; i < opened.length; i++) {
      if (opened[i] != null) {
        opened[i].close();
        opened[i] = null;
      }
    }
    nextFile = files.size();
  }
}
