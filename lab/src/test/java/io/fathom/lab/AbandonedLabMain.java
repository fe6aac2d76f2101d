package io.fathom.lab;

import io.fathom.common.Ipv4;

/**
 * A program that starts a {@link TemporaryLab} and never closes it, for checking the shutdown hook. Args: NAME
 * then "exit" (System.exit at once) or "wait" (sleep until killed).
 */
final class AbandonedLabMain {
  private AbandonedLabMain() {}

  public static void main(String[] args) throws InterruptedException {
    LabConfig config = LabConfig.defaults().withName(args[0]).withPrefix(Ipv4.parse("198.18.9.0"), 24);
    TemporaryLab lab = TemporaryLab.start(config);
    System.out.println("up " + lab.info().name());
    System.out.flush();
    if (args[1].equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
