package io.fathom.cli;

import io.fathom.common.UsageException;
import io.fathom.lab.Lab;
import io.fathom.lab.LabInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/**
 * Runs a fathom command inside a lab's scanner namespace: the same JVM binary, class path and options,
 * started under {@code ip netns exec}, so that the scan can only reach the lab. Signals are passed on, so
 * Ctrl-C and SIGTERM behave as if the scan ran here.
 */
final class LabLauncher {
  static final String INSIDE_LAB = "FATHOM_INSIDE_LAB";

  private LabLauncher() {}

  static boolean insideLab() {
    return System.getenv(INSIDE_LAB) != null;
  }

  /** Runs {@code args} (a whole fathom command line) in the lab; returns its exit status. */
  static int runInLab(String name, List<String> args) throws IOException, InterruptedException {
    LabInfo info = Lab.status(name).orElseThrow(() ->
        new UsageException("the lab '" + name + "' is not up: run 'fathom lab up' first"));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Fathom.class.getName());
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--lab-name")) {
        i++;
      } else if (!arg.equals("--lab") && !arg.startsWith("--lab-name=")) {
        command.add(arg);
      }
    }
    ProcessBuilder builder = new ProcessBuilder(info.inScanner(command)).inheritIO();
    builder.environment().put(INSIDE_LAB, name);
    Process child = builder.start();
    var previousInt = Signal.handle(new Signal("INT"), signal -> forward(child, "INT"));
    var previousTerm = Signal.handle(new Signal("TERM"), signal -> forward(child, "TERM"));
    try {
      return child.waitFor();
    } finally {
      Signal.handle(new Signal("INT"), previousInt);
      Signal.handle(new Signal("TERM"), previousTerm);
    }
  }

  private static void forward(Process child, String signal) {
    try {
      // 'ip netns exec' replaces itself with the command, so the child's pid is the JVM's.
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start().waitFor();
    } catch (IOException e) {
      child.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
