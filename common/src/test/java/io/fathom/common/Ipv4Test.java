package io.fathom.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ipv4Test {
  @Test
  void parsesAndFormats() {
    assertThat(Ipv4.parse("198.18.0.1")).isEqualTo(0xC6120001);
    assertThat(Ipv4.format(0xC6120001)).isEqualTo("198.18.0.1");
    assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(-1);
    assertThat(Ipv4.unsigned(-1)).isEqualTo(0xFFFF_FFFFL);
  }

  @Test
  void rejectsMalformed() {
    for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.4 ", "0001.2.3.4"}) {
      assertThatThrownBy(() -> Ipv4.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThat(Ipv4.isAddress(bad)).isFalse();
    }
  }

  @Test
  void roundTripsRandomAddresses() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      int address = random.nextInt();
      assertThat(Ipv4.parse(Ipv4.format(address))).isEqualTo(address);
    }
  }
}
