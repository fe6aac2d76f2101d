package io.fathom.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every prefix of small valid captures: never throws, warns at most once, yields the records before the cut. */
class TruncationTest {
  private static final int[] SIZES = {0, 5, 17, 3, 64};

  @TempDir
  Path dir;

  @Test
  void everyCutOfAPcapFile() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> ends = new ArrayList<>();
    try (PcapWriter writer = new PcapWriter(out, LinkTypes.ETHERNET, 65535, true)) {
      long end = 24;
      for (int i = 0; i < SIZES.length; i++) {
        writer.write(1_000_000_000L * i, packet(i), 0, SIZES[i]);
        end += 16 + SIZES[i];
        ends.add(end);
      }
    }
    List<Long> boundaries = new ArrayList<>(ends);
    boundaries.add(24L);
    checkEveryCut(out.toByteArray(), ends, boundaries);
  }

  @Test
  void everyCutOfAPcapngFile() throws IOException {
    ByteOrder o = ByteOrder.BIG_ENDIAN;
    List<byte[]> blocks = new ArrayList<>();
    blocks.add(Bytes.sectionHeader(o));
    blocks.add(Bytes.interfaceBlock(o, LinkTypes.RAW, 0, Bytes.option(o, 9, new byte[] {9})));
    for (int i = 0; i < SIZES.length; i++) {
      blocks.add(Bytes.enhancedPacket(o, 0, 1_000_000_000L * i, Arrays.copyOf(packet(i), SIZES[i]), SIZES[i]));
      if (i == 2) {
        blocks.add(Bytes.block(o, 0x0bad, new byte[13]));
      }
    }
    byte[] file = Bytes.concat(blocks.toArray(byte[][]::new));
    List<Long> ends = new ArrayList<>();
    List<Long> boundaries = new ArrayList<>();
    long end = 0;
    for (byte[] block : blocks) {
      end += block.length;
      boundaries.add(end);
      if (ByteSource.i32(MemorySegment.ofArray(block), 0, true) == 6) {
        ends.add(end);
      }
    }
    checkEveryCut(file, ends, boundaries);
  }

  @Test
  void everyCutOfAGzipStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PcapWriter writer = new PcapWriter(out, LinkTypes.RAW, 65535, false)) {
      for (int i = 0; i < SIZES.length; i++) {
        writer.write(1_000_000L * i, packet(i), 0, SIZES[i]);
      }
    }
    byte[] gz = PcapRoundTripTest.gzip(out.toByteArray());
    List<Packet> all = Trickle.readWhole(out.toByteArray(), CaptureWarnings.silent());
    for (int cut = 0; cut <= gz.length; cut++) {
      byte[] prefix = Arrays.copyOf(gz, cut);
      List<String> lines = new ArrayList<>();
      CaptureWarnings warnings = new CaptureWarnings(lines::add);
      List<Packet> mapped = Packet.readAll(Captures.open(Files.write(dir.resolve("g"), prefix), warnings));
      List<Packet> streamed = Trickle.readStreamed(prefix, warnings, cut);
      assertThat(mapped).as("cut %d", cut).isEqualTo(all.subList(0, mapped.size())).isEqualTo(streamed);
      assertThat(lines).as("cut %d", cut).hasSize(cut == gz.length ? 0 : 2);
    }
  }

  /**
   * Cuts {@code file} at every byte and reads it mapped and streamed. {@code ends} are where packet records end;
   * {@code boundaries} where any header, record or block ends (a cut there is clean).
   */
  private void checkEveryCut(byte[] file, List<Long> ends, List<Long> boundaries) throws IOException {
    List<Packet> all = Trickle.readWhole(file, CaptureWarnings.silent());
    assertThat(all).hasSize(ends.size());
    for (int cut = 0; cut <= file.length; cut++) {
      byte[] prefix = Arrays.copyOf(file, cut);
      int complete = (int) ends.stream().filter(end -> end <= prefix.length).count();
      boolean clean = boundaries.contains((long) cut);
      for (int way = 0; way < 3; way++) {
        List<String> lines = new ArrayList<>();
        CaptureWarnings warnings = new CaptureWarnings(lines::add);
        List<Packet> read = switch (way) {
          case 0 -> Packet.readAll(Captures.open(Files.write(dir.resolve("cut"), prefix), warnings));
          case 1 -> Trickle.readStreamed(prefix, warnings, cut);
          default -> Trickle.readWhole(prefix, warnings);
        };
        assertThat(read).as("cut %d way %d", cut, way).isEqualTo(all.subList(0, complete));
        assertThat(lines).as("cut %d way %d", cut, way).hasSize(clean ? 0 : 1);
        if (!clean) {
          assertThat(lines.getFirst())
              .matches(".*: truncated (file header|record) at byte \\d+, (stopping|no packets)");
        }
      }
    }
  }

  private static byte[] packet(int i) {
    byte[] bytes = new byte[SIZES[i]];
    Arrays.fill(bytes, (byte) (i + 1));
    return bytes;
  }
}
