package io.fathom.targets;

import io.fathom.common.UsageException;
import java.util.List;

/** The registry of target orders, by the names the command line accepts. */
public final class TargetOrders {
  private static final List<String> NAMES = List.of("cyclic", "blackrock");

  private TargetOrders() {}

  public static List<String> names() {
    return NAMES;
  }

  /**
   * The named order over {@code size} targets.
   *
   * @throws UsageException for an unknown name, a size of 0 or a size beyond 2^62
   */
  public static TargetOrder create(String name, long size, long seed) {
    return switch (name) {
      case "cyclic" -> CyclicGroupOrder.create(size, seed);
      case "blackrock" -> BlackRockOrder.create(size, seed);
      case null, default -> throw new UsageException(
          "unknown target order '" + name + "': expected one of " + String.join(", ", NAMES));
    };
  }
}
