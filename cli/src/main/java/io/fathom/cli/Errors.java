package io.fathom.cli;

import io.fathom.common.UsageException;
import io.fathom.rawio.RawIoException;
import picocli.CommandLine;

/** Turns every failure into one line on stderr and an exit status; stack traces only with FATHOM_DEBUG=1. */
final class Errors {
  private static final int EPERM = 1;
  private Errors() {}

  static void print(CommandLine cl, String message) {
    System.err.println("fathom: " + firstLine(message));
    System.err.flush();
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Picocli's own parse errors: unknown options, missing values, bad numbers. */
  static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
      print(e.getCommandLine(), e.getMessage() + " (see '" + command + " --help')");
      return Fathom.EXIT_USAGE;
    }
  }

  /** Exceptions thrown while a command runs. */
  static final class ExecutionHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
      if (System.getenv("FATHOM_DEBUG") != null) {
        e.printStackTrace();
      }
      if (e instanceof UsageException) {
        print(cl, e.getMessage());
        return Fathom.EXIT_USAGE;
      }
      if (e instanceof RawIoException raw && raw.errno() == EPERM) {
        print(cl, e.getMessage() + ": raw sockets need root or CAP_NET_RAW");
        return Fathom.EXIT_FAILURE;
      }
      if (e instanceof RawIoException || e instanceof java.io.IOException) {
        print(cl, e.getMessage());
        return Fathom.EXIT_FAILURE;
      }
      print(cl, "internal error: " + e + " (set FATHOM_DEBUG=1 for details)");
      return Fathom.EXIT_FAILURE;
    }
  }
}
