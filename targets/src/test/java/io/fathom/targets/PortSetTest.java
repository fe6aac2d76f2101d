package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.UsageException;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PortSetTest {
  @Test
  void parsesListsAndRangesIntoCanonicalForm() {
    PortSet ports = PortSet.parse(" 8000 - 8100, 443,80 ,443,8050-8060");
    assertThat(ports.size()).isEqualTo(2 + 101);
    assertThat(ports.toString()).isEqualTo("80,443,8000-8100");
    assertThat(ports.portAt(0)).isEqualTo(80);
    assertThat(ports.portAt(1)).isEqualTo(443);
    assertThat(ports.portAt(2)).isEqualTo(8000);
    assertThat(ports.indexOf(8100)).isEqualTo(102);
    assertThat(ports.indexOf(81)).isEqualTo(-1);
    assertThat(ports.indexOf(0)).isEqualTo(-1);
    assertThat(ports.indexOf(70000)).isEqualTo(-1);
    assertThat(ports.indexOf(-5)).isEqualTo(-1);
    assertThat(PortSet.parse("1-65535").size()).isEqualTo(65535);
    assertThat(PortSet.parse("1-65535").toString()).isEqualTo("1-65535");
    assertThat(PortSet.parse("22,23").toString()).isEqualTo("22-23");
    assertThat(PortSet.parse("65535").portAt(0)).isEqualTo(65535);
    assertThat(PortSet.parse("80,443")).isEqualTo(PortSet.of(443, 80)).hasSameHashCodeAs(PortSet.of(80, 443));
  }

  @Test
  void rejectsBadItemsWithOneLineNamingThem() {
    assertRejected("0", "invalid port '0': ports are 1-65535");
    assertRejected("65536", "invalid port '65536': ports are 1-65535");
    assertRejected("80,99999999999999", "invalid port '99999999999999': ports are 1-65535");
    assertRejected("100-90", "invalid port range '100-90': start is after end");
    assertRejected("80,,443", "invalid port list '80,,443': empty item");
    assertRejected("80,", "invalid port list '80,': empty item");
    assertRejected("http", "invalid port 'http': not a number");
    assertRejected("-5", "invalid port range '-5': not a number");
    assertRejected("10-70000", "invalid port range '10-70000': ports are 1-65535");
    assertRejected("+80", "invalid port '+80': not a number");
    assertRejected("1-2-3", "invalid port range '1-2-3': not a number");
    assertRejected("", "no ports given");
    assertRejected("  ", "no ports given");
  }

  private static void assertRejected(String spec, String message) {
    assertThatThrownBy(() -> PortSet.parse(spec)).as(spec).isInstanceOf(UsageException.class).hasMessage(message);
  }

  @Test
  void randomSetsMatchATreeSetModelAndRoundTripThroughText() {
    SplittableRandom random = new SplittableRandom(4242);
    for (int trial = 0; trial < 300; trial++) {
      TreeSet<Integer> model = new TreeSet<>();
      StringBuilder spec = new StringBuilder();
      int items = 1 + random.nextInt(8);
      for (int i = 0; i < items; i++) {
        int first = 1 + random.nextInt(65535);
        int last = Math.min(65535, first + (random.nextBoolean() ? 0 : random.nextInt(50)));
        for (int p = first; p <= last; p++) {
          model.add(p);
        }
        spec.append(i == 0 ? "" : ",").append(first == last ? "" + first : first + "-" + last);
      }
      PortSet ports = PortSet.parse(spec.toString());
      assertThat(ports.size()).isEqualTo(model.size());
      int i = 0;
      for (int port : model) {
        assertThat(ports.portAt(i)).isEqualTo(port);
        assertThat(ports.indexOf(port)).isEqualTo(i);
        i++;
      }
      for (int probe = 0; probe < 200; probe++) {
        int port = random.nextInt(65536);
        assertThat(ports.contains(port)).isEqualTo(model.contains(port));
      }
      assertThat(PortSet.parse(ports.toString())).isEqualTo(ports);
    }
  }
}
