package io.fathom.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code fathom.jar} as a user would, in its own process, capturing stdout and stderr. */
final class FathomProcess {
  static final Path JAR = Path.of("..", "cli", "target", "fathom.jar").toAbsolutePath().normalize();

  final Process process;
  final Path stdout;
  final Path stderr;

  private FathomProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static FathomProcess start(Path workDir, String... args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("build the cli module first: " + JAR + " is missing");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    Process p = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new FathomProcess(p, out, err);
  }

  /** Runs to completion (killing it after {@code timeoutSeconds}) and returns the exit status. */
  static Result run(Path workDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    return start(workDir, args).await(timeoutSeconds);
  }

  Result await(long timeoutSeconds) throws IOException, InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError("fathom did not finish within " + timeoutSeconds + " s; stderr: " + Files.readString(stderr));
    }
    return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  /** Sends a signal by name (INT, TERM) to the fathom JVM (inside the lab, the launcher passes it on). */
  void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  record Result(int status, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
