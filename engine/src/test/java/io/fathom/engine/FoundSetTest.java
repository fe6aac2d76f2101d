package io.fathom.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FoundSetTest {
  @Test
  void behavesLikeASetThroughManyResizes() {
    FoundSet found = new FoundSet();
    Set<Long> model = new HashSet<>();
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 200_000; i++) {
      long value = random.nextLong(0, 150_000);
      assertThat(found.add(value)).isEqualTo(model.add(value));
    }
    assertThat(found.size()).isEqualTo(model.size());
    assertThat(found.add(0L)).isEqualTo(model.add(0L));
    assertThat(found.add((1L << 48) - 1)).isTrue();
  }
}
