package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddressSetTest {
  private static final int UNIVERSE = 300; // model addresses base .. base + UNIVERSE - 1

  /** A random set of a few ranges inside the model universe, built in random order with overlaps. */
  private static AddressSet randomSet(SplittableRandom random, long base, BitSet model) {
    AddressSet.Builder builder = AddressSet.builder();
    int ranges = random.nextInt(6);
    for (int r = 0; r < ranges; r++) {
      int start = random.nextInt(UNIVERSE);
      int end = Math.min(UNIVERSE - 1, start + random.nextInt(random.nextBoolean() ? 4 : 60));
      builder.add(base + start, base + end);
      model.set(start, end + 1);
    }
    return builder.build();
  }

  private static void assertMatches(AddressSet set, BitSet model, long base) {
    assertThat(set.size()).isEqualTo(model.cardinality());
    long index = 0;
    for (int offset = 0; offset < UNIVERSE; offset++) {
      int address = (int) (base + offset);
      if (model.get(offset)) {
        assertThat(set.indexOf(address)).isEqualTo(index);
        assertThat(Ipv4.unsigned(set.addressAt(index))).isEqualTo(base + offset);
        assertThat(set.contains(address)).isTrue();
        index++;
      } else {
        assertThat(set.indexOf(address)).isEqualTo(-1);
        assertThat(set.contains(address)).isFalse();
      }
    }
    // Ranges are sorted, disjoint and not adjacent (so merged as far as possible).
    for (int i = 0; i < set.rangeCount(); i++) {
      assertThat(set.rangeStart(i)).isLessThanOrEqualTo(set.rangeEnd(i));
      if (i > 0) {
        assertThat(set.rangeStart(i)).isGreaterThan(set.rangeEnd(i - 1) + 1);
      }
    }
  }

  @Test
  void setAlgebraMatchesABitSetModel() {
    SplittableRandom random = new SplittableRandom(20240611);
    for (int trial = 0; trial < 2000; trial++) {
      // Sometimes near the top of the space, where the unsigned handling of addresses matters.
      long base = random.nextBoolean() ? random.nextLong(1L << 31) : (1L << 32) - UNIVERSE;
      BitSet modelA = new BitSet();
      BitSet modelB = new BitSet();
      AddressSet a = randomSet(random, base, modelA);
      AddressSet b = randomSet(random, base, modelB);
      assertMatches(a, modelA, base);

      BitSet union = (BitSet) modelA.clone();
      union.or(modelB);
      assertMatches(a.union(b), union, base);
      BitSet intersection = (BitSet) modelA.clone();
      intersection.and(modelB);
      assertMatches(a.intersect(b), intersection, base);
      BitSet difference = (BitSet) modelA.clone();
      difference.andNot(modelB);
      assertMatches(a.subtract(b), difference, base);

      BitSet bOutsideA = (BitSet) modelB.clone();
      bOutsideA.andNot(modelA);
      assertThat(a.containsAll(b)).isEqualTo(bOutsideA.isEmpty());
      assertThat(a.union(b)).isEqualTo(b.union(a));
      assertThat(a.equals(b)).isEqualTo(modelA.equals(modelB));
      if (modelA.equals(modelB)) {
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
      }
    }
  }

  @Test
  void cidrMasksHostBitsAndCoversTheBlock() {
    AddressSet block = AddressSet.cidr(Ipv4.parse("10.1.2.3"), 16);
    assertThat(block.rangeCount()).isEqualTo(1);
    assertThat(block.rangeStart(0)).isEqualTo(Ipv4.unsigned(Ipv4.parse("10.1.0.0")));
    assertThat(block.rangeEnd(0)).isEqualTo(Ipv4.unsigned(Ipv4.parse("10.1.255.255")));
    assertThat(AddressSet.cidr(Ipv4.parse("1.2.3.4"), 32).size()).isEqualTo(1);
    assertThatThrownBy(() -> AddressSet.cidr(0, 33)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressSet.of(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressSet.of(0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wholeSpaceHasTwoToTheThirtyTwoAddresses() {
    AddressSet all = AddressSet.cidr(0, 0);
    assertThat(all.size()).isEqualTo(1L << 32);
    assertThat(all.addressAt(0)).isEqualTo(0);
    assertThat(all.addressAt((1L << 32) - 1)).isEqualTo(-1); // 255.255.255.255
    assertThat(all.indexOf(-1)).isEqualTo((1L << 32) - 1);
    assertThat(all.indexOf(Ipv4.parse("128.0.0.0"))).isEqualTo(1L << 31);
    assertThat(all.subtract(all).isEmpty()).isTrue();
    assertThat(all.toString()).isEqualTo("0.0.0.0/0");
    assertThatThrownBy(() -> all.addressAt(1L << 32)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> all.addressAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void emptySetBehaves() {
    AddressSet empty = AddressSet.empty();
    assertThat(empty.size()).isZero();
    assertThat(empty.rangeCount()).isZero();
    assertThat(empty.indexOf(0)).isEqualTo(-1);
    assertThat(empty.toString()).isEmpty();
    assertThat(AddressSet.builder().build()).isEqualTo(empty);
    assertThat(AddressSet.of(1, 2).containsAll(empty)).isTrue();
    assertThat(empty.containsAll(AddressSet.of(1, 1))).isFalse();
  }

  @Test
  void toStringUsesCidrBlocksAndRangesAndParsesBack() {
    AddressSet set = AddressSet.builder()
        .addAddress(Ipv4.parse("10.0.0.1"))
        .addAll(AddressSet.cidr(Ipv4.parse("192.0.2.0"), 24))
        .add(Ipv4.unsigned(Ipv4.parse("198.51.100.3")), Ipv4.unsigned(Ipv4.parse("198.51.100.9")))
        .build();
    assertThat(set.toString()).isEqualTo("10.0.0.1,192.0.2.0/24,198.51.100.3-198.51.100.9");

    SplittableRandom random = new SplittableRandom(99);
    for (int trial = 0; trial < 500; trial++) {
      AddressSet randomSet = randomSet(random, random.nextLong((1L << 32) - UNIVERSE), new BitSet());
      if (!randomSet.isEmpty()) {
        assertThat(TargetSpecs.parseSpec(randomSet.toString())).isEqualTo(randomSet);
      }
    }
  }

  @Test
  void builderMergesAdjacentAndOverlappingRangesGivenInAnyOrder() {
    AddressSet set = AddressSet.builder().add(20, 30).add(0, 9).add(10, 10).add(25, 40).add(11, 12).build();
    assertThat(set.rangeCount()).isEqualTo(2);
    assertThat(set.rangeStart(0)).isZero();
    assertThat(set.rangeEnd(0)).isEqualTo(12);
    assertThat(set.rangeStart(1)).isEqualTo(20);
    assertThat(set.rangeEnd(1)).isEqualTo(40);
    AddressSet top = AddressSet.builder().add(0xFFFF_FFFFL, 0xFFFF_FFFFL).add(0x8000_0000L, 0xFFFF_FFFEL).build();
    assertThat(top).isEqualTo(AddressSet.cidr(Ipv4.parse("128.0.0.0"), 1));
  }
}
