package io.fathom.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumePointTest {
  @TempDir Path dir;

  @Test
  void roundTrips() throws Exception {
    ResumePoint point = new ResumePoint("abc", List.of("scan", "198.18.0.0/16", "-p", "80"), -5, "blackrock", 1, 3,
        new long[] {10, 20}, 30);
    Path file = dir.resolve("r.json");
    point.write(file);
    ResumePoint read = ResumePoint.read(file);
    assertThat(read.scanId()).isEqualTo("abc");
    assertThat(read.commandLine()).isEqualTo(point.commandLine());
    assertThat(read.seed()).isEqualTo(-5);
    assertThat(read.order()).isEqualTo("blackrock");
    assertThat(read.shard()).isEqualTo(1);
    assertThat(read.shards()).isEqualTo(3);
    assertThat(read.positions()).containsExactly(10, 20);
    assertThat(read.targetsDone()).isEqualTo(30);
  }

  @Test
  void badFilesAreOneLineUsageErrors() throws Exception {
    Path garbage = dir.resolve("g.json");
    Files.writeString(garbage, "{not json");
    assertThatThrownBy(() -> ResumePoint.read(garbage)).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("cannot read resume file").hasMessageNotContaining("\n");
    Path other = dir.resolve("o.json");
    Files.writeString(other, "{\"format\":\"something-else\"}");
    assertThatThrownBy(() -> ResumePoint.read(other)).isInstanceOf(UsageException.class)
        .hasMessageContaining("not a Fathom resume file");
    assertThatThrownBy(() -> ResumePoint.read(dir.resolve("missing.json"))).isInstanceOf(UsageException.class);
  }
}
