package io.fathom.lab;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lab for one test: {@code try (TemporaryLab lab = TemporaryLab.start(config)) {...}}. A JVM shutdown hook
 * removes it even when the test forgets to close it or the JVM is interrupted.
 */
public final class TemporaryLab implements AutoCloseable {
  private final LabInfo info;
  private final Thread cleanup;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TemporaryLab(LabInfo info, Thread cleanup) {
    this.info = info;
    this.cleanup = cleanup;
  }

  /** Brings the lab up; the shutdown hook is in place before the first namespace exists. */
  public static TemporaryLab start(LabConfig config) {
    String name = config.name();
    Thread cleanup = new Thread(() -> quietlyDown(name), "fathom-lab-cleanup-" + name);
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      return new TemporaryLab(Lab.up(config), cleanup);
    } catch (RuntimeException | Error e) {
      removeHook(cleanup);
      throw e;
    }
  }

  /** A lab name no user would choose ("t" and five random hex digits), so tests never clash with a real lab. */
  public static String uniqueName() {
    return "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 20)).substring(3);
  }

  public LabInfo info() {
    return info;
  }

  /** Removes the lab (once; later calls do nothing). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      removeHook(cleanup);
      Lab.down(info.name());
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs anyway.
    }
  }

  private static void quietlyDown(String name) {
    try {
      Lab.down(name);
    } catch (RuntimeException e) {
      System.err.println("could not remove lab " + name + ": " + e.getMessage());
    }
  }
}
