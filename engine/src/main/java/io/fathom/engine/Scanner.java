package io.fathom.engine;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import io.fathom.common.Version;
import io.fathom.engine.output.ResultSink;
import io.fathom.engine.output.TextSink;
import io.fathom.packet.Macs;
import io.fathom.probe.ProbeCookies;
import io.fathom.probe.ProbeModule;
import io.fathom.probe.ProbeModules;
import io.fathom.probe.ProbeSetup;
import io.fathom.rawio.BpfProgram;
import io.fathom.rawio.FrameSender;
import io.fathom.rawio.MmsgSender;
import io.fathom.rawio.NetInterfaces;
import io.fathom.rawio.RxRing;
import io.fathom.rawio.TxRingSender;
import io.fathom.targets.ShardCursor;
import io.fathom.targets.TargetOrder;
import io.fathom.targets.TargetOrders;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scan: sender threads, a receiver and a monitor, as in ZMap. The sender threads share nothing;
 * the receiver owns validation and output; the monitor (the calling thread) reports progress, enforces
 * {@code --max-runtime}, waits out the cooldown and writes the metadata and, if the scan was cut short, the
 * resume point.
 */
public final class Scanner {
  // 16 blocks of 4 MiB: about a second of replies at full rate before the kernel would have to drop.
  private static final int RING_BLOCK_SIZE = 1 << 22;
  private static final int RING_BLOCKS = 16;
  private static final int RING_BLOCK_TIMEOUT_MILLIS = 10;

  private final ScanConfig config;
  private final PrintStream terminal;
  // Read by the signal handler's thread while the scan builds it.
  private final List<SendAgent> senders = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean stopRequested;
  private volatile boolean cooldownCancelled;
  private volatile boolean interrupted;

  /** @param terminal where the live status line goes, or null for none */
  public Scanner(ScanConfig config, PrintStream terminal) {
    this.config = config.conclude();
    this.terminal = terminal;
  }

  /** First Ctrl-C: stop sending, keep listening through the cooldown. */
  public void requestStop() {
    interrupted = true;
    stopSending();
  }

  private void stopSending() {
    stopRequested = true;
    for (SendAgent s : senders) {
      s.requestStop();
    }
  }

  /** Second Ctrl-C: end the cooldown now. */
  public void cancelCooldown() {
    cooldownCancelled = true;
    requestStop();
  }

  public ScanSummary run() throws IOException, InterruptedException {
    Instant started = Instant.now();
    String scanId = config.scanId != null ? config.scanId : String.format("%016x", new SecureRandom().nextLong());
    int firstTarget = config.space.addressOf(0);
    LinkSetup link = discoverLink(firstTarget);
    TargetOrder order = TargetOrders.create(config.order, config.space.size(), config.seed);
    SecureRandom random = new SecureRandom();
    ProbeCookies cookies = new ProbeCookies(random.nextLong(), random.nextLong(), link.sourceIp(),
        config.sourcePortFirst, config.sourcePortLast);
    ProbeSetup setup = new ProbeSetup(link.sourceMac(), link.gatewayMac(), link.sourceIp(), cookies, config.ttl);

    ProbeModule receiverProbe = ProbeModules.create(config.probeModule);
    receiverProbe.prepare(setup);
    long rate = config.effectiveRate(receiverProbe.frameLength());

    List<FrameSender> frameSenders = new ArrayList<>();
    try (ResultSink sink = openSink(); Receiving receiving = startReceiving(link, receiverProbe, sink, scanId)) {
      ReceiveAgent receiver = receiving == null ? null : receiving.agent;
      long expectedTargets = createSenders(order, setup, link, frameSenders, rate);
      if (!config.dryRun) {
        ProbeModule warmupProbe = ProbeModules.create(config.probeModule);
        warmupProbe.prepare(setup);
        Warmup.prime(order, config.space, warmupProbe, config.batchSize);
      }
      long sendStart = System.nanoTime();
      List<Thread> senderThreads = new ArrayList<>();
      for (int t = 0; t < senders.size(); t++) {
        senderThreads.add(Thread.ofPlatform().name("fathom-send-" + t).start(senders.get(t)));
      }
      double sendSeconds = monitor(senderThreads, receiver, sendStart, expectedTargets);
      for (SendAgent s : senders) {
        if (s.failure() != null) {
          throw s.failure();
        }
      }
      if (receiving != null) {
        if (!cooldownCancelled) {
          monitorCooldown(receiver, sendStart, expectedTargets);
        }
        receiving.stop();
      }
      return finish(scanId, started, link, order, receiver, rate, sendSeconds);
    } finally {
      frameSenders.forEach(Scanner::closeQuietly);
    }
  }

