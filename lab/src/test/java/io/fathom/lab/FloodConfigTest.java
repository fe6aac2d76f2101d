package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The flooder's configuration and command line refuse anything that would leave 198.18.0.0/15. */
class FloodConfigTest {
  private static final String[] REQUIRED = {"--interface", "t1-t", "--dst-mac", "02:00:00:00:00:0b", "--dst-ip",
      "198.19.255.254"};

  @Test
  void forLabFloodsTheScannerFromTheTargetVeth() {
    LabInfo info = new LabInfo("t1", "t1-scan", "t1-tgt", "t1-s", "t1-t", FloodFixtures.SCANNER_IP,
        Ipv4.parse("198.19.255.253"), FloodFixtures.TARGET_MAC, FloodFixtures.LIVE_PREFIX, 24,
        LabAddresses.DARK_PREFIX, 16, FloodFixtures.PORTS, 9, Path.of("truth.csv"), Path.of("state"));
    FloodConfig config = FloodConfig.forLab(info, FloodFixtures.SCANNER_MAC, 42, 30_000);
    assertThat(config).isEqualTo(FloodFixtures.config(42).withRate(30_000));
  }

  @Test
  void refusesAddressesOutsideTheLabRange() {
    assertThatThrownBy(() -> withDestination("10.0.0.1")).isInstanceOf(UsageException.class)
        .hasMessageContaining("outside 198.18.0.0/15");
    assertThatThrownBy(() -> withSources("10.1.0.0", 16)).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> withSources("198.18.0.0", 15)).isInstanceOf(UsageException.class)
        .hasMessageContaining("/16 or longer");
    assertThatThrownBy(() -> withSources("198.18.7.1", 24)).hasMessageContaining("host bits");
    assertThatThrownBy(() -> withSources("198.19.255.0", 24)).hasMessageContaining("overlaps the lab link");
    assertThatThrownBy(() -> withSources("198.19.255.254", 32)).hasMessageContaining("overlaps the lab link");
    assertThat(withSources("198.19.0.0", 24).inSourcePrefix(Ipv4.parse("198.19.0.77"))).isTrue();
  }

  @Test
  void refusesBadRatesAndPorts() {
    assertThatThrownBy(() -> FloodFixtures.config(1).withRate(0)).hasMessageContaining("rate must be");
    assertThatThrownBy(() -> new FloodConfig("t1-t", 1, 2, FloodFixtures.SCANNER_IP, FloodFixtures.LIVE_PREFIX, 24,
        new int[] {0}, 1, 10)).hasMessageContaining("port 0");
  }

  @Test
  void parsesTheCommandLineWithDefaults() {
    FloodOptions options = FloodOptions.parse(REQUIRED, name -> FloodFixtures.TARGET_MAC);
    assertThat(options.seconds()).isZero();
    FloodConfig config = options.config();
    assertThat(config.sourceMac()).isEqualTo(FloodFixtures.TARGET_MAC);
    assertThat(config.destinationMac()).isEqualTo(FloodFixtures.SCANNER_MAC);
    assertThat(config.sourcePrefix()).isEqualTo(Ipv4.parse("198.18.0.0"));
    assertThat(config.sourcePrefixLength()).isEqualTo(16);
    assertThat(config.ports()).containsExactly(22, 80, 443);
    assertThat(config.packetsPerSecond()).isEqualTo(20_000);
  }

  @Test
  void parsesEveryOption() {
    String[] args = concat(REQUIRED, "--src-mac", "02:00:00:00:00:0a", "--src-prefix", "198.18.7.0/24", "--ports",
        "22, 80,443", "--seed", "42", "--rate", "30000", "--seconds", "3");
    FloodOptions options = FloodOptions.parse(args, name -> {
      throw new AssertionError("the source MAC was given");
    });
    assertThat(options.config()).isEqualTo(FloodFixtures.config(42).withRate(30_000));
    assertThat(options.seconds()).isEqualTo(3);
  }

  @Test
  void rejectsBadCommandLines() {
    assertThatThrownBy(() -> FloodOptions.parse(new String[] {"--interface", "x"}, name -> 1))
        .isInstanceOf(UsageException.class).hasMessageContaining("missing --dst-mac");
    assertThatThrownBy(() -> FloodOptions.parse(concat(REQUIRED, "--bogus", "1"), name -> 1))
        .hasMessageContaining("unknown option --bogus");
    assertThatThrownBy(() -> FloodOptions.parse(concat(REQUIRED, "--rate"), name -> 1))
        .hasMessageContaining("missing value for --rate");
    assertThatThrownBy(() -> FloodOptions.parse(concat(REQUIRED, "--seconds", "-1"), name -> 1))
        .hasMessageContaining("--seconds");
    assertThatThrownBy(() -> FloodOptions.parse(concat(REQUIRED, "--rate", "fast"), name -> 1))
        .hasMessageContaining("--rate wants a number");
    assertThatThrownBy(() -> FloodOptions.parse(concat(REQUIRED, "--src-prefix", "198.18.0.0"), name -> 1))
        .hasMessageContaining("--src-prefix");
  }

  private static FloodConfig withDestination(String address) {
    return new FloodConfig("t1-t", 1, 2, Ipv4.parse(address), FloodFixtures.LIVE_PREFIX, 24, FloodFixtures.PORTS, 1,
        10);
  }

  private static FloodConfig withSources(String prefix, int length) {
    return new FloodConfig("t1-t", 1, 2, FloodFixtures.SCANNER_IP, Ipv4.parse(prefix), length, FloodFixtures.PORTS, 1,
        10);
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
