package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import io.fathom.lab.GroundTruth.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {
  private static final int LIVE = Ipv4.parse("198.18.0.0");
  private static final int[] PORTS = {22, 80, 443};

  @Test
  void sameSeedGivesTheSameTruthAndAnotherSeedADifferentOne() {
    GroundTruth a = GroundTruth.generate(7, LIVE, 16, PORTS, 20, 30);
    GroundTruth b = GroundTruth.generate(7, LIVE, 16, PORTS, 20, 30);
    GroundTruth c = GroundTruth.generate(8, LIVE, 16, PORTS, 20, 30);
    assertThat(a).isEqualTo(b);
    assertThat(a.openKeys()).isEqualTo(b.openKeys());
    assertThat(a.closedKeys()).isEqualTo(b.closedKeys());
    assertThat(c.openKeys()).isNotEqualTo(a.openKeys());
  }

  @Test
  void knownAnswersPinTheHashSoLabsStayReproducibleAcrossVersions() {
    // If these change, every stored ground truth and benchmark baseline silently changes meaning.
    assertThat(GroundTruth.mix(0)).isEqualTo(0L);
    assertThat(GroundTruth.mix(1)).isEqualTo(0x5692161D100B05E5L);
    GroundTruth truth = GroundTruth.generate(1, LIVE, 16, PORTS, 20, 30);
    assertThat(truth.state(Ipv4.parse("198.18.0.10"), 22)).isEqualTo(State.OPEN);
    assertThat(truth.state(Ipv4.parse("198.18.0.12"), 80)).isEqualTo(State.CLOSED);
    assertThat(truth.state(Ipv4.parse("198.18.0.11"), 22)).isEqualTo(State.DARK);
  }

  @Test
  void ratiosMatchThePerMilleSettingsWithinFiveStandardDeviations() {
    SplittableRandom random = new SplittableRandom(20240601);
    for (int round = 0; round < 8; round++) {
      int open = random.nextInt(0, 200);
      int closed = random.nextInt(0, 200);
      GroundTruth truth = GroundTruth.generate(random.nextLong(), LIVE, 16, PORTS, open, closed);
      long pairs = 65536L * PORTS.length;
      assertNear(truth.count(State.OPEN), pairs, open / 1000.0);
      assertNear(truth.count(State.CLOSED), pairs, closed / 1000.0);
      assertThat(truth.count(State.OPEN) + truth.count(State.CLOSED) + truth.count(State.DARK)).isEqualTo(pairs);
    }
  }

  private static void assertNear(long count, long trials, double p) {
    double mean = trials * p;
    double sd = Math.sqrt(trials * p * (1 - p));
    assertThat((double) count).isBetween(mean - 5 * sd - 1, mean + 5 * sd + 1);
  }

  @Test
  void defaultRatiosGiveAboutTwoPercentOpenAndThreePercentClosed() {
    GroundTruth truth = GroundTruth.generate(LabConfig.defaults());
    assertThat(truth.count(State.OPEN)).isBetween(3700L, 4170L); // 196608 * 0.02 = 3932
    assertThat(truth.count(State.CLOSED)).isBetween(5600L, 6200L); // 196608 * 0.03 = 5898
  }

  @Test
  void stateAgreesWithTheHashRuleForRandomPairs() {
    SplittableRandom random = new SplittableRandom(99);
    GroundTruth truth = GroundTruth.generate(42, Ipv4.parse("198.18.64.0"), 20, PORTS, 100, 150);
    for (int i = 0; i < 20_000; i++) {
      int address = Ipv4.parse("198.18.64.0") + random.nextInt(4096);
      int port = PORTS[random.nextInt(PORTS.length)];
      assertThat(truth.state(address, port)).isEqualTo(GroundTruth.decide(42, address, port, 100, 150));
    }
  }

  @Test
  void pairsOutsideThePrefixOrThePortsAreDark() {
    // Everything open: any pair not reported OPEN must lie outside the generated space.
    GroundTruth truth = GroundTruth.generate(3, Ipv4.parse("198.18.1.0"), 24, new int[] {80}, 1000, 0);
    assertThat(truth.count(State.OPEN)).isEqualTo(256);
    assertThat(truth.state(Ipv4.parse("198.18.1.77"), 80)).isEqualTo(State.OPEN);
    assertThat(truth.state(Ipv4.parse("198.18.2.0"), 80)).isEqualTo(State.DARK);
    assertThat(truth.state(Ipv4.parse("198.18.0.255"), 80)).isEqualTo(State.DARK);
    assertThat(truth.state(Ipv4.parse("198.18.1.77"), 81)).isEqualTo(State.DARK);
  }

  @Test
  void keysAreSortedAndDecodeBackToTheirPairs() {
    GroundTruth truth = GroundTruth.generate(5, LIVE, 18, new int[] {443, 22, 8080}, 40, 40);
    long[] open = truth.openKeys();
    for (int i = 1; i < open.length; i++) {
      assertThat(open[i]).isGreaterThan(open[i - 1]);
    }
    for (long key : open) {
      assertThat(GroundTruth.key(GroundTruth.keyAddress(key), GroundTruth.keyPort(key))).isEqualTo(key);
      assertThat(truth.state(GroundTruth.keyAddress(key), GroundTruth.keyPort(key))).isEqualTo(State.OPEN);
    }
    for (long key : truth.closedKeys()) {
      assertThat(truth.state(GroundTruth.keyAddress(key), GroundTruth.keyPort(key))).isEqualTo(State.CLOSED);
    }
    assertThat(truth.openPorts()).containsExactly(22, 443, 8080);
    // A high address keeps its unsigned order in the key.
    assertThat(GroundTruth.key(Ipv4.parse("255.0.0.1"), 1)).isGreaterThan(GroundTruth.key(Ipv4.parse("1.0.0.1"), 2));
  }

  @Test
  void writeThenReadGivesTheSameTruth(@TempDir Path dir) throws IOException {
    GroundTruth truth = GroundTruth.generate(11, Ipv4.parse("198.18.4.0"), 22, new int[] {22, 80, 443}, 30, 40);
    Path csv = dir.resolve("truth.csv");
    truth.write(csv);
    assertThat(GroundTruth.read(csv)).isEqualTo(truth);
    String text = Files.readString(csv);
    assertThat(text).startsWith("#").contains("# seed=11\n", "# prefix=198.18.4.0/22\n", "# ports=22,80,443\n",
        "# openPerMille=30\n", "# closedPerMille=40\n", "address,port,state\n");
    long pairLines = text.lines().filter(l -> l.endsWith(",OPEN") || l.endsWith(",CLOSED")).count();
    assertThat(pairLines).isEqualTo(truth.count(State.OPEN) + truth.count(State.CLOSED));
  }

  @Test
  void readRejectsABadLineWithItsNumber(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "# seed=1\n# prefix=198.18.0.0/24\n# ports=80\n# openPerMille=1\n# closedPerMille=1\n"
        + "address,port,state\n198.18.0.1,80,OPEN\n198.18.0.2,80,MAYBE\n");
    assertThatThrownBy(() -> GroundTruth.read(csv))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("line 8")
        .hasMessageContaining("MAYBE");
    Files.writeString(csv, "address,port,state\n198.18.0.1,80,OPEN\n");
    assertThatThrownBy(() -> GroundTruth.read(csv)).isInstanceOf(UsageException.class)
        .hasMessageContaining("has a bad header: missing");
  }
}
