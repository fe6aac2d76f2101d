package io.fathom.lab;

import java.util.Optional;

/** Ending processes by id: politely first (SIGTERM), then forcibly (SIGKILL), waiting for each. */
final class Processes {
  private static final long GRACE_MILLIS = 3000;

  private Processes() {}

  /** Ends the process if it is still alive; true when it is gone afterwards. */
  static boolean terminate(ProcessHandle process) {
    if (process.pid() == ProcessHandle.current().pid() || !process.isAlive()) {
      return !process.isAlive();
    }
    process.destroy();
    if (awaitExit(process)) {
      return true;
    }
    process.destroyForcibly();
    return awaitExit(process);
  }

  static Optional<ProcessHandle> find(long pid) {
    return ProcessHandle.of(pid);
  }

  /** The process's full command line, or "" when the kernel does not tell (it exited, or belongs to another user). */
  static String commandLine(ProcessHandle process) {
    return process.info().commandLine().orElse("");
  }

  // Polls rather than using onExit(): for a process that is not our child, onExit() notices the exit seconds late.
  private static boolean awaitExit(ProcessHandle process) {
    long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
    while (process.isAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return !process.isAlive();
  }
}
