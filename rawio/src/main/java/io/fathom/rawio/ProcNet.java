package io.fathom.rawio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads /proc/.../net files of the calling thread's network namespace. /proc/self/net shows the namespace
 * of the process's main thread, so a thread that entered another namespace must read
 * /proc/thread-self/net instead (available since Linux 3.17).
 */
final class ProcNet {
  private static final Path THREAD_SELF = Path.of("/proc/thread-self/net");
  private static final Path SELF = Path.of("/proc/self/net");

  private ProcNet() {}

  static List<String> lines(String file) {
    Path directory = Files.isDirectory(THREAD_SELF) ? THREAD_SELF : SELF;
    Path path = directory.resolve(file);
    try {
      return Files.readAllLines(path);
    } catch (IOException e) {
      throw new RawIoException("cannot read " + path + ": " + e.getMessage());
    }
  }
}
