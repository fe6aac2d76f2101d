package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallPartsTest {
  @Test
  void macAddressesRoundTrip() {
    assertThat(MacAddress.format(0x0200_5E10_0001L)).isEqualTo("02:00:5e:10:00:01");
    assertThat(MacAddress.parse("DA:d4:2f:38:33:8c")).isEqualTo(0xDAD4_2F38_338CL);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      long mac = random.nextLong() & 0xFFFF_FFFF_FFFFL;
      assertThat(MacAddress.parse(MacAddress.format(mac))).isEqualTo(mac);
    }
    assertThatThrownBy(() -> MacAddress.parse("00:11:22:33:44")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingToolIsNamedWithItsPackage(@TempDir Path empty) {
    assertThatThrownBy(() -> Tools.require("nft", "nftables", List.of(empty)))
        .isInstanceOf(UsageException.class)
        .hasMessage("the lab needs 'nft' (Debian package nftables)");
    assertThat(Tools.require("sh", "dash", List.of(Path.of("/bin"), Path.of("/usr/bin")))).endsWith("/sh");
  }

  @Test
  void commandsRunInTheLabsNamespaces() {
    LabInfo info = new LabInfo("x", "x-scan", "x-tgt", "x-s", "x-t", 1, 2, 3, 4, 16, 5, 16, new int[] {80}, 6,
        Path.of("g.csv"), Path.of("d"));
    assertThat(info.inScanner(List.of("tcpdump", "-i", "x-s"))).containsExactly("ip", "netns", "exec", "x-scan",
        "tcpdump", "-i", "x-s");
    assertThat(info.inTarget(List.of("ss", "-lnt"))).containsExactly("ip", "netns", "exec", "x-tgt", "ss", "-lnt");
  }

  @Test
  void aFailedCommandIsOneLineWithTheCommandAndItsError() {
    assertThatThrownBy(() -> CommandRunner.run(List.of("sh", "-c", "echo first >&2; echo second >&2; exit 3")))
        .isInstanceOf(LabException.class)
        .hasMessage("command failed (exit 3): sh -c echo first >&2; echo second >&2; exit 3: first; second");
  }

  @Test
  void uniqueNamesAreValidLabNames() {
    for (int i = 0; i < 100; i++) {
      String name = TemporaryLab.uniqueName();
      assertThat(name).matches("t[0-9a-f]{5}");
      LabConfig.validateName(name);
    }
  }
}
