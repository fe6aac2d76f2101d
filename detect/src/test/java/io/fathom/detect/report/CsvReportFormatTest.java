package io.fathom.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportFormatTest {
  private static String write(DetectionReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormats.byName("csv").write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A strict RFC 4180 reader: quoted fields may hold commas, CRLF and doubled quotes. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        assertThat(field).as("quote inside an unquoted field").isEmpty();
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    assertThat(quoted).as("unterminated quote").isFalse();
    assertThat(row).as("last line ends in CRLF").isEmpty();
    assertThat(field).isEmpty();
    return rows;
  }

  @Test
  void scansParseBackFieldForField() throws IOException {
    List<List<String>> rows = parse(write(SampleReports.sample(false)));
    assertThat(rows).hasSize(4);
    List<String> header = rows.get(0);
    assertThat(header).startsWith("src", "proto", "ports").contains("evidence", "internet_rate_pps", "entity");
    for (List<String> row : rows) {
      assertThat(row).hasSameSizeAs(header);
    }
    List<String> zmap = rows.get(1);
    assertThat(zmap.get(header.indexOf("src"))).isEqualTo("198.51.100.7");
    assertThat(zmap.get(header.indexOf("ports"))).isEqualTo("23");
    assertThat(zmap.get(header.indexOf("tool_version"))).isEqualTo("<=4.0");
    assertThat(zmap.get(header.indexOf("definitions"))).isEqualTo("durumeric2014;zeek");
    assertThat(zmap.get(header.indexOf("coverage"))).isEqualTo("0.0123");
    assertThat(zmap.get(header.indexOf("start"))).isEqualTo("2024-05-01T12:00:00Z");

    List<String> masscan = rows.get(2);
    assertThat(masscan.get(header.indexOf("ports"))).isEqualTo("22;80;81;443");
    assertThat(masscan.get(header.indexOf("evidence")))
        .isEqualTo(SampleReports.HOSTILE + ";ip id = dst ^ port ^ seq");
    assertThat(masscan.get(header.indexOf("coverage"))).isEmpty();
    assertThat(masscan.get(header.indexOf("campaign"))).isEmpty();
    assertThat(rows.get(3).get(header.indexOf("tool"))).isEqualTo("unknown");
  }

  @Test
  void quotesOnlyWhatNeedsIt() {
    assertThat(CsvReportFormat.quote("plain")).isEqualTo("plain");
    assertThat(CsvReportFormat.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvReportFormat.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvReportFormat.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvReportFormat.quote(null)).isEmpty();
  }

  @Test
  void emptyReportIsTheHeaderAlone() throws IOException {
    List<List<String>> rows = parse(write(SampleReports.empty()));
    assertThat(rows).containsExactly(CsvReportFormat.HEADER);
  }
}
