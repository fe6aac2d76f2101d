package io.fathom.common;

/**
 * Bad input from the user (flags, targets, files): the command line prints the message as one line and
 * exits with status 2, without a stack trace.
 */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message, null, false, false);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