  /** The receiving thread and what it owns; closing it stops the thread and releases the ring. */
  private static final class Receiving implements AutoCloseable {
    final RxRing ring;
    final ReceiveAgent agent;
    final Thread thread;

    Receiving(RxRing ring, ReceiveAgent agent) {
      this.ring = ring;
      this.agent = agent;
      this.thread = Thread.ofPlatform().name("fathom-receive").start(agent);
    }

    /** Stops receiving once what the kernel holds is read; rethrows an output failure. */
    void stop() throws IOException, InterruptedException {
      agent.requestStop();
      thread.join();
      if (agent.failure() != null) {
        throw agent.failure();
      }
    }

    @Override
    public void close() throws InterruptedException {
      agent.requestStop();
      thread.join();
      ring.close();
    }
  }

  /** Opens the receive ring before anything is sent, so that no early reply is missed; null in a dry run. */
  private Receiving startReceiving(LinkSetup link, ProbeModule probe, ResultSink sink, String scanId) {
    if (config.dryRun) {
      return null;
    }
    RxRing ring = RxRing.open(link.interfaceName(), BpfProgram.ipv4ToHost(link.sourceIp(), probe.replyProtocols()),
        RING_BLOCK_SIZE, RING_BLOCKS, RING_BLOCK_TIMEOUT_MILLIS);
    return new Receiving(ring, new ReceiveAgent(ring, probe, config.space, sink, config.reportClosed, scanId));
  }

  /**
   * One agent per sender thread, each on its own slice of the shard: thread t of T walks sub-shard
   * {@code shard + shards * t} of {@code shards * T}, so the threads of all shards still cover every target once.
   * Returns the number of targets they expect to send.
   */
  private long createSenders(TargetOrder order, ProbeSetup setup, LinkSetup link, List<FrameSender> opened,
      long rate) {
    long expectedTargets = 0;
    for (int t = 0; t < config.senderThreads; t++) {
      ShardCursor cursor = order.cursor(config.shard + config.shards * t, config.shards * config.senderThreads);
      if (config.resumePositions != null) {
        cursor.seek(config.resumePositions[t]);
      }
      expectedTargets += cursor.expectedCount();
      ProbeModule probe = ProbeModules.create(config.probeModule);
      probe.prepare(setup);
      FrameSender frameSender = openSender(link, probe.frameLength());
      opened.add(frameSender);
      RateLimiter limiter = new RateLimiter((double) rate / config.senderThreads, frameSender.batchCapacity());
      SendAgent agent = new SendAgent(config.space, cursor, probe, frameSender, limiter, config.probesPerTarget);
      if (stopRequested) {
        agent.requestStop();
      }
      senders.add(agent);
    }
    return expectedTargets;
  }

  private LinkSetup discoverLink(int firstTarget) {
    if (!config.dryRun) {
      return LinkSetup.discover(config, firstTarget);
    }
    if (config.interfaceName != null && !NetInterfaces.exists(config.interfaceName)) {
      throw new UsageException("unknown interface '" + config.interfaceName + "'");
    }
    try {
      return LinkSetup.discover(config, firstTarget);
    } catch (RuntimeException e) {
      // A dry run sends nothing, so it may plan a scan for a link this machine does not have.
      return LinkSetup.placeholder(config);
    }
  }

