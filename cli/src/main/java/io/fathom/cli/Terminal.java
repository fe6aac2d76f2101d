package io.fathom.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Whether a file descriptor is a terminal (isatty(3)): the status line is shown only on one. */
final class Terminal {
  private static final MethodHandle ISATTY = Linker.nativeLinker().defaultLookup().find("isatty")
      .map(address -> Linker.nativeLinker().downcallHandle(address,
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)))
      .orElse(null);

  private Terminal() {}

  static boolean isTerminal(int fd) {
    if (ISATTY == null) {
      return false;
    }
    try {
      return (int) ISATTY.invokeExact(fd) == 1;
    } catch (Throwable e) {
      return false;
    }
  }
}
