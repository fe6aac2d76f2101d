package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import io.fathom.lab.GroundTruth.State;
import io.fathom.lab.TcpConnectProbe.Outcome;
import io.fathom.lab.TcpConnectProbe.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One default-sized lab (198.18.0.0/16, three ports), checked from the scanner's side. Needs root. */
@Tag("lab")
class LabConnectivityTest {
  private static final int PICK = 3;
  private static TemporaryLab lab;
  private static LabConfig config;

  @BeforeAll
  static void startLab() {
    config = LabConfig.defaults().withName(TemporaryLab.uniqueName()).withSeed(20260101);
    lab = TemporaryLab.start(config);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void statusReportsTheLabThatUpReturned() {
    LabInfo info = lab.info();
    assertThat(Lab.status(config.name())).contains(info);
    assertThat(info.scannerNamespace()).isEqualTo(config.name() + "-scan");
    assertThat(info.targetNamespace()).isEqualTo(config.name() + "-tgt");
    assertThat(info.scannerInterface()).isEqualTo(config.name() + "-s");
    assertThat(info.targetInterface()).isEqualTo(config.name() + "-t");
    assertThat(Ipv4.format(info.scannerIp())).isEqualTo("198.19.255.254");
    assertThat(Ipv4.format(info.gatewayIp())).isEqualTo("198.19.255.253");
    assertThat(LabAddresses.cidr(info.darkPrefix(), info.darkPrefixLength())).isEqualTo("198.19.0.0/16");
    assertThat(info.groundTruth()).isEqualTo(GroundTruth.generate(config));
  }

  @Test
  void theScannerHasOnlyTheLabRouteAndAPermanentGatewayEntry() {
    LabInfo info = lab.info();
    String routes = CommandRunner.run(info.inScanner(List.of("ip", "route")));
    assertThat(routes).doesNotContain("default").contains("198.18.0.0/15 via 198.19.255.253");
    assertThat(routes.strip().lines()).hasSize(2); // the lab route and the connected /30
    String neighbours = CommandRunner.run(info.inScanner(List.of("ip", "neigh", "show", "198.19.255.253")));
    assertThat(neighbours).contains("lladdr " + info.gatewayMacText()).contains("PERMANENT");
    String targetLink = CommandRunner.run(info.inTarget(List.of("ip", "link", "show", info.targetInterface())));
    assertThat(targetLink).contains("link/ether " + info.gatewayMacText());
    String hostLinks = CommandRunner.run(List.of("ip", "-o", "link", "show"));
    assertThat(hostLinks).doesNotContain(info.scannerInterface() + "@").doesNotContain(info.targetInterface() + "@");
  }

  @Test
  void checksumOffloadsAreOffOnBothEnds() {
    LabInfo info = lab.info();
    String scan = CommandRunner.run(info.inScanner(List.of("ethtool", "-k", info.scannerInterface())));
    String target = CommandRunner.run(info.inTarget(List.of("ethtool", "-k", info.targetInterface())));
    for (String features : List.of(scan, target)) {
      assertThat(features).contains("rx-checksumming: off").contains("tx-checksumming: off");
    }
    String syncookies = CommandRunner.run(info.inTarget(List.of("sysctl", "-n", "net.ipv4.tcp_syncookies")));
    assertThat(syncookies.strip()).isEqualTo("1");
    String somaxconn = CommandRunner.run(info.inTarget(List.of("sysctl", "-n", "net.core.somaxconn")));
    assertThat(somaxconn.strip()).isEqualTo("65535");
  }

  @Test
  void openConnectsClosedIsRefusedAndDarkTimesOut() throws Exception {
    GroundTruth truth = lab.info().groundTruth();
    SplittableRandom random = new SplittableRandom(7);
    List<Target> open = pick(truth.openKeys(), random);
    List<Target> closed = pick(truth.closedKeys(), random);
    List<Target> dark = pickDark(truth, random);
    List<Target> darkPrefix = List.of(
        new Target(Ipv4.parse("198.19.0.1"), 80), new Target(Ipv4.parse("198.19.200.17"), 443));
    List<Target> all = new ArrayList<>(open);
    all.addAll(closed);
    all.addAll(dark);
    all.addAll(darkPrefix);
    List<Outcome> outcomes = TcpConnectProbe.connectAll(lab.info(), all, 2);

    for (Outcome outcome : outcomes.subList(0, PICK)) {
      assertThat(outcome.exitCode()).as("open %s: %s", outcome.target(), outcome.stderr()).isZero();
    }
    for (Outcome outcome : outcomes.subList(PICK, 2 * PICK)) {
      assertThat(outcome.exitCode()).as("closed %s", outcome.target()).isEqualTo(1);
      assertThat(outcome.stderr()).contains("Connection refused");
      assertThat(outcome.millis()).as("a RST, not a timeout").isLessThan(1500);
    }
    for (Outcome outcome : outcomes.subList(2 * PICK, outcomes.size())) {
      assertThat(outcome.exitCode()).as("dark %s: %s", outcome.target(), outcome.stderr()).isEqualTo(124);
    }
    // The dark prefix never got as far as routing: the early drop counted its SYNs.
    String prerouting = CommandRunner.run(
        lab.info().inTarget(List.of("nft", "list", "chain", "inet", "fathomlab", "prerouting")));
    assertThat(prerouting).containsPattern("counter packets [1-9]\\d* bytes \\d+ drop");
  }

  private static List<Target> pick(long[] keys, SplittableRandom random) {
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < PICK; i++) {
      long key = keys[random.nextInt(keys.length)];
      targets.add(new Target(GroundTruth.keyAddress(key), GroundTruth.keyPort(key)));
    }
    return targets;
  }

  /** DARK pairs on a listed port, plus an OPEN address on a port that is not listed (also dark). */
  private static List<Target> pickDark(GroundTruth truth, SplittableRandom random) {
    List<Target> targets = new ArrayList<>();
    int[] ports = truth.ports();
    while (targets.size() < PICK - 1) {
      int address = truth.prefixAddress() + random.nextInt(1 << 16);
      int port = ports[random.nextInt(ports.length)];
      if (truth.state(address, port) == State.DARK) {
        targets.add(new Target(address, port));
      }
    }
    targets.add(new Target(GroundTruth.keyAddress(truth.openKeys()[0]), 8080));
    return targets;
  }
}
