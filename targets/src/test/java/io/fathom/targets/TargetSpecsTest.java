package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetSpecsTest {
  @TempDir Path dir;

  private static long u(String address) {
    return Ipv4.unsigned(Ipv4.parse(address));
  }

  private static AddressSet range(String first, String last) {
    return AddressSet.of(u(first), u(last));
  }

  @Test
  void parsesAddressesBlocksRangesAndLists() {
    assertThat(TargetSpecs.parseSpec("192.0.2.7")).isEqualTo(range("192.0.2.7", "192.0.2.7"));
    assertThat(TargetSpecs.parseSpec("10.1.2.3/16")).isEqualTo(range("10.1.0.0", "10.1.255.255"));
    assertThat(TargetSpecs.parseSpec("0.0.0.0/0").size()).isEqualTo(1L << 32);
    assertThat(TargetSpecs.parseSpec("9.9.9.9/32").size()).isEqualTo(1);
    assertThat(TargetSpecs.parseSpec("10.0.0.5-10.0.1.4")).isEqualTo(range("10.0.0.5", "10.0.1.4"));
    assertThat(TargetSpecs.parseSpec("10.0.0.5 - 10.0.0.5")).isEqualTo(range("10.0.0.5", "10.0.0.5"));
    assertThat(TargetSpecs.parseSpec("10.0.0.9, 10.0.0.0/29 ,10.0.0.8").toString())
        .isEqualTo("10.0.0.0-10.0.0.9");
  }

  @Test
  void rejectsBadItemsNamingThem() {
    assertRejected("10.0.0.0/33", "invalid target '10.0.0.0/33': prefix length must be 0-32");
    assertRejected("10.0.0.0/", "invalid target '10.0.0.0/': prefix length must be 0-32");
    assertRejected("10.0.0.0/-1", "invalid target '10.0.0.0/-1': prefix length must be 0-32");
    assertRejected("10.0.0.0/8a", "invalid target '10.0.0.0/8a': prefix length must be 0-32");
    assertRejected("1.2.3", "invalid target '1.2.3': not an IPv4 address, CIDR block or range (no DNS lookups)");
    assertRejected("example.com", "invalid target 'example.com': not an IPv4 address, CIDR block or range"
        + " (no DNS lookups)");
    assertRejected("1.2.3/8", "invalid target '1.2.3/8': '1.2.3' is not an IPv4 address");
    assertRejected("10.0.0.9-10.0.0.1", "invalid target '10.0.0.9-10.0.0.1': range start is after its end");
    assertRejected("10.0.0.1-", "invalid target '10.0.0.1-': '' is not an IPv4 address");
    assertRejected("10.0.0.1,,10.0.0.2", "invalid target list '10.0.0.1,,10.0.0.2': empty item");
    assertRejected("256.0.0.1", "invalid target '256.0.0.1': not an IPv4 address, CIDR block or range"
        + " (no DNS lookups)");
    assertRejected(" ", "invalid target ' ': empty");
  }

  private static void assertRejected(String spec, String message) {
    assertThatThrownBy(() -> TargetSpecs.parseSpec(spec)).as(spec).isInstanceOf(UsageException.class)
        .hasMessage(message);
  }

  @Test
  void readsFilesWithCommentsBlankLinesAndSeveralItemsPerLine() throws IOException {
    Path file = dir.resolve("targets.txt");
    Files.writeString(file, """
        # lab hosts
        192.0.2.1
           \t
        192.0.2.10-192.0.2.12   192.0.2.20/31 # trailing comment
        192.0.2.30,192.0.2.31
        """, StandardCharsets.UTF_8);
    AddressSet set = TargetSpecs.readFile(file);
    assertThat(set.size()).isEqualTo(1 + 3 + 2 + 2);
    assertThat(set.toString()).isEqualTo("192.0.2.1,192.0.2.10-192.0.2.12,192.0.2.20/31,192.0.2.30/31");
  }

  @Test
  void badLineIsReportedWithFileAndLine() throws IOException {
    Path file = dir.resolve("bad.txt");
    Files.writeString(file, "# header\n10.0.0.1\n10.0.0.0/33\n");
    assertThatThrownBy(() -> TargetSpecs.readFile(file)).isInstanceOf(UsageException.class)
        .hasMessage(file + ":3: invalid target '10.0.0.0/33': prefix length must be 0-32");
  }

  @Test
  void unreadableFileIsAUsageError() {
    Path missing = dir.resolve("missing.txt");
    assertThatThrownBy(() -> TargetSpecs.readFile(missing)).isInstanceOf(UsageException.class)
        .hasMessage("cannot read target file '" + missing + "': no such file");
    assertThatThrownBy(() -> TargetSpecs.readFile(dir)).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("cannot read target file '" + dir + "': ");
  }

  @Test
  void specialPurposeBlocksAreDroppedUnlessTheItemLiesInsideOne() {
    assertThat(resolve("198.18.0.0/16")).isEqualTo(range("198.18.0.0", "198.18.255.255"));
    assertThat(resolve("198.18.0.5")).isEqualTo(range("198.18.0.5", "198.18.0.5"));
    assertThat(resolve("10.0.0.0/8").size()).isEqualTo(1 << 24);
    AddressSet slash8 = resolve("198.0.0.0/8");
    assertThat(slash8.intersect(range("198.18.0.0", "198.19.255.255")).isEmpty()).isTrue();
    assertThat(slash8.intersect(range("198.51.100.0", "198.51.100.255")).isEmpty()).isTrue();
    assertThat(slash8.size()).isEqualTo((1 << 24) - (1 << 17) - 256);
    // Per item: the benchmark block given on its own survives next to a wider item that loses it.
    assertThat(resolve("198.0.0.0/8", "198.18.0.0/24").contains(Ipv4.parse("198.18.0.200"))).isTrue();
    assertThat(resolve("198.0.0.0/8", "198.18.0.0/24").contains(Ipv4.parse("198.18.1.0"))).isFalse();

    AddressSet everything = TargetSpecs.resolve(List.of("0.0.0.0/0"), List.of(), List.of(), List.of(), true);
    assertThat(everything).isEqualTo(AddressSet.cidr(0, 0).subtract(SpecialPurposeBlocks.all()));
    assertThat(everything.intersect(SpecialPurposeBlocks.all()).isEmpty()).isTrue();
  }

  private static AddressSet resolve(String... targets) {
    return TargetSpecs.resolve(List.of(targets), List.of(), List.of(), List.of(), false);
  }

  @Test
  void wholeSpaceNeedsInternetWide() {
    for (List<String> targets : List.of(List.of("0.0.0.0/0"), List.of("0.0.0.0/1", "128.0.0.0/1"),
        List.of("0.0.0.0-255.255.255.254,255.255.255.255"))) {
      assertThatThrownBy(() -> TargetSpecs.resolve(targets, List.of(), List.of(), List.of(), false))
          .isInstanceOf(UsageException.class).hasMessage("scanning 0.0.0.0/0 needs --internet-wide");
      // Excluding part of the space does not lift the requirement: the targets asked for everything.
      assertThatThrownBy(() -> TargetSpecs.resolve(targets, List.of(), List.of("1.0.0.0/8"), List.of(), false))
          .isInstanceOf(UsageException.class).hasMessage("scanning 0.0.0.0/0 needs --internet-wide");
    }
    assertThat(TargetSpecs.resolve(List.of("0.0.0.0/1"), List.of(), List.of(), List.of(), false).size())
        .isLessThan(1L << 31);
  }

  @Test
  void combinesTargetFilesAndExclusions() throws IOException {
    Path targets = dir.resolve("t.txt");
    Files.writeString(targets, "192.0.2.0/24\n");
    Path excludes = dir.resolve("x.txt");
    Files.writeString(excludes, "192.0.2.128/25 # upper half\n");
    AddressSet set = TargetSpecs.resolve(List.of("203.0.113.9"), List.of(targets), List.of("192.0.2.0"),
        List.of(excludes), false);
    assertThat(set.toString()).isEqualTo("192.0.2.1-192.0.2.127,203.0.113.9");
  }

  @Test
  void reportsMissingOrExhaustedTargets() throws IOException {
    assertThatThrownBy(() -> TargetSpecs.resolve(List.of(), List.of(), List.of("10.0.0.0/8"), List.of(), false))
        .isInstanceOf(UsageException.class).hasMessage("no targets given");
    Path onlyComments = dir.resolve("empty.txt");
    Files.writeString(onlyComments, "# nothing yet\n\n");
    assertThatThrownBy(() -> TargetSpecs.resolve(List.of(), List.of(onlyComments), List.of(), List.of(), false))
        .isInstanceOf(UsageException.class).hasMessage("no targets given");
    assertThatThrownBy(() -> TargetSpecs.resolve(List.of("10.0.0.0/24"), List.of(), List.of("10.0.0.0/16"),
        List.of(), false)).isInstanceOf(UsageException.class).hasMessage("no targets left after exclusions");
  }

  @Test
  void readsLargeFilesInAnyOrder() throws IOException {
    // Every other address of 10.20.0.0/16, written from the top down: 32768 separate ranges to sort.
    StringBuilder text = new StringBuilder();
    for (int i = 65534; i >= 0; i -= 2) {
      text.append("10.20.").append(i >> 8).append('.').append(i & 0xFF).append('\n');
    }
    Path file = dir.resolve("big.txt");
    Files.writeString(file, text);
    AddressSet set = TargetSpecs.readFile(file);
    assertThat(set.size()).isEqualTo(32768);
    assertThat(set.rangeCount()).isEqualTo(32768);
    assertThat(Ipv4.format(set.addressAt(1))).isEqualTo("10.20.0.2");
    assertThat(set.indexOf(Ipv4.parse("10.20.255.254"))).isEqualTo(32767);
  }
}
