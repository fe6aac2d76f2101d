package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionSettingsTest {
  @Test
  void defaultsAreThePublishedValuesAndAllAreDescribed() {
    DetectionSettings s = DetectionSettings.defaults();
    assertThat(s.describe())
        .containsEntry("durumericMinTargets", 100)
        .containsEntry("durumericMinRatePps", 10.0)
        .containsEntry("idleTimeoutSeconds", 480.0)
        .containsEntry("zeekAddressScanThreshold", 25)
        .containsEntry("zeekPortScanThreshold", 15)
        .containsEntry("zeekIntervalSeconds", 300.0)
        .containsEntry("trwTheta0", 0.8)
        .containsEntry("trwTheta1", 0.2)
        .containsEntry("trwAlpha", 0.01)
        .containsEntry("trwBeta", 0.99)
        .containsEntry("maxSources", 1_000_000)
        .containsEntry("sketchK", 64)
        .containsEntry("telescopePrefixes", List.of())
        .containsEntry("toolObservers", "none");
    assertThat(s.describe()).hasSize(s.getClass().getRecordComponents().length + 4);
    assertThat(s.trwUpperBound()).isCloseTo(99.0, within(1e-9));
    assertThat(s.trwLowerBound()).isCloseTo(0.01 / 0.99, within(1e-12));
  }

  @Test
  void everySettingCanBeOverridden() {
    DetectionSettings s = DetectionSettings.builder().durumericMinTargets(50).zeekPortScanThreshold(5)
        .telescopePrefixes(List.of(Prefix.parse("192.0.2.0/24"))).build();
    assertThat(s.describe()).containsEntry("durumericMinTargets", 50).containsEntry("zeekPortScanThreshold", 5)
        .containsEntry("telescopePrefixes", List.of("192.0.2.0/24")).containsEntry("telescopeSize", 256L);
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> DetectionSettings.builder().maxSources(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSources");
    assertThatThrownBy(() -> DetectionSettings.builder().trw(0.2, 0.8, 0.01, 0.99).build())
        .hasMessageContaining("theta");
    assertThatThrownBy(() -> Prefix.parse("10.0.0.1/8")).hasMessageContaining("host bits");
    assertThatThrownBy(() -> Prefix.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
  }
}
