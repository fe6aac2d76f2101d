package io.fathom.detect.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.UsageException;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {
  @Test
  void listsEachFormatOnceAndFindsItByName() {
    assertThat(ReportFormats.names()).containsExactly("json", "csv", "table", "html");
    for (ReportFormat format : ReportFormats.all()) {
      assertThat(ReportFormats.byName(format.name())).isSameAs(format);
    }
  }

  @Test
  void unknownNameIsAUsageErrorNamingTheKnownOnes() {
    assertThatThrownBy(() -> ReportFormats.byName("xml"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown report format 'xml' (known: json, csv, table, html)");
    assertThatThrownBy(() -> ReportFormats.byName(null)).isInstanceOf(UsageException.class);
  }
}
