package io.fathom.lab;

import io.fathom.common.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A simulated piece of Internet in two network namespaces, for scanner tests, benchmarks and demos.
 *
 * <p>Lab NAME is namespace NAME-scan (the scanner: 198.19.255.254/30 on veth NAME-s, one route 198.18.0.0/15 via
 * the target and a permanent neighbour entry for it, no default route, so nothing leaves the lab) and namespace
 * NAME-tgt (the targets: 198.19.255.253/30 on veth NAME-t, owning all of 198.18.0.0/16 through a local route on
 * lo). In the target, nftables decides per address and port from the seeded {@link GroundTruth}: OPEN pairs reach
 * a {@link PortListener}, CLOSED pairs get a RST, everything else in the live prefix is dropped, and the dark prefix
 * 198.19.0.0/16 (less the link) is dropped before routing. The facts are kept in /run/fathom-lab/NAME/.
 */
public final class Lab {
  private Lab() {}

  /** Builds the lab, replacing one of the same name; on any failure removes whatever was built, then rethrows. */
  public static LabInfo up(LabConfig config) {
    requireRoot();
    Tools.requireAll();
    down(config.name());
    LabSetup setup = new LabSetup(config);
    try {
      return setup.run();
    } catch (RuntimeException | Error e) {
      try {
        setup.stopListener();
        down(config.name());
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Removes the lab: its processes, both namespaces (the veths go with them) and its state directory. Idempotent. */
  public static void down(String name) {
    LabConfig.validateName(name);
    requireRoot();
    new LabTeardown(name).run();
  }

  /** The running lab's facts, or empty when it was never brought up, is gone, or lost a namespace. */
  public static Optional<LabInfo> status(String name) {
    LabConfig.validateName(name);
    return LabFiles.readInfo(LabFiles.stateDir(name))
        .filter(info -> Namespaces.exists(info.scannerNamespace()) && Namespaces.exists(info.targetNamespace()));
  }

  /** True when this process runs with effective user id 0. */
  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0"); // fields: real, effective, saved, filesystem
        }
      }
    } catch (IOException e) {
      // No /proc: not a Linux we can build a lab on anyway.
    }
    return false;
  }

  private static void requireRoot() {
    if (!isRoot()) {
      throw new UsageException("the lab needs root (run as root or with sudo)");
    }
  }
}
