package io.fathom.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes a lab, whatever state it is in: every step is tried even when an earlier one failed, and a part that is
 * already gone is not an error.
 */
final class LabTeardown {
  private final String name;
  private final List<RuntimeException> failures = new ArrayList<>();

  LabTeardown(String name) {
    this.name = name;
  }

  void run() {
    Path stateDir = LabFiles.stateDir(name);
    String scanNs = name + "-scan";
    String targetNs = name + "-tgt";
    attempt(() -> stopRecordedListener(stateDir));
    // A process left inside a namespace keeps it (and its veth) alive after the name is deleted, so end them all:
    // the listener, and anything a user or a test started in the lab.
    for (String namespace : List.of(targetNs, scanNs)) {
      attempt(() -> Namespaces.pids(namespace).forEach(pid -> Processes.find(pid).ifPresent(Processes::terminate)));
    }
    for (String namespace : List.of(targetNs, scanNs)) {
      attempt(() -> Namespaces.deleteIfExists(namespace));
    }
    attempt(() -> LabFiles.deleteTree(stateDir));
    if (!failures.isEmpty()) {
      LabException failure =
          new LabException("could not remove lab " + name + " completely: " + failures.getFirst().getMessage());
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private static void stopRecordedListener(Path stateDir) {
    try {
      String pid = Files.readString(LabFiles.listenerPid(stateDir), StandardCharsets.US_ASCII).strip();
      ListenerProcess.stop(Long.parseLong(pid));
    } catch (NoSuchFileException e) {
      // No listener was recorded (nothing open, or the lab never got that far).
    } catch (IOException | NumberFormatException e) {
      throw new LabException("cannot read " + LabFiles.listenerPid(stateDir) + ": " + e.getMessage(), e);
    }
  }

  private void attempt(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }
}
