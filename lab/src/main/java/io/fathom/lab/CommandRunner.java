package io.fathom.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (ip, nft, ethtool, sysctl) with a deadline, capturing both outputs. */
final class CommandRunner {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private CommandRunner() {}

  /** Runs the command and fails with one line (command, exit status, stderr) unless it exits 0. */
  static String run(List<String> command) {
    return run(command, DEFAULT_TIMEOUT);
  }

  static String run(List<String> command, Duration timeout) {
    CommandResult result = runAllowingFailure(command, timeout);
    if (!result.succeeded()) {
      throw new LabException(
          "command failed (exit " + result.exitCode() + "): " + String.join(" ", command) + ": " + result.stderrLine());
    }
    return result.stdout();
  }

  static CommandResult runAllowingFailure(List<String> command) {
    return runAllowingFailure(command, DEFAULT_TIMEOUT);
  }

  static CommandResult runAllowingFailure(List<String> command, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Tools.DEV_NULL)).start();
    } catch (IOException e) {
      throw new LabException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    // Drain both pipes concurrently so a chatty command cannot block on a full pipe.
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new LabException("command timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
      }
      return new CommandResult(process.exitValue(), stdout.get(), stderr.get());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while running " + String.join(" ", command), e);
    } catch (ExecutionException e) {
      throw new LabException("cannot read the output of " + String.join(" ", command) + ": " + e.getCause(), e);
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (stream) {
        text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.completeExceptionally(new UncheckedIOException(e));
      }
    });
    return text;
  }
}
