package io.fathom.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void matchesJavaTimeToTheMicrosecond() {
    SplittableRandom random = new SplittableRandom(1);
    AsciiBuffer buffer = new AsciiBuffer();
    for (int i = 0; i < 20_000; i++) {
      // 1970 to 2200, and a few before the epoch.
      long nanos = random.nextLong(-86_400_000_000_000L * 365, 7_258_118_400_000_000_000L);
      Instant instant = Instant.ofEpochSecond(0, nanos).truncatedTo(ChronoUnit.MICROS);
      String expected = instant.toString();
      // Instant.toString drops trailing zero groups; we always print six digits.
      String normalized = expected.replace("Z", "");
      int dot = normalized.indexOf('.');
      String fraction = dot < 0 ? "" : normalized.substring(dot + 1);
      String base = dot < 0 ? normalized : normalized.substring(0, dot);
      if (base.length() == 16) {
        base = base + ":00";
      }
      expected = base + "." + (fraction + "000000").substring(0, 6) + "Z";
      Timestamps.appendIso(buffer.clear(), nanos);
      assertThat(buffer.toString()).isEqualTo(expected);
    }
  }

  @Test
  void formatsAKnownInstant() {
    AsciiBuffer buffer = new AsciiBuffer();
    Timestamps.appendIso(buffer, 1_795_550_103_123_456_789L);
    assertThat(buffer.toString()).isEqualTo("2026-11-24T19:55:03.123456Z");
  }
}
