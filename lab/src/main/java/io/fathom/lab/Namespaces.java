package io.fathom.lab;

import java.util.ArrayList;
import java.util.List;

/** Named network namespaces ({@code ip netns}): listing, creating, deleting and finding their processes. */
final class Namespaces {
  private Namespaces() {}

  static boolean exists(String namespace) {
    for (String line : CommandRunner.run(List.of(Tools.ip(), "netns", "list")).split("\\R")) {
      // Lines look like "NAME" or "NAME (id: 3)".
      String first = line.strip().split("\\s+", 2)[0];
      if (first.equals(namespace)) {
        return true;
      }
    }
    return false;
  }

  static void add(String namespace) {
    CommandRunner.run(List.of(Tools.ip(), "netns", "add", namespace));
  }

  /** Deletes the namespace if it exists. */
  static void deleteIfExists(String namespace) {
    if (exists(namespace)) {
      CommandRunner.run(List.of(Tools.ip(), "netns", "delete", namespace));
    }
  }

  /** Process ids of everything running inside the namespace (empty when it does not exist). */
  static List<Long> pids(String namespace) {
    List<Long> pids = new ArrayList<>();
    if (!exists(namespace)) {
      return pids;
    }
    CommandResult result = CommandRunner.runAllowingFailure(List.of(Tools.ip(), "netns", "pids", namespace));
    for (String line : result.stdout().split("\\R")) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.strip()));
      }
    }
    return pids;
  }

  /** The command run inside the namespace through {@code ip netns exec}. */
  static List<String> exec(String namespace, List<String> command) {
    List<String> full = new ArrayList<>(List.of(Tools.ip(), "netns", "exec", namespace));
    full.addAll(command);
    return full;
  }
}
