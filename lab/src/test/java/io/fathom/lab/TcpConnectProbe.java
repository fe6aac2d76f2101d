package io.fathom.lab;

import io.fathom.common.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connects from the scanner namespace with bash's /dev/tcp under `timeout`, all targets at once, so the ones that
 * are expected to time out cost one timeout in all.
 */
final class TcpConnectProbe {
  /** How one connect ended: exit 0 connected, 1 refused (RST), 124 timed out. */
  record Outcome(String target, int exitCode, long millis, String stderr) {}

  private TcpConnectProbe() {}

  static List<Outcome> connectAll(LabInfo lab, List<Target> targets, int timeoutSeconds) throws Exception {
    List<Process> processes = new ArrayList<>();
    try {
      List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
      for (Target target : targets) {
        List<String> command = lab.inScanner(
            List.of("timeout", Integer.toString(timeoutSeconds), "bash", "-c", "</dev/tcp/" + target));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).start();
        processes.add(process);
        // Our own child: onExit() completes as soon as the JVM reaps it, so the time is the connect's own.
        outcomes.add(process.onExit().thenApply(p -> new Outcome(target.toString(), p.exitValue(),
            (System.nanoTime() - start) / 1_000_000, stderr(p))));
      }
      List<Outcome> results = new ArrayList<>();
      for (CompletableFuture<Outcome> outcome : outcomes) {
        results.add(outcome.get(timeoutSeconds + 20L, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }

  private static String stderr(Process process) {
    try {
      return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** An address and port, printed as bash's /dev/tcp path wants it: "198.18.0.1/80". */
  record Target(int address, int port) {
    @Override
    public String toString() {
      return Ipv4.format(address) + "/" + port;
    }
  }
}
