package io.fathom.detect.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import io.fathom.detect.EntityRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityCatalogueTest {
  private static final EntityCatalogue BUILT_IN = EntityCatalogue.builtIn();

  @TempDir
  Path dir;

  @Test
  void builtInCatalogueIsVersionedAndDated() {
    assertThat(BUILT_IN.version()).isEqualTo("1");
    assertThat(BUILT_IN.date()).isAfter(LocalDate.of(2026, 1, 1));
    assertThat(BUILT_IN.entries()).extracting(CatalogueEntry::name).contains("University of Michigan", "Censys",
        "Rapid7 Project Sonar", "Shodan", "Shadowserver", "Open Resolver Project", "CAIDA",
        "SIPscan (Sality botnet)", "Conficker", "Internet Census 2012 (Carna botnet)", "HACIENDA (GCHQ)", "Mirai",
        "BinaryEdge", "Stretchoid", "Internet-Measurement.com");
  }

  @Test
  void everyBuiltInEntityHasSixValidAxesSourcesAndRealRanges() {
    for (CatalogueEntry entry : BUILT_IN.entries()) {
      assertThat(entry.axes().keySet()).as(entry.name()).containsExactlyInAnyOrderElementsOf(EntityRecord.AXES);
      entry.axes().forEach((axis, value) -> assertThat(AxisValues.isValid(axis, value)).as(entry.name()).isTrue());
      assertThat(entry.sources()).as(entry.name()).isNotEmpty();
      assertThat(entry.example()).as(entry.name() + " uses no placeholder ranges").isFalse();
      assertThat(entry.ranges().isEmpty() && entry.rdns().isEmpty() && entry.signatures().isEmpty()
          && !List.of("Open Resolver Project", "Internet Census 2012 (Carna botnet)", "HACIENDA (GCHQ)")
              .contains(entry.name())).as(entry.name() + " is attributable somehow").isFalse();
    }
  }

  @Test
  void builtInRangesOfDifferentEntitiesNeverOverlap() {
    List<CatalogueEntry> entries = BUILT_IN.entries();
    for (int i = 0; i < entries.size(); i++) {
      for (int j = i + 1; j < entries.size(); j++) {
        for (Cidr a : entries.get(i).ranges()) {
          for (Cidr b : entries.get(j).ranges()) {
            assertThat(a.overlaps(b)).as(a + " of " + entries.get(i).name() + " vs " + b + " of "
                + entries.get(j).name()).isFalse();
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
      "162.142.125.7, Censys",
      "192.35.169.1, Censys",
      "141.212.122.30, University of Michigan",
      "71.6.233.9, Rapid7 Project Sonar",
      "71.6.146.185, Shodan",
      "65.49.20.70, Shadowserver",
      "87.236.176.99, Internet-Measurement.com"})
  void rangesFindTheirEntity(String address, String entity) {
    assertThat(BUILT_IN.lookup(Ipv4.parse(address))).get().extracting(m -> m.entry().name()).isEqualTo(entity);
  }

  @Test
  void addressesOutsideEveryRangeFindNothing() {
    assertThat(BUILT_IN.lookup(Ipv4.parse("8.8.8.8"))).isEmpty();
    assertThat(BUILT_IN.lookup(Ipv4.parse("71.6.146.187"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "census12.shodan.io, Shodan",
      "scanner-20.ch1.censys-scanner.com., Censys",
      "researchscan541.eecs.umich.edu, University of Michigan",
      "scan-70-00.shadowserver.org, Shadowserver",
      "scanner.binaryedge.ninja, BinaryEdge",
      "zg-0915a-12.stretchoid.com, Stretchoid"})
  void reverseDnsPatternsFindTheirEntity(String host, String entity) {
    assertThat(BUILT_IN.matchRdns(host)).get().extracting(m -> m.entry().name()).isEqualTo(entity);
  }

  @Test
  void reverseDnsPatternsAreAnchoredAtTheEnd() {
    assertThat(BUILT_IN.matchRdns("census1.shodan.io.attacker.example")).isEmpty();
    assertThat(BUILT_IN.matchRdns("notshodan.io")).isEmpty();
  }

  @Test
  void userCatalogueOverridesAndExtendsTheBuiltInOne() throws IOException {
    Path file = write("mine.json", """
        {"version": "site-3", "date": "2026-11-01", "entities": [
          {"name": "Censys", "ranges": ["162.142.125.0/24"], "axes": {"organization": "academic",
            "intention": "unknown", "distribution": "unknown", "publication": "unknown", "software": "unknown",
            "timing": "unknown"}, "sources": ["local note"]},
          {"name": "Lab scanner", "ranges": ["192.0.2.0/24", "162.142.125.128/25"], "example": true,
           "axes": {"organization": "academic", "intention": {"value": "research/audit", "note": "our lab"},
            "distribution": "single/local", "publication": "undisclosed", "software": "public",
            "timing": "ongoing"}}]}
        """);

    EntityCatalogue catalogue = BUILT_IN.withFile(file);

    CatalogueEntry censys = catalogue.entry("Censys").orElseThrow();
    assertThat(censys.axes()).containsEntry("organization", "academic");
    assertThat(censys.ranges()).hasSize(1);
    assertThat(catalogue.lookup(Ipv4.parse("167.94.138.1"))).as("overridden entry's ranges are gone").isEmpty();
    assertThat(catalogue.lookup(Ipv4.parse("162.142.125.200"))).get()
        .satisfies(m -> assertThat(m.entry().name()).isEqualTo("Lab scanner"))
        .satisfies(m -> assertThat(m.range()).hasToString("162.142.125.128/25"));
    assertThat(catalogue.lookup(Ipv4.parse("162.142.125.5"))).get().extracting(m -> m.entry().name())
        .isEqualTo("Censys");
    assertThat(catalogue.entry("Lab scanner").orElseThrow().axisNotes()).containsEntry("intention", "our lab");
    assertThat(catalogue.entry("Shodan")).isPresent();
    assertThat(BUILT_IN.entry("Lab scanner")).as("the built-in catalogue is unchanged").isEmpty();
  }

  @Test
  void mispWarningListBecomesAnEntityNamedAfterTheList() throws IOException {
    Path file = write("list.json", """
        {"name": "Example scanners", "version": 20260101, "description": "test list", "type": "cidr",
         "matching_attributes": ["ip-src"], "list": ["198.51.100.0/24", "203.0.113.7", "2001:db8::/32"]}
        """);

    EntityCatalogue catalogue = EntityCatalogue.empty().withFile(file);

    CatalogueEntry entry = catalogue.entry("Example scanners").orElseThrow();
    assertThat(entry.ranges()).extracting(Cidr::toString).containsExactly("198.51.100.0/24", "203.0.113.7/32");
    assertThat(entry.description()).contains("1 IPv6 entries skipped");
    assertThat(entry.axes().values()).containsOnly("unknown").hasSize(6);
    assertThat(entry.sources().getFirst()).contains("MISP warning list 'Example scanners' version 20260101");
    assertThat(catalogue.lookup(Ipv4.parse("198.51.100.77"))).get().extracting(m -> m.entry().name())
        .isEqualTo("Example scanners");
  }

  @Test
  void plainCidrListBecomesAnEntityNamedAfterTheFile() throws IOException {
    Path file = write("blocklist.txt", """
        # our scanners
        198.51.100.0/25   # rack 1
        203.0.113.9

        2001:db8::1
        """);

    CatalogueEntry entry = EntityCatalogue.empty().withFile(file).entry("blocklist").orElseThrow();

    assertThat(entry.ranges()).extracting(Cidr::toString).containsExactly("198.51.100.0/25", "203.0.113.9/32");
    assertThat(entry.kind()).isEqualTo("list");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "bad.json|{\"version\": 1, \"date\": \"2026-01-01\", \"entities\": [ |invalid JSON at line",
      "noversion.json|{\"date\": \"2026-01-01\", \"entities\": []}|\"version\"",
      "nodate.json|{\"version\": 1, \"date\": \"26/1/1\", \"entities\": []}|is not YYYY-MM-DD",
      "axis.json|{\"version\": 1, \"date\": \"2026-01-01\", \"entities\": [{\"name\": \"x\", \"axes\": {}}]}"
          + "|lacks axis 'organization'",
      "value.json|{\"version\": 1, \"date\": \"2026-01-01\", \"entities\": [{\"name\": \"x\", \"axes\":"
          + " {\"organization\": \"alien\"}}]}|axis 'organization' is \"alien\"",
      "range.json|{\"version\": 1, \"date\": \"2026-01-01\", \"entities\": [{\"name\": \"x\", \"ranges\":"
          + " [\"10.0.0.1/24\"]}]}|host bits set",
      "regex.json|{\"version\": 1, \"date\": \"2026-01-01\", \"entities\": [{\"name\": \"x\", \"rdns\":"
          + " [\"(unclosed\"]}]}|invalid rdns pattern",
      "misp.json|{\"name\": \"hosts\", \"type\": \"hostname\", \"list\": [\"a.example\"]}|not 'cidr'",
      "other.json|{\"hello\": 1}|neither a catalogue",
      "list.txt|10.0.0.0/8\\nnot-an-address\\n|list.txt:2: 'not-an-address' is not an IPv4 prefix"})
  void badFilesFailWithOneUsageLine(String name, String content, String expected) throws IOException {
    Path file = write(name, content.replace("\\n", "\n"));

    assertThatThrownBy(() -> BUILT_IN.withFile(file)).isInstanceOf(UsageException.class)
        .hasMessageStartingWith(name).hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aRangeClaimedByTwoEntitiesOfOneFileIsRejected() throws IOException {
    String axes = "\"axes\": {\"organization\": \"unknown\", \"intention\": \"unknown\", \"distribution\":"
        + " \"unknown\", \"publication\": \"unknown\", \"software\": \"unknown\", \"timing\": \"unknown\"}";
    Path file = write("twice.json", "{\"version\": 1, \"date\": \"2026-01-01\", \"entities\": ["
        + "{\"name\": \"a\", \"ranges\": [\"198.51.100.0/24\"], " + axes + "},"
        + "{\"name\": \"b\", \"ranges\": [\"198.51.100.0/24\"], " + axes + "}]}");

    assertThatThrownBy(() -> BUILT_IN.withFile(file)).isInstanceOf(UsageException.class)
        .hasMessage("twice.json: range 198.51.100.0/24 is claimed by both 'a' and 'b'");
  }

  @Test
  void aMissingFileIsOneUsageLine() {
    assertThatThrownBy(() -> BUILT_IN.withFile(dir.resolve("absent.json"))).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("absent.json: cannot read entity file");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
