package io.fathom.lab;

/** How an external command ended. */
record CommandResult(int exitCode, String stdout, String stderr) {
  boolean succeeded() {
    return exitCode == 0;
  }

  /** The error output on one line, for messages. */
  String stderrLine() {
    return stderr.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
