package io.fathom.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.UsageException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MacsTest {
  @Test
  void parsesAndFormatsKnownAddresses() {
    assertThat(Macs.parse("00:1a:2B:3c:4D:5e")).isEqualTo(0x001A_2B3C_4D5EL);
    assertThat(Macs.parse("ff:ff:ff:ff:ff:ff")).isEqualTo(Macs.BROADCAST);
    assertThat(Macs.format(0x001A_2B3C_4D5EL)).isEqualTo("00:1a:2b:3c:4d:5e");
    assertThat(Macs.format(0)).isEqualTo("00:00:00:00:00:00");
  }

  @Test
  void roundTripsRandomAddresses() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      long mac = random.nextLong() & Macs.MASK;
      assertThat(Macs.parse(Macs.format(mac))).isEqualTo(mac);
      assertThat(Macs.fromBytes(Macs.toBytes(mac), 0)).isEqualTo(mac);
      assertThat(Macs.parse(Macs.format(mac).toUpperCase())).isEqualTo(mac);
    }
  }

  @Test
  void rejectsMalformedText() {
    String[] bad = {
      "", "00:11:22:33:44", "00:11:22:33:44:55:66", "00-11-22-33-44-55", "0:11:22:33:44:55:", "00:11:22:33:44:5g",
      " 00:11:22:33:44:55", "00:11:22:33:44:55 ", "001122334455", "00:11:22:33:44::5", "+0:11:22:33:44:55",
      "00:11:22:33:44:555"
    };
    for (String text : bad) {
      assertThatThrownBy(() -> Macs.parse(text))
          .isInstanceOf(UsageException.class)
          .hasMessage("invalid MAC address '" + text + "'");
    }
  }
}
