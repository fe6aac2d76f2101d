package io.fathom.cli;

import io.fathom.common.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fathom} command: the only place where the modules are wired together. */
@Command(
    name = "fathom",
    mixinStandardHelpOptions = true,
    versionProvider = Fathom.VersionProvider.class,
    description = "Stateless Internet-scale scanning and scan detection.",
    subcommands = {ScanCommand.class, DetectCommand.class, LabCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class Fathom {
  /** Exit status of bad input: flags, targets, files. */
  public static final int EXIT_USAGE = 2;
  /** Exit status of a failure at run time (sockets, the kernel, files that cannot be written). */
  public static final int EXIT_FAILURE = 1;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (no {@code System.exit}: tests call this). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Fathom());
    cl.setParameterExceptionHandler(new Errors.ParameterHandler());
    cl.setExecutionExceptionHandler(new Errors.ExecutionHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Reports the build's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"fathom " + Version.STRING + " (Java " + Runtime.version() + ")"};
    }
  }
}
