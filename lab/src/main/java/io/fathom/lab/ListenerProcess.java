package io.fathom.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Starts {@link PortListener} detached inside the target namespace, waits until it listens, and stops it. */
final class ListenerProcess {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final String MAIN_CLASS = PortListener.class.getName();

  private ListenerProcess() {}

  /**
   * Starts the listener in its own session (setsid), so it outlives this JVM and a Ctrl-C in this terminal; stdin
   * is /dev/null and output goes to listener.log in the state directory.
   */
  static Process start(String targetNamespace, Path stateDir, int[] ports) {
    List<String> java = new ArrayList<>(List.of(javaBinary(), "-Xmx64m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), MAIN_CLASS,
        "--ready-file", LabFiles.listenerReady(stateDir).toString(),
        Arrays.stream(ports).mapToObj(Integer::toString).collect(Collectors.joining(","))));
    List<String> command = new ArrayList<>(List.of(Tools.setsid()));
    command.addAll(Namespaces.exec(targetNamespace, java));
    Path log = LabFiles.listenerLog(stateDir);
    try {
      return new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(Tools.DEV_NULL))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new LabException("cannot start the port listener: " + e.getMessage(), e);
    }
  }

  /** Waits for the ready file and returns the listener's pid; fails (with its log's last line) if it dies. */
  static long awaitReady(Process process, Path stateDir, Duration timeout) {
    Path ready = LabFiles.listenerReady(stateDir);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(ready)) {
        return Long.parseLong(read(ready).strip());
      }
      if (!process.isAlive()) {
        throw new LabException("the port listener exited with status " + process.exitValue() + ": "
            + explanation(LabFiles.listenerLog(stateDir)));
      }
      sleep(20);
    }
    throw new LabException("the port listener was not listening after " + timeout.toSeconds() + " s (see "
        + LabFiles.listenerLog(stateDir) + ")");
  }

  /** Stops the listener with this pid; a pid that is gone or now names another program is left alone. */
  static void stop(long pid) {
    Processes.find(pid).filter(ListenerProcess::isListener).ifPresent(Processes::terminate);
  }

  static boolean isListener(ProcessHandle process) {
    return Processes.commandLine(process).contains(MAIN_CLASS);
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line that explains a failed start: the JVM's "Exception in thread" line, else the last line. */
  private static String explanation(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.stream().filter(l -> l.startsWith("Exception in thread")).findFirst()
          .or(() -> lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b))
          .orElse("(no output)").strip();
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while waiting for the port listener", e);
    }
  }
}
