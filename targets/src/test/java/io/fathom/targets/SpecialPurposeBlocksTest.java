package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpecialPurposeBlocksTest {
  @Test
  void listsTheRegistryBlocksInAscendingOrder() {
    List<String> cidrs = SpecialPurposeBlocks.cidrs();
    assertThat(cidrs).contains("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
        "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",
        "240.0.0.0/4", "255.255.255.255/32").hasSize(19);
    long previous = -1;
    AddressSet.Builder union = AddressSet.builder();
    for (String cidr : cidrs) {
      AddressSet block = TargetSpecs.parseSpec(cidr);
      assertThat(block.toString()).as("written without host bits").isEqualTo(cidr.replace("/32", ""));
      assertThat(block.rangeStart(0)).isGreaterThanOrEqualTo(previous);
      previous = block.rangeStart(0);
      union.addAll(block);
    }
    assertThat(SpecialPurposeBlocks.all()).isEqualTo(union.build());
    assertThat(SpecialPurposeBlocks.all().contains(Ipv4.parse("8.8.8.8"))).isFalse();
    assertThat(SpecialPurposeBlocks.all().contains(Ipv4.parse("239.1.2.3"))).isTrue();
  }

  /** The rule written naively with set algebra, block by block. */
  private static AddressSet naiveKept(long start, long end) {
    AddressSet item = AddressSet.of(start, end);
    AddressSet kept = item;
    for (String cidr : SpecialPurposeBlocks.cidrs()) {
      AddressSet block = TargetSpecs.parseSpec(cidr);
      if (!block.containsAll(item)) {
        kept = kept.subtract(block);
      }
    }
    return kept;
  }

  @Test
  void keptPartMatchesTheRuleOnRandomItems() {
    SplittableRandom random = new SplittableRandom(6890);
    List<String> cidrs = SpecialPurposeBlocks.cidrs();
    for (int trial = 0; trial < 3000; trial++) {
      long start;
      if (random.nextInt(3) == 0) { // near a block edge, where the rule has its cases
        AddressSet block = TargetSpecs.parseSpec(cidrs.get(random.nextInt(cidrs.size())));
        long edge = random.nextBoolean() ? block.rangeStart(0) : block.rangeEnd(0);
        start = Math.clamp(edge + random.nextLong(-300, 300), 0, AddressSet.MAX_ADDRESS);
      } else {
        start = random.nextLong(AddressSet.MAX_ADDRESS + 1);
      }
      long length = random.nextBoolean() ? random.nextLong(1, 600) : 1L << random.nextInt(33);
      long end = Math.min(AddressSet.MAX_ADDRESS, start + length - 1);
      assertThat(SpecialPurposeBlocks.keptPart(start, end)).as("%d-%d", start, end)
          .isEqualTo(naiveKept(start, end));
    }
  }

  @Test
  void nestedBlocksAreJudgedOneByOne() {
    long broadcast = AddressSet.MAX_ADDRESS;
    assertThat(SpecialPurposeBlocks.keptPart(broadcast, broadcast).size()).isEqualTo(1);
    AddressSet reserved = SpecialPurposeBlocks.keptPart(0xF000_0000L, broadcast);
    assertThat(reserved.size()).isEqualTo((1L << 28) - 1);
    assertThat(reserved.contains(-1)).isFalse();
  }
}
