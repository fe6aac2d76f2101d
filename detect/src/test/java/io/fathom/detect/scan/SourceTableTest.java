package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SourceTableTest {
  /**
   * Random inserts, finds and removals (which move later entries back) against a map, through several growths, on
   * keys crowded into few hash slots and spread ones; every entry's fields travel with it.
   */
  @Test
  void behavesAsAMapThroughGrowthAndBackwardShiftDeletion() {
    SplittableRandom random = new SplittableRandom(7);
    SourceTable table = new SourceTable(16);
    Map<Long, Long> model = new HashMap<>(); // key -> the last-probe time written with it
    for (int step = 0; step < 200_000; step++) {
      long key = (random.nextInt(step < 100_000 ? 3_000 : 40_000) + 1L) << 8 | 6;
      int entry = table.find(key);
      assertThat(entry >= 0).as("step %d", step).isEqualTo(model.containsKey(key));
      if (entry >= 0) {
        assertThat(table.key(entry)).isEqualTo(key);
        assertThat(table.lastNanos(entry)).isEqualTo(model.get(key));
        assertThat(table.firstDst(entry)).isEqualTo((int) key * 31);
        assertThat(table.chunk(entry, 2)).isEqualTo((int) key ^ 5);
        if (random.nextInt(3) == 0) {
          table.remove(entry);
          model.remove(key);
        } else {
          table.lastNanos(entry, step);
          model.put(key, (long) step);
        }
      } else {
        entry = table.insert(key, step);
        table.firstDst(entry, (int) key * 31);
        table.chunk(entry, 2, (int) key ^ 5);
        table.count(entry, 1 + (int) (key & 15));
        model.put(key, (long) step);
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    int occupied = 0;
    for (int e = 0; e < table.capacity(); e++) {
      if (table.occupied(e)) {
        occupied++;
        assertThat(model).containsKey(table.key(e));
        assertThat(table.count(e)).isEqualTo(1 + (int) (table.key(e) & 15));
      }
    }
    assertThat(occupied).isEqualTo(model.size());
  }

  /** The count of live sources per /16 follows inserts and removals, through growths; a /16 without one says so. */
  @Test
  void mayHoldAddressIsFalseExactlyForASixteenWithoutALiveSource() {
    SplittableRandom random = new SplittableRandom(13);
    SourceTable table = new SourceTable(16);
    Map<Long, Integer> model = new HashMap<>(); // live keys
    int[] sixteens = {0xC612, 0xC613, 0x0A00, 0xCB00, 0xFFFF};
    for (int step = 0; step < 100_000; step++) {
      int address = sixteens[random.nextInt(sixteens.length)] << 16 | random.nextInt(1, 2_000);
      long key = (address & 0xFFFF_FFFFL) << 8 | (random.nextBoolean() ? 6 : 17);
      int entry = table.find(key);
      if (entry >= 0) {
        table.remove(entry);
        model.remove(key);
      } else {
        table.insert(key, step);
        model.put(key, address);
      }
      if (step % 97 == 0) {
        for (int sixteen : sixteens) {
          boolean live = model.values().stream().anyMatch(a -> a >>> 16 == sixteen);
          assertThat(table.mayHoldAddress(sixteen << 16 | random.nextInt(1 << 16))).as("step %d, /16 %x", step, sixteen)
              .isEqualTo(live);
        }
        assertThat(table.mayHoldAddress(0xC0A8_0001)).isFalse(); // 192.168/16: never inserted
      }
    }
    model.keySet().forEach(key -> table.remove(table.find(key)));
    for (int sixteen : sixteens) {
      assertThat(table.mayHoldAddress(sixteen << 16)).isFalse();
    }
  }

  @Test
  void flagsAndCountsShareAWordWithoutDisturbingEachOther() {
    SourceTable table = new SourceTable(16);
    long key = 0xC612_0001L << 8 | 17;
    int e = table.insert(key, 5);
    table.count(e, SourceTable.MAX_COUNT);
    table.replied(e, (1 << SourceTable.MAX_REPLIED) - 1);
    table.markSuspect(e);
    table.walk(e, -2.5);
    for (int t = 0; t < SourceTable.MAX_COUNT; t++) { // every destination with every bit of the filter's second half
      table.addTarget(e, 1L << t, -1L);
    }
    table.chunk(e, 0, 11);
    table.chunk(e, 1, -7);
    assertThat(table.key(e)).isEqualTo(key);
    assertThat(table.count(e)).isEqualTo(SourceTable.MAX_COUNT);
    assertThat(table.replied(e)).isEqualTo((1 << SourceTable.MAX_REPLIED) - 1);
    assertThat(table.suspect(e)).isTrue();
    assertThat(table.promoted(e)).isFalse();
    assertThat(table.walk(e)).isEqualTo(-2.5);
    assertThat(table.targets(e)).isEqualTo(SourceTable.MAX_COUNT);
    assertThat(table.bloom(e)).isEqualTo((1L << SourceTable.MAX_COUNT) - 1);
    assertThat(table.bloomHigh(e)).isEqualTo(-1L << 8);
    assertThat(table.chunk(e, 0)).isEqualTo(11);
    assertThat(table.chunk(e, 1)).isEqualTo(-7);
    assertThat(table.firstNanos(e)).isEqualTo(5);
    table.promote(e, 42);
    assertThat(table.promoted(e)).isTrue();
    assertThat(table.stateIndex(e)).isEqualTo(42);
    assertThat(table.find(key)).isEqualTo(e);
    assertThat(table.find(key + 1)).isEqualTo(-1);
  }

  @Test
  void idleCandidatesAreTheOccupiedEntriesWithOldEnoughEpochsEightAtATime() {
    SplittableRandom random = new SplittableRandom(11);
    SourceTable table = new SourceTable(1024);
    for (int i = 0; i < 600; i++) {
      int entry = table.insert((random.nextInt(1 << 24) + 1L) << 8 | 6, i);
      table.epoch(entry, random.nextInt(256));
    }
    int remaining = table.capacity() / 2;
    for (int e = 0; e < table.capacity() && remaining > 0; e++) { // some removed: their slots free again
      if (table.occupied(e) && random.nextInt(4) == 0) {
        table.remove(e);
        remaining--;
      }
    }
    long candidates = 0;
    for (int round = 0; round < 2_000; round++) {
      int epoch = random.nextInt(256);
      int idleEpochs = 1 + random.nextInt(127);
      for (int e = 0; e < table.capacity(); e += 8) {
        int expected = 0;
        for (int i = 0; i < 8; i++) {
          if (table.occupied(e + i) && ((epoch - table.epoch(e + i)) & 0xFF) >= idleEpochs) {
            expected |= 1 << i;
          }
        }
        assertThat(table.idleCandidates(e, epoch, idleEpochs)).as("round %d entry %d", round, e)
            .isEqualTo(expected);
        candidates += Integer.bitCount(expected);
      }
    }
    assertThat(candidates).isPositive();
  }
}
