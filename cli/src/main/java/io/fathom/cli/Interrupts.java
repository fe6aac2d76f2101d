package io.fathom.cli;

import io.fathom.engine.Scanner;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM, as masscan handles them: the first stops sending and lets the cooldown collect the
 * replies still in flight (then the resume point is written); the second ends the cooldown at once.
 */
final class Interrupts implements AutoCloseable {
  private final SignalHandler previousInt;
  private final SignalHandler previousTerm;

  private Interrupts(Scanner scanner) {
    AtomicInteger count = new AtomicInteger();
    SignalHandler handler = signal -> {
      if (count.incrementAndGet() == 1) {
        System.err.println("\nfathom: stopping; waiting for replies in flight (interrupt again to skip)");
        scanner.requestStop();
      } else {
        scanner.cancelCooldown();
      }
    };
    previousInt = Signal.handle(new Signal("INT"), handler);
    previousTerm = Signal.handle(new Signal("TERM"), handler);
  }

  static Interrupts install(Scanner scanner) {
    return new Interrupts(scanner);
  }

  @Override
  public void close() {
    Signal.handle(new Signal("INT"), previousInt);
    Signal.handle(new Signal("TERM"), previousTerm);
  }
}
