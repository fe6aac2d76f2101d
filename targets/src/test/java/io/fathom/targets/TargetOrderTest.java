package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.fathom.common.UsageException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract every {@link TargetOrder} keeps, checked for each registered order. */
class TargetOrderTest {
  private static long[] walk(ShardCursor cursor) {
    long[] out = new long[16];
    int count = 0;
    for (long index = cursor.next(); index >= 0; index = cursor.next()) {
      if (count == out.length) {
        out = Arrays.copyOf(out, count * 2);
      }
      out[count++] = index;
    }
    return Arrays.copyOf(out, count);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cyclic", "blackrock"})
  void shardsVisitEveryIndexExactlyOnce(String name) {
    SplittableRandom random = new SplittableRandom(name.hashCode());
    for (int trial = 0; trial < 300; trial++) {
      long size = trial < 20 ? trial + 1 : 1 + random.nextInt(5000);
      int shards = 1 + random.nextInt(7);
      TargetOrder order = TargetOrders.create(name, size, random.nextLong());
      assertThat(order.size()).isEqualTo(size);
      BitSet seen = new BitSet();
      long expectedTotal = 0;
      for (int shard = 0; shard < shards; shard++) {
        ShardCursor cursor = order.cursor(shard, shards);
        long[] indices = walk(cursor);
        for (long index : indices) {
          assertThat(index).as("size %d", size).isBetween(0L, size - 1);
          assertThat(seen.get((int) index)).as("index %d seen twice (size %d, %d shards)", index, size, shards)
              .isFalse();
          seen.set((int) index);
        }
        assertThat(cursor.next()).as("a finished shard stays finished").isEqualTo(-1);
        expectedTotal += cursor.expectedCount();
        if (order instanceof BlackRockOrder || shards == 1) {
          assertThat(cursor.expectedCount()).as("exact count").isEqualTo(indices.length);
        } else {
          assertThat(cursor.expectedCount()).as("estimate").isCloseTo(indices.length,
              offset(Math.max(8L, indices.length / 4)));
        }
      }
      assertThat(seen.cardinality()).as("size %d, %d shards", size, shards).isEqualTo((int) size);
      assertThat(expectedTotal).isCloseTo(size, offset(shards + size / 10));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cyclic", "blackrock"})
  void sameSeedSameOrderOtherSeedOtherOrder(String name) {
    SplittableRandom random = new SplittableRandom(77);
    for (int trial = 0; trial < 100; trial++) {
      long size = 100 + random.nextInt(4900);
      long seed = random.nextLong();
      long[] first = walk(TargetOrders.create(name, size, seed).cursor(0, 1));
      long[] again = walk(TargetOrders.create(name, size, seed).cursor(0, 1));
      long[] other = walk(TargetOrders.create(name, size, seed + 1).cursor(0, 1));
      assertThat(again).isEqualTo(first);
      assertThat(other).isNotEqualTo(first);
      assertThat(TargetOrders.create(name, size, seed).parameters())
          .isEqualTo(TargetOrders.create(name, size, seed).parameters());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cyclic", "blackrock"})
  void seekResumesExactlyAfterTheLastIndex(String name) {
    SplittableRandom random = new SplittableRandom(31337);
    for (int trial = 0; trial < 200; trial++) {
      long size = 1 + random.nextInt(5000);
      int shards = 1 + random.nextInt(7);
      int shard = random.nextInt(shards);
      TargetOrder order = TargetOrders.create(name, size, random.nextLong());
      long[] whole = walk(order.cursor(shard, shards));

      ShardCursor interrupted = order.cursor(shard, shards);
      int taken = whole.length == 0 ? 0 : random.nextInt(whole.length + 1);
      for (int i = 0; i < taken; i++) {
        assertThat(interrupted.next()).isEqualTo(whole[i]);
      }
      ShardCursor resumed = order.cursor(shard, shards);
      resumed.seek(interrupted.position());
      long[] rest = walk(resumed);
      assertThat(rest).isEqualTo(Arrays.copyOfRange(whole, taken, whole.length));

      resumed.seek(0);
      assertThat(walk(resumed)).as("seek(0) restarts").isEqualTo(whole);
      assertThatThrownBy(() -> resumed.seek(-1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cyclic", "blackrock"})
  void looksShuffled(String name) {
    long size = 100_000;
    long[] order = walk(TargetOrders.create(name, size, 5).cursor(0, 1));
    int ascending = 0;
    long displacement = 0;
    for (int i = 1; i < order.length; i++) {
      ascending += order[i] > order[i - 1] ? 1 : 0;
      displacement += Math.abs(order[i] - i);
    }
    // A random permutation rises at about half of its steps and moves an element about size/3 on average.
    assertThat((double) ascending / size).isBetween(0.45, 0.55);
    assertThat((double) displacement / size / size).isBetween(0.30, 0.36);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cyclic", "blackrock"})
  void largeSpacesGiveDistinctIndicesInRange(String name) {
    for (long size : new long[] {1L << 32, (1L << 40) + 5, (1L << 32) * 65535}) {
      TargetOrder order = TargetOrders.create(name, size, 2026);
      ShardCursor cursor = order.cursor(3, 8);
      int steps = 1_000_000;
      long[] indices = new long[steps];
      for (int i = 0; i < steps; i++) {
        indices[i] = cursor.next();
      }
      assertThat(Arrays.stream(indices).min().orElseThrow()).isGreaterThanOrEqualTo(0);
      assertThat(Arrays.stream(indices).max().orElseThrow()).isLessThan(size);
      Arrays.sort(indices);
      for (int i = 1; i < steps; i++) {
        assertThat(indices[i]).as("repeat in size %d", size).isNotEqualTo(indices[i - 1]);
      }
      // They spread over the whole space rather than cluster at one end.
      assertThat(indices[steps / 2]).isBetween(size / 4, size / 4 * 3);
      assertThat(cursor.expectedCount()).isCloseTo(size / 8, offset(size / 80));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cyclic", "blackrock"})
  void rejectsBadArguments(String name) {
    assertThatThrownBy(() -> TargetOrders.create(name, 0, 1)).isInstanceOf(UsageException.class)
        .hasMessage("no targets");
    assertThatThrownBy(() -> TargetOrders.create(name, -5, 1)).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> TargetOrders.create(name, Long.MAX_VALUE, 1)).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("target space too large");
    TargetOrder order = TargetOrders.create(name, 10, 1);
    assertThat(order.name()).isEqualTo(name);
    assertThat(order.seed()).isEqualTo(1);
    assertThatThrownBy(() -> order.cursor(0, 0)).isInstanceOf(UsageException.class)
        .hasMessage("invalid shard count 0: must be at least 1");
    assertThatThrownBy(() -> order.cursor(2, 2)).isInstanceOf(UsageException.class)
        .hasMessage("invalid shard 2: must be 0-1 for 2 shards");
    assertThatThrownBy(() -> order.cursor(-1, 2)).isInstanceOf(UsageException.class);
    ShardCursor cursor = order.cursor(0, 1);
    assertThatThrownBy(() -> cursor.seek(cursor.expectedCount() * 3 + 100)).isInstanceOf(
        IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cyclic", "blackrock"})
  void moreShardsThanTargetsLeavesSomeShardsEmpty(String name) {
    TargetOrder order = TargetOrders.create(name, 2, 9);
    BitSet seen = new BitSet();
    for (int shard = 0; shard < 7; shard++) {
      for (long index : walk(order.cursor(shard, 7))) {
        assertThat(seen.get((int) index)).isFalse();
        seen.set((int) index);
      }
    }
    assertThat(seen.cardinality()).isEqualTo(2);
  }

  @Test
  void unknownOrderNameIsAUsageError() {
    assertThatThrownBy(() -> TargetOrders.create("random", 10, 1)).isInstanceOf(UsageException.class)
        .hasMessage("unknown target order 'random': expected one of cyclic, blackrock");
    assertThatThrownBy(() -> TargetOrders.create(null, 10, 1)).isInstanceOf(UsageException.class);
    assertThat(TargetOrders.names()).containsExactly("cyclic", "blackrock");
  }
}
