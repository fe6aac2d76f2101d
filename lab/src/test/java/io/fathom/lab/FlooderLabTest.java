package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import io.fathom.lab.Flooder.Category;
import io.fathom.lab.Flooder.Defect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The flooder in a real lab: its frames reach the scanner's veth, in process and as a process. Needs root. */
@Tag("lab")
class FlooderLabTest {
  private static final int RATE = 20_000;
  private static final Pattern SENT = Pattern.compile("sent (\\d+) frames, (\\d+) refused");
  private static TemporaryLab lab;
  private static LabInfo info;

  @BeforeAll
  static void startLab() {
    LabConfig config = LabConfig.defaults().withName(TemporaryLab.uniqueName())
        .withPrefix(Ipv4.parse("198.18.9.0"), 24).withRatios(300, 300);
    lab = TemporaryLab.start(config);
    info = lab.info();
  }

  @AfterAll
  static void removeTheLabAndCheckNothingIsLeft() {
    if (lab == null) {
      return;
    }
    lab.close();
    assertThat(Namespaces.exists(info.scannerNamespace())).isFalse();
    assertThat(Namespaces.exists(info.targetNamespace())).isFalse();
    assertThat(info.stateDir()).doesNotExist();
  }

  @Test
  void everyCategoryReachesTheScannerVeth() throws InterruptedException {
    long before = scannerRxPackets();
    Flooder flooder = Flooder.start(info, 11, RATE);
    try (flooder) {
      Thread.sleep(2000);
    }
    long received = scannerRxPackets() - before;

    assertThat(flooder.isRunning()).isFalse();
    assertThat(flooder.sendErrors()).isZero();
    assertThat(flooder.sent()).isBetween((long) RATE, RATE * 5L / 2);
    assertThat(received).isBetween(flooder.sent() * 8 / 10, flooder.sent());
    long handed = 0;
    for (Category category : Category.values()) {
      assertThat(flooder.sent(category)).as(category.name()).isPositive();
      handed += flooder.sent(category);
    }
    assertThat(handed).isEqualTo(flooder.sent());
    for (Defect defect : Defect.values()) {
      assertThat(flooder.sent(defect)).as(defect.name()).isPositive();
    }
    assertThat(Arrays.stream(Defect.values()).mapToLong(flooder::sent).sum())
        .isEqualTo(flooder.sent(Category.MALFORMED));
    assertThat(flooder.summary()).startsWith("flooder: sent " + flooder.sent() + " frames, 0 refused;");
  }

  @Test
  void runsAsAProcessInsideTheTargetNamespace() {
    long before = scannerRxPackets();
    String scannerMac = MacAddress.format(LabSetup.readMac(info.scannerNamespace(), info.scannerInterface()));
    List<String> java = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), Flooder.class.getName(), "--interface", info.targetInterface(),
        "--dst-mac", scannerMac, "--dst-ip", Ipv4.format(info.scannerIp()),
        "--src-prefix", LabAddresses.cidr(info.livePrefix(), info.livePrefixLength()),
        "--seed", "5", "--rate", "10000", "--seconds", "1"));

    CommandResult result = CommandRunner.runAllowingFailure(Namespaces.exec(info.targetNamespace(), java),
        Duration.ofSeconds(60));
    long received = scannerRxPackets() - before;

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Matcher counts = SENT.matcher(result.stdout());
    assertThat(counts.find()).as(result.stdout()).isTrue();
    long sent = Long.parseLong(counts.group(1));
    assertThat(Long.parseLong(counts.group(2))).isZero();
    assertThat(sent).isBetween(5_000L, 15_000L);
    assertThat(received).isBetween(sent * 8 / 10, sent);
    assertThat(result.stdout()).contains("malformed=").contains("garbage_after_ethernet=");
  }

  @Test
  void aMissingInterfaceFailsAtStart() {
    FloodConfig config = new FloodConfig("nosuchif", info.gatewayMac(), 2, info.scannerIp(), info.livePrefix(),
        info.livePrefixLength(), info.ports(), 1, 1000);
    assertThatThrownBy(() -> Flooder.start(config, info.targetNamespace()))
        .isInstanceOf(LabException.class).hasMessageContaining("nosuchif");
  }

  private static long scannerRxPackets() {
    Path counter = Path.of("/sys/class/net", info.scannerInterface(), "statistics", "rx_packets");
    return Long.parseLong(CommandRunner.run(Namespaces.exec(info.scannerNamespace(),
        List.of("cat", counter.toString()))).strip());
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
