package io.fathom.rawio;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighboursTest {
  private static final List<String> ARP = List.of(
      "IP address       HW type     Flags       HW address            Mask     Device",
      "198.18.0.2       0x1         0x2         02:00:c6:12:00:02     *        lab0",
      "198.18.0.3       0x1         0x0         00:00:00:00:00:00     *        lab0",
      "198.18.0.4       0x1         0x6         02:00:C6:12:00:04     *        lab1",
      "198.18.0.5       0x1         0x2         not-a-mac             *        lab0");

  @Test
  void completeEntriesAnswer() {
    assertThat(Neighbours.macOf("lab0", Ipv4.parse("198.18.0.2"), ARP)).isEqualTo(0x0200_c612_0002L);
    assertThat(Neighbours.macOf("lab1", Ipv4.parse("198.18.0.4"), ARP)).isEqualTo(0x0200_c612_0004L);
  }

  @Test
  void incompleteWrongInterfaceUnknownOrMalformedGiveMinusOne() {
    assertThat(Neighbours.macOf("lab0", Ipv4.parse("198.18.0.3"), ARP)).isEqualTo(-1);
    assertThat(Neighbours.macOf("lab0", Ipv4.parse("198.18.0.4"), ARP)).isEqualTo(-1);
    assertThat(Neighbours.macOf("lab0", Ipv4.parse("198.18.0.9"), ARP)).isEqualTo(-1);
    assertThat(Neighbours.macOf("lab0", Ipv4.parse("198.18.0.5"), ARP)).isEqualTo(-1);
  }
}
