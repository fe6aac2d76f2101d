package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.UsageException;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlackRockOrderTest {
  @Test
  void shuffleIsABijectionAndUnshuffleItsInverseForArbitrarySizes() {
    SplittableRandom random = new SplittableRandom(14);
    for (int trial = 0; trial < 300; trial++) {
      long size = trial < 30 ? trial + 1 : 1 + random.nextInt(5000);
      int rounds = random.nextInt(4) == 0 ? 1 + random.nextInt(20) : BlackRockOrder.DEFAULT_ROUNDS;
      BlackRockOrder order = BlackRockOrder.create(size, random.nextLong(), rounds);
      BitSet images = new BitSet();
      for (long i = 0; i < size; i++) {
        long image = order.shuffle(i);
        assertThat(image).isBetween(0L, size - 1);
        assertThat(images.get((int) image)).as("size %d rounds %d", size, rounds).isFalse();
        images.set((int) image);
        assertThat(order.unshuffle(image)).isEqualTo(i);
      }
    }
  }

  @Test
  void unshuffleInvertsShuffleOnLargeSizes() {
    SplittableRandom random = new SplittableRandom(15);
    for (long size : new long[] {1L << 32, (1L << 40) + 5, (1L << 32) * 65535, PrimeLadder.MAX_SIZE}) {
      BlackRockOrder order = BlackRockOrder.create(size, random.nextLong());
      for (int probe = 0; probe < 20_000; probe++) {
        long i = random.nextLong(size);
        long image = order.shuffle(i);
        assertThat(image).isBetween(0L, size - 1);
        assertThat(order.unshuffle(image)).isEqualTo(i);
      }
    }
  }

  @Test
  void cursorShufflesTheShardsInputs() {
    BlackRockOrder order = BlackRockOrder.create(1000, 7);
    ShardCursor cursor = order.cursor(2, 3);
    for (long input = 2; input < 1000; input += 3) {
      assertThat(cursor.next()).isEqualTo(order.shuffle(input));
    }
    assertThat(cursor.next()).isEqualTo(-1);
    assertThat(cursor.position()).isEqualTo(333);
  }

  @Test
  void reportsItsParametersAndChecksRounds() {
    BlackRockOrder order = BlackRockOrder.create(1_000_000, 1);
    assertThat(order.rounds()).isEqualTo(14);
    assertThat(order.parameters()).containsEntry("rounds", 14).containsEntry("a", 1000L).containsEntry("b", 1000L);
    assertThat(BlackRockOrder.create(10, 1, 3).parameters()).containsEntry("rounds", 3).containsEntry("a", 3L)
        .containsEntry("b", 4L);
    assertThatThrownBy(() -> BlackRockOrder.create(10, 1, 0)).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> BlackRockOrder.create(10, 1, 65)).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> order.shuffle(1_000_000)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> order.unshuffle(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
