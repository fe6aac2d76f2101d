package io.fathom.lab;

/**
 * The flooder as a process: floods for the given seconds, or until the process is terminated, then prints the
 * counts. A shutdown hook stops the sender and prints them when SIGTERM or Ctrl-C comes first.
 */
final class FloodCommand {
  private final Flooder flooder;
  private boolean finished;
  private int status;

  private FloodCommand(Flooder flooder) {
    this.flooder = flooder;
  }

  /** Floods from the process's own network namespace; returns the exit status (0, or 1 when sending failed). */
  static int run(FloodOptions options) {
    FloodCommand command = new FloodCommand(Flooder.start(options.config()));
    Thread hook = new Thread(command::finish, "fathom-flooder-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    command.awaitEnd(options.seconds() * 1000L);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Shutting down already: the hook has finished or will finish the same way.
    }
    return command.finish();
  }

  /** Waits until the flooder ends by itself (it failed), or for {@code millis} (0: for ever). */
  private void awaitEnd(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (flooder.isRunning() && (millis == 0 || System.currentTimeMillis() < deadline)) {
      try {
        Thread.sleep(millis == 0 ? 100 : Math.clamp(deadline - System.currentTimeMillis(), 1, 100));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops the flooder and prints its counts, once; returns the exit status. */
  private synchronized int finish() {
    if (!finished) {
      finished = true;
      try {
        flooder.close();
      } catch (LabException e) {
        System.err.println(e.getMessage());
        status = 1;
      }
      System.out.println(flooder.summary());
      System.out.flush();
    }
    return status;
  }
}
