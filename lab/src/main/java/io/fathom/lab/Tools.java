package io.fathom.lab;

import io.fathom.common.UsageException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the system tools the lab runs, with a one-line message naming the package when one is missing. */
final class Tools {
  static final File DEV_NULL = new File("/dev/null");
  // Administration tools live in sbin, which a non-login root shell or sudo may leave off PATH.
  private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin");

  private Tools() {}

  static String ip() {
    return require("ip", "iproute2");
  }

  static String nft() {
    return require("nft", "nftables");
  }

  static String ethtool() {
    return require("ethtool", "ethtool");
  }

  static String sysctl() {
    return require("sysctl", "procps");
  }

  static String setsid() {
    return require("setsid", "util-linux");
  }

  /** Checks every tool up front, so a missing one is reported before anything is built. */
  static void requireAll() {
    ip();
    nft();
    ethtool();
    sysctl();
    setsid();
  }

  /** The absolute path of {@code tool}, or a {@link UsageException} naming the Debian package that provides it. */
  static String require(String tool, String debianPackage) {
    return require(tool, debianPackage, searchPath());
  }

  static String require(String tool, String debianPackage, List<Path> dirs) {
    for (Path dir : dirs) {
      Path candidate = dir.resolve(tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new UsageException("the lab needs '" + tool + "' (Debian package " + debianPackage + ")");
  }

  private static List<Path> searchPath() {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    EXTRA_DIRS.forEach(dir -> dirs.add(Path.of(dir)));
    return dirs;
  }
}