  private FrameSender openSender(LinkSetup link, int frameLength) {
    int maxFrame = Math.max(64, frameLength);
    if (config.dryRun) {
      return new DryRunSender(config.batchSize, maxFrame);
    }
    return config.sendMethod.equals("ring")
        ? TxRingSender.open(link.interfaceName(), Math.max(config.batchSize, 64) * 4, maxFrame, true)
        : MmsgSender.open(link.interfaceName(), config.batchSize, maxFrame, true);
  }

  private ResultSink openSink() throws IOException {
    if (config.outputFile == null) {
      // Standard output stays open: it is not ours to close.
      OutputStream out = new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
      return new TextSink(config.format, config.fields, out, true, false);
    }
    boolean header = !config.appendOutput || config.outputFile.toFile().length() == 0;
    OutputStream out = new FileOutputStream(config.outputFile.toFile(), config.appendOutput);
    return new TextSink(config.format, config.fields, new BufferedOutputStream(out, 1 << 16), header, true);
  }

  /** Reports once a second until every sender thread ends; returns the seconds spent sending. */
  private double monitor(List<Thread> threads, ReceiveAgent receiver, long sendStart, long expected)
      throws IOException, InterruptedException {
    long deadline = config.maxRuntimeSeconds > 0 ? sendStart + (long) (config.maxRuntimeSeconds * 1e9) : Long.MAX_VALUE;
    try (StatusReporter reporter = new StatusReporter(config.statusLine ? terminal : null, config.statusFile)) {
      long lastSent = 0;
      long lastTime = sendStart;
      for (Thread thread : threads) {
        while (!thread.join(java.time.Duration.ofMillis(20))) {
          long now = System.nanoTime();
          if (now >= deadline) {
            stopSending();
          }
          if (now - lastTime >= 1_000_000_000L) {
            long sent = total(ScanCounters.Id.SENT, null);
            reporter.report(progress(receiver, sendStart, expected, (sent - lastSent) * 1e9 / (now - lastTime), false));
            lastSent = sent;
            lastTime = now;
          }
        }
      }
    }
    return (System.nanoTime() - sendStart) / 1e9;
  }

