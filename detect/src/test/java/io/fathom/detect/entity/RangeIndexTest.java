package io.fathom.detect.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeIndexTest {
  /** Most specific range wins; for the same prefix, the later entry. */
  private static RangeIndex.Hit naive(List<RangeIndex.Entry> entries, int address) {
    RangeIndex.Entry best = null;
    for (RangeIndex.Entry e : entries) {
      if (e.cidr().contains(address) && (best == null || e.cidr().prefix() > best.cidr().prefix()
          || (e.cidr().prefix() == best.cidr().prefix() && e.order() > best.order()))) {
        best = e;
      }
    }
    return best == null ? null : new RangeIndex.Hit(best.cidr(), best.owner());
  }

  /** Random prefixes, nested and duplicated, concentrated in a few /8s so they collide often. */
  private static List<RangeIndex.Entry> randomEntries(Random random, int count) {
    List<RangeIndex.Entry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int prefix = 8 + random.nextInt(25);
      int address = (random.nextInt(4) << 30) | (random.nextInt(1 << 14) << 16) | random.nextInt(1 << 16);
      int mask = -1 << (32 - prefix);
      entries.add(new RangeIndex.Entry(new Cidr(address & mask, prefix), random.nextInt(50), i));
    }
    return entries;
  }

  @Test
  void agreesWithANaiveSearchOnRandomNestedRanges() {
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      List<RangeIndex.Entry> entries = randomEntries(random, 200);
      RangeIndex index = RangeIndex.of(entries);
      for (int probe = 0; probe < 2000; probe++) {
        RangeIndex.Entry someRange = entries.get(random.nextInt(entries.size()));
        int address = probe % 2 == 0 ? random.nextInt()
            : (int) (someRange.cidr().first() + (random.nextLong() & 0xFFFF_FFFFL) % (someRange.cidr().last()
                - someRange.cidr().first() + 1));
        assertThat(index.lookup(address)).as("round %d address %d", round, address)
            .isEqualTo(naive(entries, address));
      }
    }
  }

  @Test
  void handlesTheEdgesOfTheAddressSpace() {
    List<RangeIndex.Entry> entries = List.of(
        new RangeIndex.Entry(Cidr.parse("0.0.0.0/0"), 0, 0),
        new RangeIndex.Entry(Cidr.parse("255.255.255.255/32"), 1, 1),
        new RangeIndex.Entry(Cidr.parse("0.0.0.0/32"), 2, 2),
        new RangeIndex.Entry(Cidr.parse("128.0.0.0/1"), 3, 3));
    RangeIndex index = RangeIndex.of(entries);

    assertThat(index.lookup(0).owner()).isEqualTo(2);
    assertThat(index.lookup(1).owner()).isEqualTo(0);
    assertThat(index.lookup(-1).owner()).isEqualTo(1);
    assertThat(index.lookup(-2).owner()).isEqualTo(3);
    assertThat(index.lookup(Integer.MAX_VALUE).owner()).isEqualTo(0);
  }

  @Test
  void looksUpMillionsOfSourcesQuickly() {
    List<RangeIndex.Entry> entries = randomEntries(new Random(1), 20_000);
    RangeIndex index = RangeIndex.of(entries);
    Random random = new Random(2);
    int[] hits = new int[1];

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (int i = 0; i < 5_000_000; i++) {
        if (index.lookup(random.nextInt()) != null) {
          hits[0]++;
        }
      }
    });

    assertThat(index.segments()).isLessThanOrEqualTo(2 * entries.size() + 1);
    assertThat(hits[0]).isPositive();
  }
}
