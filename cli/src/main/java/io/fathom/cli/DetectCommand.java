package io.fathom.cli;

import io.fathom.capture.CaptureReader;
import io.fathom.capture.CaptureWarnings;
import io.fathom.capture.Captures;
import io.fathom.capture.LinkTypes;
import io.fathom.common.UsageException;
import io.fathom.detect.entity.EntityCatalogue;
import io.fathom.detect.entity.JdkReverseDns;
import io.fathom.detect.fingerprint.ToolFingerprints;
import io.fathom.detect.report.DetectionReport;
import io.fathom.detect.report.ReportFormat;
import io.fathom.detect.report.ReportFormats;
import io.fathom.detect.scan.DetectionSettings;
import io.fathom.detect.scan.Prefix;
import io.fathom.rawio.BpfProgram;
import io.fathom.rawio.NetInterfaces;
import io.fathom.rawio.RxRing;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/** {@code fathom detect}: who is scanning, from captures or a live darknet interface. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Find scans in packet captures (pcap, pcapng, gzip'd or not; '-' is stdin) or on a live",
        "interface, fingerprint the tools, group campaigns, attribute and classify the scanning entities."})
public final class DetectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "Capture files, read in order")
  List<Path> files = new ArrayList<>();

  @Option(names = "--live", paramLabel = "IF", description = "Capture live from interface IF (AF_PACKET ring)")
  String live;

  @Option(names = "--duration", paramLabel = "SECS", description = "With --live: stop after SECS (else Ctrl-C)")
  double duration;

  @Option(names = "--ring-mb", paramLabel = "MIB", defaultValue = "256",
      description = "With --live: the receive ring's size, which absorbs bursts (default ${DEFAULT-VALUE})")
  int ringMegabytes;

  @Option(names = "--catalog", paramLabel = "FILE", description = "Extra entity catalogue, MISP list or CIDR list")
  List<Path> catalogs = new ArrayList<>();

  @Option(names = "--telescope", paramLabel = "PREFIX", split = ",",
      description = "The telescope's prefixes, for coverage and Internet-wide rate")
  List<String> telescope = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (default stdout)")
  Path output;

  @Option(names = {"-f", "--format"}, paramLabel = "json|csv|table|html", defaultValue = "json",
      description = "Report format (default ${DEFAULT-VALUE}: NDJSON)")
  String format;

  @Option(names = "--not-scans", description = "Also list traffic that is not scanning, with the reason")
  boolean notScans;

  @Option(names = "--suspects", description = "List TRW early warnings (suspect records); the default with --live")
  boolean suspects;

  @Option(names = "--rdns", description = "Look up reverse DNS of scanning sources (as attribution evidence)")
  boolean rdns;

  @Option(names = "--min-targets", paramLabel = "N", description = "Durumeric 2014: distinct destinations on one "
      + "port (default 100)")
  Integer minTargets;

  @Option(names = "--min-rate", paramLabel = "PPS", description = "Durumeric 2014: rate floor (default 10)")
  Double minRate;

  @Option(names = "--idle-timeout", paramLabel = "SECS", description = "Inactivity that ends a scan (default 480)")
  Double idleTimeout;

  @Option(names = "--zeek-hosts", paramLabel = "N", description = "Zeek: hosts on one port (default 25)")
  Integer zeekHosts;

  @Option(names = "--zeek-ports", paramLabel = "N", description = "Zeek: ports on one host (default 15)")
  Integer zeekPorts;

  @Option(names = "--max-sources", paramLabel = "N", description = "Sources tracked at once (default 1000000)")
  Integer maxSources;

  @Override
  public Integer call() throws Exception {
    if (files.isEmpty() == (live == null)) {
      throw new UsageException("give capture files or --live IF (not both)");
    }
    ReportFormat reportFormat = ReportFormats.byName(format);
    EntityCatalogue catalogue = EntityCatalogue.builtIn();
    for (Path file : catalogs) {
      catalogue = catalogue.withFile(file);
    }
    DetectionSettings settings = settings();
    List<String> problems = new ArrayList<>();
    // Suspects are early warnings for live traffic; in a capture read after the fact nearly every source that
    // sent four unanswered probes is one, so they are listed only when asked for.
    DetectionRun run = new DetectionRun(settings, message -> warn(problems, message), notScans,
        suspects || live != null);
    Map<String, Object> extra = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    if (live != null) {
      inputs.add("live:" + live);
      readLive(run, extra);
    } else {
      files.forEach(f -> inputs.add(f.toString()));
      CaptureWarnings warnings = new CaptureWarnings(message -> warn(problems, message));
      try (CaptureReader reader = Captures.openAll(files, warnings)) {
        run.readAll(reader);
      }
      extra.put("capture_warnings", warnings.total());
    }
    extra.put("warnings", problems);
    try (JdkReverseDns resolver = rdns ? new JdkReverseDns() : null) {
      DetectionReport report = run.finish(catalogue, resolver, inputs, extra);
      try (OutputStream out = open()) {
        reportFormat.write(report, out);
      }
      System.err.printf("fathom: %d scans, %d campaigns, %d entities%n", report.scans().size(),
          report.campaigns().size(), report.entities().size());
    }
    return 0;
  }

  private static void warn(List<String> problems, String message) {
    problems.add(message);
    System.err.println("fathom: warning: " + Errors.firstLine(message));
  }

  private DetectionSettings settings() {
    DetectionSettings.Builder b = DetectionSettings.builder().observers(ToolFingerprints::newObserver);
    if (minTargets != null) {
      b.durumericMinTargets(positive(minTargets, "--min-targets"));
    }
    if (minRate != null) {
      b.durumericMinRatePps(minRate);
    }
    if (idleTimeout != null) {
      b.idleTimeoutNanos((long) (positive(idleTimeout, "--idle-timeout") * 1e9));
    }
    if (zeekHosts != null) {
      b.zeekAddressScanThreshold(positive(zeekHosts, "--zeek-hosts"));
    }
    if (zeekPorts != null) {
      b.zeekPortScanThreshold(positive(zeekPorts, "--zeek-ports"));
    }
    if (maxSources != null) {
      b.maxSources(positive(maxSources, "--max-sources"));
    }
    List<Prefix> prefixes = new ArrayList<>();
    for (String p : telescope) {
      try {
        prefixes.add(Prefix.parse(p.trim()));
      } catch (IllegalArgumentException e) {
        throw new UsageException("invalid --telescope prefix '" + p + "': give a.b.c.d/n");
      }
    }
    b.telescopePrefixes(prefixes);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static <N extends Number> N positive(N value, String option) {
    if (value.doubleValue() <= 0) {
      throw new UsageException(option + " must be positive");
    }
    return value;
  }

  /** Reads the interface's IPv4 frames until Ctrl-C, SIGTERM or --duration; kernel counters go in the report. */
  private void readLive(DetectionRun run, Map<String, Object> extra) {
    if (!NetInterfaces.exists(live)) {
      throw new UsageException("unknown interface '" + live + "'");
    }
    AtomicBoolean stop = new AtomicBoolean();
    var previousInt = Signal.handle(new Signal("INT"), s -> stop.set(true));
    var previousTerm = Signal.handle(new Signal("TERM"), s -> stop.set(true));
    long end = duration > 0 ? System.nanoTime() + (long) (duration * 1e9) : Long.MAX_VALUE;
    long[] kernel = new long[3];
    if (ringMegabytes < 4 || ringMegabytes > 16384) {
      throw new UsageException("--ring-mb must be 4-16384");
    }
    try (RxRing ring = RxRing.open(live, BpfProgram.acceptAll(), 1 << 22, ringMegabytes / 4, 10)) {
      RxRing.FrameHandler handler = (segment, offset, length, ts) ->
          run.accept(LinkTypes.ETHERNET, segment, offset, length, ts);
      while (!stop.get() && System.nanoTime() < end) {
        if (ring.poll(handler, 100) == 0) {
          run.advanceTime(System.currentTimeMillis() * 1_000_000L);
        } else {
          run.flush(); // what this poll brought is detected now, not when a batch fills
        }
      }
      while (ring.poll(handler, 0) > 0) {
        // What the kernel already holds still counts.
      }
      run.flush();
      ring.statistics(kernel);
    } finally {
      Signal.handle(new Signal("INT"), previousInt);
      Signal.handle(new Signal("TERM"), previousTerm);
    }
    extra.put("kernel_packets", kernel[0]);
    extra.put("kernel_drops", kernel[1]);
  }

  private OutputStream open() throws IOException {
    if (output == null) {
      return new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out)) {
        @Override
        public void close() throws IOException {
          flush(); // standard output is not ours to close
        }
      };
    }
    return new BufferedOutputStream(new FileOutputStream(output.toFile()));
  }
}
