package io.fathom.systemtests.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code fathom detect} from the built {@code fathom.jar} in its own process, as a user would, the way the
 * lab system tests run {@code fathom scan}; standard input can come from a file.
 */
final class DetectCli {
  static final Path JAR = Path.of("..", "cli", "target", "fathom.jar").toAbsolutePath().normalize();
  private static final long TIMEOUT_SECONDS = 60;

  private DetectCli() {}

  /** {@code fathom detect ARGS...} with an empty standard input. */
  static Result detect(Path workDir, String... args) throws IOException, InterruptedException {
    return detectWithInput(workDir, null, args);
  }

  /** {@code fathom detect ARGS... < stdin} ({@code stdin} null for none). */
  static Result detectWithInput(Path workDir, Path stdin, String... args) throws IOException, InterruptedException {
    return run(workDir, stdin, List.of(), args);
  }

  /** {@code fathom detect ARGS...} in a JVM given {@code jvmOptions} besides the usual ones. */
  static Result detectWithJvmOptions(Path workDir, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    return run(workDir, null, jvmOptions, args);
  }

  private static Result run(Path workDir, Path stdin, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("build the cli module first: " + JAR + " is missing");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1"); // short runs: starting fast matters more than peak speed
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.add("detect");
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    Process p = builder.start();
    if (stdin == null) {
      p.getOutputStream().close();
    }
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("fathom detect did not finish within " + TIMEOUT_SECONDS + " s; stderr: "
          + Files.readString(err));
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** What the command left behind. */
  record Result(int status, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The "fathom: warning: ..." lines. */
    List<String> warnings() {
      return stderrLines().stream().filter(l -> l.startsWith("fathom: warning: ")).toList();
    }

    /** Standard output read as the NDJSON report. */
    DetectReport report() {
      return DetectReport.parse(stdout);
    }

    /** For assertion messages: the status and standard error. */
    String describe() {
      return "exit " + status + ", stderr: " + stderr;
    }
  }
}
