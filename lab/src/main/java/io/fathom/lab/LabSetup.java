package io.fathom.lab;

import io.fathom.common.Ipv4;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds one lab, step by step (see {@link Lab} for the topology). It does not clean up after itself: {@link Lab#up}
 * tears down whatever a failed build left.
 */
final class LabSetup {
  /** Called with each step's name before it runs; tests make it throw to check that a failed build leaves nothing. */
  static volatile Consumer<String> beforeStep = step -> {};

  private static final Pattern LINK_MAC = Pattern.compile("link/ether ([0-9a-f]{2}(?::[0-9a-f]{2}){5})");
  private static final List<String> TARGET_SYSCTLS = List.of(
      "net.ipv4.tcp_syncookies=1",
      "net.core.somaxconn=65535",
      "net.ipv4.tcp_max_syn_backlog=65535",
      "net.ipv4.icmp_ratelimit=0",
      "net.ipv4.icmp_msgs_per_sec=100000");
  // No IPv6 on the lab link: router solicitations and MLD reports would be stray packets in every capture.
  private static final List<String> QUIET_IPV6 =
      List.of("net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");

  private final LabConfig config;
  private final String scanNs;
  private final String targetNs;
  private final String scanIf;
  private final String targetIf;
  private final Path stateDir;
  private long gatewayMac;
  private Process listener;

  LabSetup(LabConfig config) {
    this.config = config;
    this.scanNs = config.name() + "-scan";
    this.targetNs = config.name() + "-tgt";
    this.scanIf = config.name() + "-s";
    this.targetIf = config.name() + "-t";
    this.stateDir = LabFiles.stateDir(config.name());
  }

  LabInfo run() {
    step("state-dir", this::createStateDir);
    step("namespaces", () -> {
      Namespaces.add(scanNs);
      Namespaces.add(targetNs);
    });
    step("sysctls", this::setSysctls);
    step("veth", this::createVeth);
    step("addresses", this::addAddresses);
    step("offloads", this::disableOffloads);
    step("routes", this::addRoutes);
    step("neighbour", this::addGatewayNeighbour);
    GroundTruth truth = GroundTruth.generate(config);
    step("ground-truth", () -> truth.write(LabFiles.groundTruth(stateDir)));
    step("nftables", () -> loadRuleset(truth));
    step("listener", () -> startListener(truth.openPorts()));
    LabInfo info = info();
    step("state-file", () -> LabFiles.writeInfo(info));
    return info;
  }

  /** Stops the listener this build started, if any (it may not have written its pid file yet). */
  void stopListener() {
    if (listener != null) {
      Processes.terminate(listener.toHandle());
    }
  }

  private void step(String name, Runnable action) {
    beforeStep.accept(name);
    try {
      action.run();
    } catch (LabException e) {
      throw new LabException("lab " + config.name() + ", step " + name + ": " + e.getMessage(), e);
    }
  }

  private void createStateDir() {
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + stateDir + ": " + e.getMessage(), e);
    }
  }

  private void setSysctls() {
    TARGET_SYSCTLS.forEach(setting -> sysctl(targetNs, setting));
    QUIET_IPV6.forEach(setting -> sysctl(targetNs, setting));
    QUIET_IPV6.forEach(setting -> sysctl(scanNs, setting));
  }

  /** Sets a per-namespace sysctl; one this kernel does not have is skipped. */
  private static void sysctl(String namespace, String setting) {
    List<String> command = Namespaces.exec(namespace, List.of(Tools.sysctl(), "-w", setting));
    CommandResult result = CommandRunner.runAllowingFailure(command);
    boolean missing = result.stderr().contains("cannot stat") || result.stderr().contains("No such file");
    if (!result.succeeded() && !missing) {
      throw new LabException("command failed (exit " + result.exitCode() + "): " + String.join(" ", command) + ": "
          + result.stderrLine());
    }
  }

  /** Creates both veth ends directly in their namespaces, so nothing ever appears in the host namespace. */
  private void createVeth() {
    ip(scanNs, "link", "add", scanIf, "type", "veth", "peer", "name", targetIf, "netns", targetNs);
  }

  private void addAddresses() {
    ip(scanNs, "addr", "add", linkAddress(LabAddresses.SCANNER_LINK_IP), "dev", scanIf);
    ip(targetNs, "addr", "add", linkAddress(LabAddresses.TARGET_LINK_IP), "dev", targetIf);
    for (String namespace : List.of(scanNs, targetNs)) {
      ip(namespace, "link", "set", "lo", "up");
    }
    ip(scanNs, "link", "set", scanIf, "up");
    ip(targetNs, "link", "set", targetIf, "up");
  }

  /** Without this veth hands over partial checksums: replies would not carry real ones. */
  private void disableOffloads() {
    CommandRunner.run(Namespaces.exec(scanNs, List.of(Tools.ethtool(), "-K", scanIf, "tx", "off", "rx", "off")));
    CommandRunner.run(Namespaces.exec(targetNs, List.of(Tools.ethtool(), "-K", targetIf, "tx", "off", "rx", "off")));
  }

  /** The scanner reaches only the lab range (no default route); the target owns the live supernet (AnyIP). */
  private void addRoutes() {
    ip(scanNs, "route", "add", LabAddresses.cidr(LabAddresses.LAB_RANGE, LabAddresses.LAB_RANGE_LENGTH),
        "via", Ipv4.format(LabAddresses.TARGET_LINK_IP), "dev", scanIf);
    ip(targetNs, "route", "add", "local",
        LabAddresses.cidr(LabAddresses.LIVE_SUPERNET, LabAddresses.LIVE_SUPERNET_LENGTH), "dev", "lo");
  }

  /** Raw senders write the gateway MAC themselves; a permanent entry means no ARP is ever needed. */
  private void addGatewayNeighbour() {
    gatewayMac = readMac(targetNs, targetIf);
    ip(scanNs, "neigh", "replace", Ipv4.format(LabAddresses.TARGET_LINK_IP), "lladdr", MacAddress.format(gatewayMac),
        "dev", scanIf, "nud", "permanent");
  }

  /** The MAC of {@code device} in {@code namespace}, from {@code ip -o link show}. */
  static long readMac(String namespace, String device) {
    String text = CommandRunner.run(List.of(Tools.ip(), "-n", namespace, "-o", "link", "show", "dev", device));
    Matcher matcher = LINK_MAC.matcher(text);
    if (!matcher.find()) {
      throw new LabException("no MAC address for " + device + " in " + namespace + ": " + text.strip());
    }
    return MacAddress.parse(matcher.group(1));
  }

  private void loadRuleset(GroundTruth truth) {
    Path file = LabFiles.ruleset(stateDir);
    try {
      Files.writeString(file, NftRuleset.build(truth), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    CommandRunner.run(Namespaces.exec(targetNs, List.of(Tools.nft(), "-f", file.toString())), Duration.ofSeconds(60));
  }

  private void startListener(int[] ports) {
    if (ports.length == 0) {
      return; // nothing is open: no listener needed
    }
    listener = ListenerProcess.start(targetNs, stateDir, ports);
    long pid = ListenerProcess.awaitReady(listener, stateDir, ListenerProcess.READY_TIMEOUT);
    try {
      Files.writeString(LabFiles.listenerPid(stateDir), pid + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the listener pid: " + e.getMessage(), e);
    }
  }

  private LabInfo info() {
    return new LabInfo(config.name(), scanNs, targetNs, scanIf, targetIf, LabAddresses.SCANNER_LINK_IP,
        LabAddresses.TARGET_LINK_IP, gatewayMac, config.prefixAddress(), config.prefixLength(),
        LabAddresses.DARK_PREFIX, LabAddresses.DARK_PREFIX_LENGTH, config.ports(), config.seed(),
        LabFiles.groundTruth(stateDir), stateDir);
  }

  private static String linkAddress(int address) {
    return Ipv4.format(address) + "/" + LabAddresses.LINK_LENGTH;
  }

  private static void ip(String namespace, String... args) {
    List<String> command = new ArrayList<>(List.of(Tools.ip(), "-n", namespace));
    command.addAll(List.of(args));
    CommandRunner.run(command);
  }
}
