package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import org.junit.jupiter.api.Test;

class LabConfigTest {
  @Test
  void defaultsAreTheDocumentedLab() {
    LabConfig config = LabConfig.defaults();
    assertThat(config.name()).isEqualTo("fathom");
    assertThat(Ipv4.format(config.prefixAddress())).isEqualTo("198.18.0.0");
    assertThat(config.prefixLength()).isEqualTo(16);
    assertThat(config.ports()).containsExactly(22, 80, 443);
    assertThat(config.openPerMille()).isEqualTo(20);
    assertThat(config.closedPerMille()).isEqualTo(30);
  }

  @Test
  void portsAreSortedDeduplicatedAndCopied() {
    LabConfig config = LabConfig.defaults().withPorts(443, 22, 443, 80);
    assertThat(config.ports()).containsExactly(22, 80, 443);
    config.ports()[0] = 9;
    assertThat(config.ports()).containsExactly(22, 80, 443);
    assertThat(config).isEqualTo(LabConfig.defaults()).hasSameHashCodeAs(LabConfig.defaults());
  }

  @Test
  void rejectsBadNames() {
    for (String name : new String[] {"", "toolongname", "Caps", "a-b", "a b", "ä"}) {
      assertThatThrownBy(() -> LabConfig.defaults().withName(name))
          .isInstanceOf(UsageException.class)
          .hasMessage("lab name '" + name + "' must be 1-8 characters of a-z and 0-9");
    }
    assertThat(LabConfig.defaults().withName("abcd1234").name()).isEqualTo("abcd1234");
  }

  @Test
  void rejectsPrefixesOutsideTheLiveRange() {
    assertThatThrownBy(() -> LabConfig.defaults().withPrefix(Ipv4.parse("198.19.0.0"), 16))
        .isInstanceOf(UsageException.class)
        .hasMessage("live prefix 198.19.0.0/16 must lie inside 198.18.0.0/16");
    assertThatThrownBy(() -> LabConfig.defaults().withPrefix(Ipv4.parse("198.18.0.0"), 15))
        .hasMessage("live prefix 198.18.0.0/15 must lie inside 198.18.0.0/16");
    assertThatThrownBy(() -> LabConfig.defaults().withPrefix(Ipv4.parse("10.0.0.0"), 24))
        .hasMessage("live prefix 10.0.0.0/24 must lie inside 198.18.0.0/16");
    assertThatThrownBy(() -> LabConfig.defaults().withPrefix(Ipv4.parse("198.18.1.1"), 24))
        .hasMessage("live prefix 198.18.1.1/24 has host bits set");
    assertThat(LabConfig.defaults().withPrefix(Ipv4.parse("198.18.1.1"), 32).prefixLength()).isEqualTo(32);
  }

  @Test
  void rejectsBadPortsAndRatios() {
    assertThatThrownBy(() -> LabConfig.defaults().withPorts(0)).hasMessage("port 0 is outside 1-65535");
    assertThatThrownBy(() -> LabConfig.defaults().withPorts(80, 65536)).hasMessage("port 65536 is outside 1-65535");
    assertThatThrownBy(() -> LabConfig.defaults().withPorts()).hasMessage("the lab needs at least one port");
    assertThatThrownBy(() -> LabConfig.defaults().withRatios(600, 401))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("add up to at most 1000");
    assertThatThrownBy(() -> LabConfig.defaults().withRatios(-1, 0)).isInstanceOf(UsageException.class);
    assertThat(LabConfig.defaults().withRatios(1000, 0).openPerMille()).isEqualTo(1000);
  }
}
