package io.fathom.lab;

/** Building or tearing down a lab failed; the message is one line naming the step, the command and its error. */
public final class LabException extends RuntimeException {
  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
