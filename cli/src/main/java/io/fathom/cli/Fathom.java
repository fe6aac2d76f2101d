package io.fathom.cli;

import io.fathom.common.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fathom} command: the only place where the modules are wired together. */
@Command(
    name = "fathom",
    mixinStandardHelpOptions = true,
    versionProvider = Fathom.VersionProvider.class,
    description = "Stateless Internet-scale scanning and scan detection.")
public final class Fathom {
  /** The subcommands (besides help) by name, in the order help lists them. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("scan", ScanCommand::new);
    SUBCOMMANDS.put("detect", DetectCommand::new);
    SUBCOMMANDS.put("lab", LabCommand::new);
    SUBCOMMANDS.put("demo", DemoCommand::new);
  }

  /** Exit status of bad input: flags, targets, files. */
  public static final int EXIT_USAGE = 2;
  /** Exit status of a failure at run time (sockets, the kernel, files that cannot be written). */
  public static final int EXIT_FAILURE = 1;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (no {@code System.exit}: tests call this). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The command line with every subcommand. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for {@code args}: when the first names a subcommand, only that one is built. picocli reads the
   * options of every subcommand it is given by reflection, and Fathom's are many: about 60 ms of every start (a
   * detect run took 0.45 s to read an empty capture, 0.38 s so), spent on commands that will not run.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new Fathom());
    String first = args.length > 0 ? args[0] : "";
    boolean one = SUBCOMMANDS.containsKey(first);
    SUBCOMMANDS.forEach((name, command) -> {
      if (!one || name.equals(first)) {
        cl.addSubcommand(name, command.get());
      }
    });
    cl.addSubcommand("help", new CommandLine.HelpCommand());
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
