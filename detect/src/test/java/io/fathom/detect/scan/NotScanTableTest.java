package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.NotScanRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NotScanTableTest {
  private static final NotScanReason[] REASONS = NotScanReason.values();

  /** Epochs of 4,096 ns: the idle time below is twelve of them. */
  private static final int EPOCH_SHIFT = 12;

  @Test
  void aggregatesAndExpiresAsAMapWouldThroughGrowthAndBackwardShiftDeletion() {
    SplittableRandom random = new SplittableRandom(9);
    NotScanTable table = new NotScanTable(1_000_000, EPOCH_SHIFT);
    Map<String, long[]> model = new HashMap<>(); // "src/reason" -> packets, first, last
    List<NotScanRecord> emitted = new ArrayList<>();
    long now = 1_000;
    long idle = 50_000;
    for (int step = 0; step < 300_000; step++) {
      now += random.nextInt(20);
      int src = 1 + random.nextInt(step < 150_000 ? 2_000 : 30_000);
      NotScanReason reason = REASONS[random.nextInt(REASONS.length)];
      table.add(src, reason, now, into(emitted));
      long[] m = model.computeIfAbsent(src + "/" + reason.label(), k -> new long[3]);
      if (m[0] == 0) {
        m[1] = now;
      }
      m[0]++;
      m[2] = now;
      if (step % 10_000 == 9_999) {
        emitted.clear();
        if (step / 10_000 % 2 == 0) {
          table.expire(now, idle, into(emitted)); // every slot read
        } else { // only those whose epoch may be idle: the same entries
          int idleEpochs = (int) (idle >>> EPOCH_SHIFT) - 1;
          table.expireIdle(now, idle, (int) (now >>> EPOCH_SHIFT) & 0xFF, idleEpochs, into(emitted));
        }
        List<String> expected = new ArrayList<>();
        for (var entry : List.copyOf(model.entrySet())) {
          if (now - entry.getValue()[2] > idle) {
            long[] v = model.remove(entry.getKey());
            expected.add(entry.getKey() + " " + v[0] + " " + v[1] + " " + v[2]);
          }
        }
        expected.sort(null);
        assertThat(describe(emitted)).as("step %d", step).isEqualTo(expected);
        assertThat(table.live()).isEqualTo(model.size());
      }
    }
    emitted.clear();
    table.emitAll(into(emitted));
    List<String> rest = new ArrayList<>();
    model.forEach((k, v) -> rest.add(k + " " + v[0] + " " + v[1] + " " + v[2]));
    rest.sort(null);
    assertThat(describe(emitted)).isEqualTo(rest);
    assertThat(table.live()).isZero();
    assertThat(table.evicted()).isZero();
  }

  @Test
  void beyondItsCapItEmitsTheStalestOfASampleAndLosesNoPacket() {
    SplittableRandom random = new SplittableRandom(10);
    NotScanTable table = new NotScanTable(500, EPOCH_SHIFT);
    List<NotScanRecord> emitted = new ArrayList<>();
    long added = 0;
    for (int step = 0; step < 100_000; step++) {
      table.add(1 + random.nextInt(5_000), REASONS[random.nextInt(2)], step, into(emitted));
      added++;
      if (table.live() > 500) {
        assertThat(table.live()).as("step %d", step).isLessThanOrEqualTo(500);
      }
    }
    assertThat(table.evicted()).isEqualTo(emitted.size()).isPositive();
    table.emitAll(into(emitted));
    assertThat(emitted.stream().mapToLong(NotScanRecord::packets).sum()).isEqualTo(added);
  }

  private static NotScanSink into(List<NotScanRecord> emitted) {
    return (reason, src, packets, first, last) ->
        emitted.add(new NotScanRecord(src, reason.label(), packets, first, last));
  }

  private static List<String> describe(List<NotScanRecord> records) {
    List<String> out = new ArrayList<>();
    for (NotScanRecord r : records) {
      out.add(r.src() + "/" + r.reason() + " " + r.packets() + " " + r.startNanos() + " " + r.endNanos());
    }
    out.sort(null); // the order of emission is the table's
    return out;
  }
}
