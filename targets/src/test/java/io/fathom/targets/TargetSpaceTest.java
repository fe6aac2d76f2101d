package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TargetSpaceTest {
  @Test
  void numbersTargetsAddressMajor() {
    TargetSpace space = new TargetSpace(TargetSpecs.parseSpec("192.0.2.1,192.0.2.5-192.0.2.6"),
        PortSet.parse("22,80"));
    assertThat(space.size()).isEqualTo(6);
    assertThat(Ipv4.format(space.addressOf(0))).isEqualTo("192.0.2.1");
    assertThat(space.portOf(0)).isEqualTo(22);
    assertThat(space.portOf(1)).isEqualTo(80);
    assertThat(Ipv4.format(space.addressOf(2))).isEqualTo("192.0.2.5");
    assertThat(Ipv4.format(space.addressOf(5))).isEqualTo("192.0.2.6");
    assertThat(space.indexOf(Ipv4.parse("192.0.2.5"), 80)).isEqualTo(3);
    assertThat(space.indexOf(Ipv4.parse("192.0.2.4"), 80)).isEqualTo(-1);
    assertThat(space.indexOf(Ipv4.parse("192.0.2.5"), 443)).isEqualTo(-1);
    assertThatThrownBy(() -> space.addressOf(6)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> space.portOf(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void randomSpacesRoundTripIndexAndTarget() {
    SplittableRandom random = new SplittableRandom(1234);
    for (int trial = 0; trial < 200; trial++) {
      AddressSet.Builder addresses = AddressSet.builder();
      for (int r = 0, n = 1 + random.nextInt(5); r < n; r++) {
        long start = random.nextLong(AddressSet.MAX_ADDRESS - 5000);
        addresses.add(start, start + random.nextInt(5000));
      }
      StringBuilder ports = new StringBuilder("1");
      for (int p = 0, n = random.nextInt(6); p < n; p++) {
        int first = 2 + random.nextInt(65000);
        ports.append(',').append(first).append('-').append(first + random.nextInt(100));
      }
      TargetSpace space = new TargetSpace(addresses.build(), PortSet.parse(ports.toString()));
      assertThat(space.size()).isEqualTo(space.addresses().size() * space.ports().size());
      for (int probe = 0; probe < 500; probe++) {
        long index = random.nextLong(space.size());
        int address = space.addressOf(index);
        int port = space.portOf(index);
        assertThat(space.addresses().contains(address)).isTrue();
        assertThat(space.ports().contains(port)).isTrue();
        assertThat(space.indexOf(address, port)).isEqualTo(index);
      }
    }
  }

  @Test
  void wholeInternetTimesAllPortsFitsInALong() {
    TargetSpace space = new TargetSpace(AddressSet.cidr(0, 0), PortSet.parse("1-65535"));
    long size = (1L << 32) * 65535;
    assertThat(space.size()).isEqualTo(size);
    assertThat(space.addressOf(size - 1)).isEqualTo(-1);
    assertThat(space.portOf(size - 1)).isEqualTo(65535);
    assertThat(space.indexOf(-1, 65535)).isEqualTo(size - 1);
    assertThat(space.indexOf(Ipv4.parse("128.0.0.0"), 1)).isEqualTo((1L << 31) * 65535);
  }
}
