package io.fathom.detect.entity;

import static io.fathom.detect.campaign.TestScans.SECOND;
import static io.fathom.detect.campaign.TestScans.T0;
import static io.fathom.detect.campaign.TestScans.reshape;
import static io.fathom.detect.campaign.TestScans.scan;
import static io.fathom.detect.campaign.TestScans.sketch;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.EntityRecord.Axis;
import io.fathom.detect.ScanRecord;
import io.fathom.detect.campaign.CampaignGrouper;
import io.fathom.detect.campaign.CampaignGrouping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EntityClassifierTest {
  private static final EntityCatalogue CATALOGUE = EntityCatalogue.builtIn();
  private static final int[] SKETCH = sketch("10.20.0.0", a -> true, 64);

  /** A resolver answering from a map, as a DNS server would. */
  private static ReverseDns fake(Map<String, String> names) {
    return address -> CompletableFuture.completedFuture(Optional.ofNullable(names.get(Ipv4.format(address))));
  }

  private final EntityClassifier classifier =
      new EntityClassifier(ClassifierSettings.defaults().withCaptureEnd(T0 + 3600 * SECOND));

  private static EntityRecord named(List<EntityRecord> entities, String name) {
    return entities.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void attributesByAddressRangeWithCatalogueAxes() {
    ScanRecord censys = scan("162.142.125.7", "unknown", new int[] {443}, SKETCH, 65536, 0, 3590);

    EntityRecord entity = classifier.classify(List.of(censys), List.of(), CATALOGUE, null).getFirst();

    assertThat(entity.name()).isEqualTo("Censys");
    assertThat(entity.sources()).containsExactly(Ipv4.parse("162.142.125.7"));
    assertThat(entity.attribution()).containsExactly(
        "162.142.125.7: address range 162.142.125.0/24 (confidence 0.9)");
    assertThat(entity.axes().keySet()).containsExactlyElementsOf(EntityRecord.AXES);
    assertThat(entity.axes().get("organization")).extracting(Axis::value, Axis::source)
        .containsExactly("commercial", "catalogue");
    assertThat(entity.axes().get("organization").evidence().getFirst()).contains("catalogue 'Censys'");
    assertThat(entity.axes().get("software")).as("unknown tool: the catalogue's value")
        .extracting(Axis::value, Axis::source).containsExactly("enterprise", "catalogue");
    assertThat(entity.axes().get("distribution")).as("one observed source does not narrow a wide entity")
        .extracting(Axis::value, Axis::source).containsExactly("wide/global", "catalogue");
    assertThat(entity.axes().get("timing")).extracting(Axis::value, Axis::source)
        .containsExactly("ongoing", "inferred");
    assertThat(entity.axes().get("timing").evidence().getFirst())
        .isEqualTo("last packet 10.0 s before the capture's end (inactivity timeout 300 s)");
  }

  @Test
  void attributesByReverseDnsWhenNoRangeMatches() {
    ScanRecord scan = scan("203.0.113.50", "zmap", new int[] {80}, SKETCH, 65536, 0, 60);
    ReverseDns rdns = fake(Map.of("203.0.113.50", "census7.shodan.io"));

    EntityRecord entity = classifier.classify(List.of(scan), List.of(), CATALOGUE, rdns).getFirst();

    assertThat(entity.name()).isEqualTo("Shodan");
    assertThat(entity.attribution().getFirst())
        .isEqualTo("203.0.113.50: reverse DNS census7.shodan.io matches (?i)\\.shodan\\.io\\.?$ (confidence 0.7)");
    assertThat(entity.axes().get("software")).as("zmap is public, whatever the catalogue says")
        .extracting(Axis::value, Axis::source).containsExactly("public", "inferred");
    assertThat(entity.axes().get("timing")).extracting(Axis::value, Axis::source)
        .containsExactly("passed", "inferred");
  }

  @Test
  void addressRangeOutranksReverseDns() {
    ScanRecord scan = scan("162.142.125.9", "unknown", new int[] {80}, SKETCH, 65536, 0, 60);
    ReverseDns rdns = fake(Map.of("162.142.125.9", "census7.shodan.io"));

    assertThat(classifier.classify(List.of(scan), List.of(), CATALOGUE, rdns)).extracting(EntityRecord::name)
        .containsExactly("Censys");
  }

  @Test
  void attributesMiraiByBehaviourAndInfersExploit() {
    ScanRecord bot = scan("203.0.113.23", "mirai", new int[] {23, 2323}, SKETCH, 65536, 0, 3599);

    EntityRecord entity = classifier.classify(List.of(bot), List.of(), CATALOGUE, fake(Map.of())).getFirst();

    assertThat(entity.name()).isEqualTo("Mirai");
    assertThat(entity.attribution().getFirst()).startsWith("203.0.113.23: behaviour matches signature tool mirai,"
        + " tcp, ports 23,2323").endsWith("(confidence 0.4)");
    assertThat(entity.axes().get("intention")).extracting(Axis::value, Axis::source)
        .containsExactly("exploit", "inferred");
    assertThat(entity.axes().get("organization")).extracting(Axis::value, Axis::source)
        .containsExactly("criminal", "catalogue");
    assertThat(entity.axes().get("software").evidence().getFirst()).contains("mirai is publicly available");
  }

  @Test
  void unknownStaysUnknown() {
    ScanRecord scan = reshape(scan("203.0.113.77", "unknown", new int[] {8081}, SKETCH, 65536, 0, 60), "tcp",
        "horizontal");

    EntityClassification result = classifier.classifyAll(List.of(scan), List.of(), CATALOGUE, fake(Map.of()));

    EntityRecord entity = result.entities().getFirst();
    assertThat(entity.name()).isEqualTo("unknown-scanner-203.0.113.77");
    for (String axis : List.of("organization", "intention", "publication", "software")) {
      assertThat(entity.axes().get(axis)).as(axis).extracting(Axis::value, Axis::source)
          .containsExactly("unknown", "none");
    }
    assertThat(entity.axes().get("distribution")).extracting(Axis::value, Axis::source)
        .containsExactly("single/local", "inferred");
    assertThat(entity.axes().get("distribution").evidence().getFirst())
        .isEqualTo("one source 203.0.113.77 in no campaign");
    assertThat(result.scans().getFirst().entity()).isEqualTo("unknown-scanner-203.0.113.77");
  }

  @Test
  void verticalScansAreReconnaissance() {
    ScanRecord scan = reshape(scan("203.0.113.78", "nmap", new int[] {22, 80, 443}, SKETCH, 1, 0, 60), "tcp",
        "vertical");

    EntityRecord entity = classifier.classify(List.of(scan), List.of(), CATALOGUE, null).getFirst();

    assertThat(entity.name()).isEqualTo("unknown-nmap-203.0.113.78");
    assertThat(entity.axes().get("intention")).extracting(Axis::value, Axis::source)
        .containsExactly("discovery/reconnaissance", "inferred");
  }

  @Test
  void unattributedCampaignBecomesOneDerivedEntityWithItsSpread() {
    List<ScanRecord> scans = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int shard = i;
      scans.add(scan((i + 11) + ".9.8.7", "zmap", new int[] {80}, sketch("10.20.0.0", a -> (a & 7) == shard, 256),
          8192, i, 600));
    }
    scans.add(scan("162.142.125.7", "zmap", new int[] {443}, SKETCH, 65536, 0, 60));
    CampaignGrouping grouping = new CampaignGrouper().groupWithScans(scans);
    String campaignId = grouping.campaigns().getFirst().id();

    EntityClassification result = classifier.classifyAll(grouping.scans(), grouping.campaigns(), CATALOGUE, null);

    assertThat(result.entities()).extracting(EntityRecord::name)
        .containsExactly("Censys", "unknown-zmap-" + campaignId);
    EntityRecord derived = named(result.entities(), "unknown-zmap-" + campaignId);
    assertThat(derived.sources()).hasSize(8);
    assertThat(derived.axes().get("distribution")).extracting(Axis::value, Axis::source)
        .containsExactly("wide/global", "inferred");
    assertThat(derived.axes().get("distribution").evidence().getFirst()).contains("campaign " + campaignId);
    assertThat(derived.attribution()).containsExactly(
        "no catalogue match by range, reverse DNS or behaviour; grouped by campaign " + campaignId);
    assertThat(result.scans()).extracting(ScanRecord::entity).containsOnly("unknown-zmap-" + campaignId, "Censys");
    assertThat(result.scans().getLast().entity()).isEqualTo("Censys");
  }

  @Test
  void aSilentResolverDoesNotBlockClassification() {
    ScanRecord scan = scan("203.0.113.90", "unknown", new int[] {80}, SKETCH, 65536, 0, 60);
    ReverseDns never = address -> new CompletableFuture<>();
    EntityClassifier quick = new EntityClassifier(new ClassifierSettings(null, 0, java.time.Duration.ofMillis(50),
        2, 20));

    assertThat(quick.classify(List.of(scan), List.of(), CATALOGUE, never)).extracting(EntityRecord::name)
        .containsExactly("unknown-scanner-203.0.113.90");
  }
}
