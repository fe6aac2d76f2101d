package io.fathom.lab;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import io.fathom.packet.Macs;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The flooder's command line: {@code --interface IF --dst-mac MAC --dst-ip IP [--src-mac MAC]
 * [--src-prefix CIDR] [--ports P,P...] [--seed N] [--rate PPS] [--seconds S]}. Without {@code --src-mac} the
 * interface's own MAC is used; {@code --seconds 0} (the default) floods until the process is terminated.
 */
record FloodOptions(FloodConfig config, int seconds) {
  static final String USAGE = "usage: Flooder --interface IF --dst-mac MAC --dst-ip IP [--src-mac MAC]"
      + " [--src-prefix CIDR (198.18.0.0/16)] [--ports P,P... (22,80,443)] [--seed N (1)] [--rate PPS (20000)]"
      + " [--seconds S (0: until terminated)]";
  private static final List<String> NAMES = List.of(
      "--interface", "--dst-mac", "--dst-ip", "--src-mac", "--src-prefix", "--ports", "--seed", "--rate", "--seconds");

  /** Parses the arguments; {@code interfaceMac} looks up the sending interface's MAC when none is given. */
  static FloodOptions parse(String[] args, ToLongFunction<String> interfaceMac) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!NAMES.contains(args[i]) || i + 1 == args.length) {
        throw new UsageException((NAMES.contains(args[i]) ? "missing value for " : "unknown option ") + args[i]);
      }
      values.put(args[i], args[i + 1]);
    }
    String interfaceName = required(values, "--interface");
    long destinationMac = Macs.parse(required(values, "--dst-mac"));
    int destinationIp = address(required(values, "--dst-ip"));
    String sourceMacText = values.get("--src-mac");
    long sourceMac = sourceMacText == null ? interfaceMac.applyAsLong(interfaceName) : Macs.parse(sourceMacText);
    String[] prefix = values.getOrDefault("--src-prefix", "198.18.0.0/16").split("/", 2);
    if (prefix.length != 2) {
      throw new UsageException("--src-prefix must look like 198.18.0.0/16");
    }
    int[] ports = Arrays.stream(values.getOrDefault("--ports", "22,80,443").split(","))
        .mapToInt(port -> integer("--ports", port.strip())).toArray();
    long seed = number("--seed", values.getOrDefault("--seed", "1"));
    int rate = integer("--rate", values.getOrDefault("--rate", "20000"));
    int seconds = integer("--seconds", values.getOrDefault("--seconds", "0"));
    if (seconds < 0) {
      throw new UsageException("--seconds must be 0 or more, not " + seconds);
    }
    FloodConfig config = new FloodConfig(interfaceName, sourceMac, destinationMac, destinationIp, address(prefix[0]),
        integer("--src-prefix", prefix[1]), ports, seed, rate);
    return new FloodOptions(config, seconds);
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new UsageException("missing " + name + "; " + USAGE);
    }
    return value;
  }

  private static int address(String text) {
    try {
      return Ipv4.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static int integer(String option, String text) {
    long value = number(option, text);
    if (value != (int) value) {
      throw new UsageException(option + " value " + text + " is out of range");
    }
    return (int) value;
  }

  private static long number(String option, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " wants a number, not '" + text + "'");
    }
  }
}