  private void monitorCooldown(ReceiveAgent receiver, long sendStart, long expected)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + (long) (config.cooldownSeconds * 1e9);
    // The status file goes on through the cooldown, appending.
    try (StatusReporter reporter = new StatusReporter(config.statusLine ? terminal : null, null)) {
      while (!cooldownCancelled && System.nanoTime() < end) {
        Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        reporter.report(progress(receiver, sendStart, expected, 0, true));
      }
    }
  }

  private ScanProgress progress(ReceiveAgent receiver, long sendStart, long expected, double rate, boolean cooling) {
    double elapsed = (System.nanoTime() - sendStart) / 1e9;
    long done = total(ScanCounters.Id.TARGETS_DONE, null);
    double fraction = expected == 0 ? 1 : Math.min(1, (double) done / expected);
    double perSecond = elapsed > 0 ? done / elapsed : 0;
    double eta = perSecond > 0 ? (expected - done) / perSecond : -1;
    return new ScanProgress(elapsed, rate, fraction, eta, total(ScanCounters.Id.SENT, null),
        total(ScanCounters.Id.RECEIVED, receiver),
        total(ScanCounters.Id.OPEN, receiver) + (config.reportClosed ? total(ScanCounters.Id.CLOSED, receiver) : 0),
        total(ScanCounters.Id.INVALID, receiver), total(ScanCounters.Id.KERNEL_DROPS, receiver), cooling);
  }

  private long total(ScanCounters.Id id, ReceiveAgent receiver) {
    long sum = receiver == null ? 0 : receiver.counters.get(id);
    for (SendAgent s : senders) {
      sum += s.counters.get(id);
    }
    return sum;
  }

  private ScanSummary finish(String scanId, Instant started, LinkSetup link, TargetOrder order, ReceiveAgent receiver,
      long rate, double sendSeconds) throws IOException {
    Map<String, Long> counters = new LinkedHashMap<>();
    for (ScanCounters.Id id : ScanCounters.Id.values()) {
      counters.put(id.key(), total(id, receiver));
    }
    boolean complete = senders.stream().allMatch(SendAgent::exhausted);
    Path resumeFile = null;
    if (!complete) {
      long[] positions = senders.stream().mapToLong(SendAgent::position).toArray();
      resumeFile = config.resumeFile != null ? config.resumeFile : Path.of("fathom-resume-" + scanId + ".json");
      new ResumePoint(scanId, config.commandLine, config.seed, config.order, config.shard, config.shards, positions,
          counters.get("targets_done")).write(resumeFile);
    }
    double sendRate = sendSeconds > 0 ? counters.get("sent") / sendSeconds : 0;
    if (config.metadataFile != null) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("scan", scanId);
      metadata.put("tool", "fathom");
      metadata.put("version", Version.STRING);
      metadata.put("command_line", config.commandLine);
      metadata.put("resumed", config.resumePositions != null);
      metadata.put("configuration", configuration(link, rate));
      Map<String, Object> permutation = new LinkedHashMap<>();
      permutation.put("order", order.name());
      permutation.put("seed", config.seed);
      permutation.put("size", order.size());
      permutation.putAll(order.parameters());
      metadata.put("permutation", permutation);
      metadata.put("shard", Map.of("shard", config.shard, "shards", config.shards, "sender_threads",
          config.senderThreads));
      metadata.put("start", started.toString());
      metadata.put("end", Instant.now().toString());
      metadata.put("send_seconds", sendSeconds);
      metadata.put("send_rate_pps", Math.round(sendRate));
      metadata.put("complete", complete);
      metadata.put("resume_file", resumeFile == null ? null : resumeFile.toString());
      metadata.put("counters", counters);
      long targets = counters.get("targets_done");
      metadata.put("hit_rate", targets == 0 ? 0.0 : (double) counters.get("open") / targets);
      Json.writeAtomically(config.metadataFile, metadata);
    }
    return new ScanSummary(scanId, complete, interrupted, resumeFile, counters, sendSeconds, sendRate);
  }

  private Map<String, Object> configuration(LinkSetup link, long rate) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("order", config.order);
    c.put("targets", describeTargets(config.space.addresses()));
    c.put("target_ranges", config.space.addresses().rangeCount());
    c.put("target_count", config.space.addresses().size());
    c.put("ports", config.space.ports().toString());
    c.put("probe_module", config.probeModule);
    c.put("probes_per_target", config.probesPerTarget);
    c.put("rate_pps", rate);
    c.put("bandwidth_bps", config.bandwidth);
    c.put("cooldown_s", config.cooldownSeconds);
    c.put("max_runtime_s", config.maxRuntimeSeconds);
    c.put("dry_run", config.dryRun);
    c.put("interface", link.interfaceName());
    c.put("source_ip", Ipv4.format(link.sourceIp()));
    c.put("source_mac", Macs.format(link.sourceMac()));
    c.put("gateway_mac", Macs.format(link.gatewayMac()));
    c.put("source_ports", config.sourcePortFirst + "-" + config.sourcePortLast);
    c.put("ttl", config.ttl);
    c.put("send_method", config.dryRun ? "dry-run" : config.sendMethod);
    c.put("batch", config.batchSize);
    c.put("format", config.format.name().toLowerCase(java.util.Locale.ROOT));
    c.put("report_closed", config.reportClosed);
    return c;
  }

  /** The target set as CIDR/range text, cut after 64 ranges: a target file may hold millions. */
  private static String describeTargets(io.fathom.targets.AddressSet addresses) {
    if (addresses.rangeCount() <= 64) {
      return addresses.toString();
    }
    io.fathom.targets.AddressSet.Builder head = io.fathom.targets.AddressSet.builder();
    for (int i = 0; i < 64; i++) {
      head.add(addresses.rangeStart(i), addresses.rangeEnd(i));
    }
    return head.build() + ",... (" + (addresses.rangeCount() - 64) + " more ranges)";
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Closing a socket at the end of a scan has nothing left to lose.
    }
  }
}
