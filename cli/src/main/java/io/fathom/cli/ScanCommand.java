package io.fathom.cli;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import io.fathom.engine.ResumePoint;
import io.fathom.engine.ScanConfig;
import io.fathom.engine.ScanSummary;
import io.fathom.engine.Scanner;
import io.fathom.engine.output.OutputField;
import io.fathom.engine.output.TextSink;
import io.fathom.packet.Macs;
import io.fathom.targets.AddressSet;
import io.fathom.targets.PortSet;
import io.fathom.targets.TargetSpace;
import io.fathom.targets.TargetSpecs;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom scan}: the stateless port scanner. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Stateless TCP SYN scan of addresses x ports in one pseudo-random pass.",
        "Special-purpose address blocks (RFC 6890) are left out unless a target lies inside one."})
public final class ScanCommand implements Callable<Integer> {
  /** Options that a resumed scan takes from its resume file and that may not be given again. */
  private static final Set<String> FIXED_BY_RESUME = Set.of("--ports", "-iL", "--exclude", "--exclude-file",
      "--internet-wide", "--order", "--seed", "--shards", "--shard", "--sender-threads", "--probes", "--technique");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "TARGET", description = "Addresses, CIDR blocks or ranges a.b.c.d-e.f.g.h")
  List<String> targets = new ArrayList<>();

  @Option(names = {"-p", "--ports"}, paramLabel = "PORTS", description = "Ports and ranges, e.g. 80,443,8000-8100")
  String ports;

  @Option(names = "-iL", paramLabel = "FILE", description = "Read targets from FILE (one per line, # comments)")
  List<Path> targetFiles = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "TARGETS", description = "Leave these out (repeatable, comma lists)")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--exclude-file", paramLabel = "FILE", description = "Leave out the targets listed in FILE")
  List<Path> excludeFiles = new ArrayList<>();

  @Option(names = "--internet-wide", description = "Allow a target list that covers all of 0.0.0.0/0")
  boolean internetWide;

  @Option(names = {"-M", "--technique"}, paramLabel = "NAME", defaultValue = "syn", description = "Scan technique")
  String technique;

  @Option(names = "--order", paramLabel = "cyclic|blackrock", defaultValue = "cyclic",
      description = "Target permutation: ZMap's cyclic group or masscan's BlackRock (default ${DEFAULT-VALUE})")
  String order;

  @Option(names = "--seed", paramLabel = "N", description = "Permutation seed (random if absent; recorded)")
  Long seed;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "1", description = "Split the scan into N shards")
  int shards;

  @Option(names = "--shard", paramLabel = "I", defaultValue = "0", description = "Which shard to run, 0..N-1")
  int shard;

  @Option(names = "--sender-threads", paramLabel = "T", defaultValue = "1", description = "Sending threads")
  int senderThreads;

  @Option(names = {"-r", "--rate"}, paramLabel = "PPS", defaultValue = "10000",
      description = "Packets per second, a ceiling (default ${DEFAULT-VALUE})")
  long rate;

  @Option(names = {"-B", "--bandwidth"}, paramLabel = "BPS", description = "Bandwidth instead of a rate: 10M, 1G")
  String bandwidth;

  @Option(names = {"-P", "--probes"}, paramLabel = "N", defaultValue = "1", description = "Probes per target")
  int probes;

  @Option(names = "--cooldown", paramLabel = "SECS", defaultValue = "8",
      description = "Seconds to keep listening after the last probe (default ${DEFAULT-VALUE})")
  double cooldown;

  @Option(names = "--max-runtime", paramLabel = "SECS", description = "Stop sending after SECS seconds")
  double maxRuntime;

  @Option(names = "--dry-run", description = "Build and count every packet, send nothing")
  boolean dryRun;

  @Option(names = {"-i", "--interface"}, paramLabel = "IF", description = "Interface (default: route to targets)")
  String interfaceName;

  @Option(names = {"-S", "--source-ip"}, paramLabel = "ADDR", description = "Source address")
  String sourceIp;

  @Option(names = {"-G", "--gateway-mac"}, paramLabel = "MAC", description = "Next hop's MAC address")
  String gatewayMac;

  @Option(names = "--source-port", paramLabel = "A-B", defaultValue = "32768-61000",
      description = "Source port range (default ${DEFAULT-VALUE})")
  String sourcePorts;

  @Option(names = "--ttl", paramLabel = "N", defaultValue = "64", description = "IP time to live")
  int ttl;

  @Option(names = "--send-method", paramLabel = "mmsg|ring", defaultValue = "mmsg",
      description = "sendmmsg batches or PACKET_TX_RING (default ${DEFAULT-VALUE})")
  String sendMethod;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "512", description = "Frames per send batch")
  int batch;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write findings to FILE (default stdout)")
  Path output;

  @Option(names = {"-f", "--format"}, paramLabel = "json|csv|list", defaultValue = "json",
      description = "Output format: NDJSON (default), CSV or a plain list")
  String format;

  @Option(names = "--fields", paramLabel = "LIST", description = "Fields to write, e.g. ip,port,ttl")
  String fields;

  @Option(names = "--closed", description = "Also report closed ports (RST answers)")
  boolean closed;

  @Option(names = "--metadata", paramLabel = "FILE", description = "Write the scan's metadata JSON to FILE")
  Path metadata;

  @Option(names = "--status-file", paramLabel = "FILE", description = "Write progress as NDJSON once a second")
  Path statusFile;

  @Option(names = {"-q", "--quiet"}, description = "No status line")
  boolean quiet;

  @Option(names = "--resume", paramLabel = "FILE", description = "Finish the scan recorded in a resume FILE")
  Path resume;

  @Option(names = "--resume-file", paramLabel = "PATH", description = "Where Ctrl-C writes the resume point")
  Path resumeFile;

  @Option(names = "--lab", description = "Run inside the built-in lab's scanner namespace (see 'fathom lab up')")
  boolean lab;

  @Option(names = "--lab-name", paramLabel = "NAME", defaultValue = "fathom", description = "Which lab (--lab)")
  String labName;

  @Override
  public Integer call() throws Exception {
    if (lab && !LabLauncher.insideLab()) {
      return LabLauncher.runInLab(labName, spec.commandLine().getParseResult().originalArgs());
    }
    ScanConfig config = resume != null ? resumedConfig() : freshConfig();
    if (config.dryRun) {
      System.err.printf(java.util.Locale.ROOT, "fathom: dry run: %d targets (%d addresses x %d ports), %d probes, "
          + "order %s, seed %d, shard %d of %d; nothing is sent%n", config.space.size(),
          config.space.addresses().size(), config.space.ports().size(),
          config.space.size() * config.probesPerTarget, config.order, config.seed, config.shard, config.shards);
    }
    Scanner scanner = new Scanner(config, quiet || !Terminal.isTerminal(2) ? null : System.err);
    try (Interrupts ignored = Interrupts.install(scanner)) {
      ScanSummary summary = scanner.run();
      report(summary);
      // 130, as a shell reports a command ended by SIGINT: the scan is incomplete and can be resumed.
      return summary.interrupted() ? 130 : 0;
    }
  }

  private ScanConfig freshConfig() {
    if (ports == null) {
      throw new UsageException("no ports given: use -p, e.g. -p 80,443");
    }
    checkConflicts();
    PortSet portSet = PortSet.parse(ports);
    AddressSet addresses = TargetSpecs.resolve(targets, targetFiles, excludes, excludeFiles, internetWide);
    ScanConfig c = common(new ScanConfig());
    c.space = new TargetSpace(addresses, portSet);
    c.seed = seed != null ? seed : new SecureRandom().nextLong();
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    if (seed == null) {
      // The resume file and metadata must reproduce this exact order.
      args.add("--seed");
      args.add(Long.toString(c.seed));
    }
    c.commandLine = List.copyOf(args);
    return c.conclude();
  }

  /** A resumed scan: targets, ports and order come from the file; outputs and pacing may be given anew. */
  private ScanConfig resumedConfig() {
    CommandLine.ParseResult now = spec.commandLine().getParseResult();
    for (String name : FIXED_BY_RESUME) {
      if (now.hasMatchedOption(name)) {
        throw new UsageException("--resume takes targets, ports, order and shards from the resume file: drop " + name);
      }
    }
    if (!targets.isEmpty()) {
      throw new UsageException("--resume takes targets from the resume file: drop " + targets.get(0));
    }
    ResumePoint point = ResumePoint.read(resume);
    // The recorded command line, then this one's options: later values win, so outputs and pacing can change.
    List<String> merged = new ArrayList<>(point.commandLine());
    List<String> current = now.originalArgs();
    for (int i = current.indexOf("scan") + 1; i < current.size(); i++) {
      String arg = current.get(i);
      if (arg.equals("--resume")) {
        i++;
      } else if (!arg.startsWith("--resume=")) {
        merged.add(arg);
      }
    }
    CommandLine root = Fathom.commandLine();
    root.setOverwrittenOptionsAllowed(true);
    CommandLine.ParseResult parsed = root.parseArgs(merged.toArray(new String[0]));
    if (!parsed.hasSubcommand() || !(parsed.subcommand().commandSpec().userObject() instanceof ScanCommand recorded)) {
      throw new UsageException("resume file '" + resume + "' does not hold a scan command line");
    }
    ScanConfig c = recorded.freshConfig();
    c.scanId = point.scanId();
    c.resumePositions = point.positions();
    c.commandLine = point.commandLine();
    // Findings of the first run stay in the output file; the resumed run adds to it.
    c.appendOutput = true;
    return c.conclude();
  }

  private void checkConflicts() {
    CommandLine.ParseResult r = spec.commandLine().getParseResult();
    if (r.hasMatchedOption("--rate") && r.hasMatchedOption("--bandwidth")) {
      throw new UsageException("--rate and --bandwidth conflict: give one of them");
    }
    if (r.hasMatchedOption("--shard") && !r.hasMatchedOption("--shards")) {
      throw new UsageException("--shard needs --shards");
    }
    if (r.hasMatchedOption("--resume-file") && dryRun) {
      throw new UsageException("--dry-run sends nothing and writes no resume file: drop --resume-file");
    }
  }

  private ScanConfig common(ScanConfig c) {
    c.probeModule = technique;
    c.order = order;
    c.shards = shards;
    c.shard = shard;
    c.senderThreads = senderThreads;
    c.rate = rate;
    c.bandwidth = bandwidth == null ? 0 : Units.parseBandwidth(bandwidth);
    c.probesPerTarget = probes;
    c.cooldownSeconds = cooldown;
    c.maxRuntimeSeconds = maxRuntime;
    c.dryRun = dryRun;
    if (interfaceName != null && !io.fathom.rawio.NetInterfaces.exists(interfaceName)) {
      throw new UsageException("unknown interface '" + interfaceName + "'");
    }
    c.interfaceName = interfaceName;
    c.sourceIp = sourceIp == null ? 0 : parseAddress(sourceIp, "--source-ip");
    c.gatewayMac = gatewayMac == null ? -1 : Macs.parse(gatewayMac);
    int[] range = Units.parsePortRange(sourcePorts, "--source-port");
    c.sourcePortFirst = range[0];
    c.sourcePortLast = range[1];
    c.ttl = ttl;
    c.sendMethod = sendMethod;
    c.batchSize = batch;
    c.format = switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "json", "ndjson" -> TextSink.Format.JSON;
      case "csv" -> TextSink.Format.CSV;
      case "list" -> TextSink.Format.LIST;
      default -> throw new UsageException("unknown format '" + format + "' (json, csv, list)");
    };
    c.fields = fields == null ? null : OutputField.parseList(fields);
    c.outputFile = output;
    c.reportClosed = closed;
    c.metadataFile = metadata;
    c.statusFile = statusFile;
    c.resumeFile = resumeFile;
    return c;
  }

  private static int parseAddress(String text, String option) {
    try {
      return Ipv4.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid " + option + " '" + text + "': not an IPv4 address");
    }
  }

  private void report(ScanSummary summary) {
    Map<String, Long> c = summary.counters();
    System.err.printf(java.util.Locale.ROOT,
        "fathom: scan %s %s: sent %d in %.2f s (%.0f p/s), received %d, validated %d, open %d, closed %d, "
            + "invalid %d, duplicates %d, kernel drops %d%n",
        summary.scanId(), summary.complete() ? "complete" : "stopped", c.get("sent"), summary.sendSeconds(),
        summary.sendRate(), c.get("received"), c.get("validated"), c.get("open"), c.get("closed"), c.get("invalid"),
        c.get("duplicates"), c.get("kernel_drops"));
    if (summary.resumeFile() != null) {
      System.err.println("fathom: resume with: fathom scan --resume " + summary.resumeFile());
    }
  }
}
