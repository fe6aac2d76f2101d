package io.fathom.engine;

import io.fathom.engine.output.AsciiBuffer;
import io.fathom.engine.output.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Shows progress once a second: a status line on a terminal, and/or NDJSON lines in a status file. */
final class StatusReporter implements AutoCloseable {
  private final PrintStream terminal;
  private final OutputStream statusFile;
  private final AsciiBuffer line = new AsciiBuffer();
  private boolean lineShown;

  StatusReporter(PrintStream terminal, Path statusFile) throws IOException {
    this.terminal = terminal;
    this.statusFile = statusFile == null ? null : Files.newOutputStream(statusFile,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  void report(ScanProgress p) throws IOException {
    if (terminal != null) {
      String eta = p.etaSeconds() < 0 ? "--:--" : clock((long) p.etaSeconds());
      terminal.print(String.format(Locale.ROOT,
          "\r%s %6.2f%% sent %d (%s p/s) recv %d found %d invalid %d drops %d %s   ",
          clock((long) p.elapsedSeconds()), p.fractionDone() * 100, p.sent(), human(p.sendRate()),
          p.received(), p.found(), p.invalid(), p.kernelDrops(), p.cooling() ? "cooling down" : "ETA " + eta));
      terminal.flush();
      lineShown = true;
    }
    if (statusFile != null) {
      line.clear().append("{\"ts\":\"");
      Timestamps.appendIso(line, System.currentTimeMillis() * 1_000_000L);
      line.append("\",\"elapsed_s\":").append(Math.round(p.elapsedSeconds() * 1000) / 1000.0 + "");
      line.append(",\"rate_pps\":").append(Math.round(p.sendRate()));
      line.append(",\"percent_done\":").append(Math.round(p.fractionDone() * 10000) / 100.0 + "");
      line.append(",\"eta_s\":").append(Math.round(p.etaSeconds()));
      line.append(",\"sent\":").append(p.sent()).append(",\"received\":").append(p.received());
      line.append(",\"found\":").append(p.found()).append(",\"invalid\":").append(p.invalid());
      line.append(",\"kernel_drops\":").append(p.kernelDrops());
      line.append(",\"phase\":\"").append(p.cooling() ? "cooldown" : "sending").append("\"}\n");
      line.writeTo(statusFile);
      statusFile.flush();
    }
  }

  private static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  private static String human(double rate) {
    if (rate >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", rate / 1e6);
    }
    if (rate >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", rate / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", rate);
  }

  @Override
  public void close() throws IOException {
    if (terminal != null && lineShown) {
      terminal.println();
    }
    if (statusFile != null) {
      statusFile.close();
    }
  }
}
