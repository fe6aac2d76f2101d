package io.fathom.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.EntityRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportFormatTest {
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
  private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link");

  static String write(DetectionReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormats.byName("html").write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Every opened element is closed, in order; returns how many elements there were. */
  static int assertBalanced(String html) {
    Deque<String> open = new ArrayDeque<>();
    Matcher m = TAG.matcher(html);
    int elements = 0;
    while (m.find()) {
      String name = m.group(2).toLowerCase();
      if (VOID.contains(name) || m.group(3).endsWith("/")) {
        elements++;
      } else if (m.group(1).isEmpty()) {
        open.push(name);
        elements++;
      } else {
        assertThat(open).as("closing </%s> at %d", name, m.start()).isNotEmpty();
        assertThat(open.pop()).as("closing </%s> at %d", name, m.start()).isEqualTo(name);
      }
    }
    assertThat(open).as("unclosed elements").isEmpty();
    return elements;
  }

  static void assertSelfContained(String html) {
    assertThat(html).doesNotContainPattern("(?i)(src|href|xlink:href)\\s*=");
    assertThat(html).doesNotContainPattern("(?i)url\\(");
    assertThat(html).doesNotContainPattern("(?i)<(script|link|img|iframe|object)\\b");
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void wellFormedSelfContainedAndWithCharts() throws IOException {
    String html = write(SampleReports.sample(true));
    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(assertBalanced(html)).isGreaterThan(100);
    assertSelfContained(html);
    assertThat(html.split("<svg", -1)).hasSize(5);
    for (String caption : new String[] {"Scans over time", "Top ports", "Tool share", "Scan shapes"}) {
      assertThat(html).contains("<figcaption>" + caption);
    }
    assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
  }

  @Test
  void escapesEvidenceFromTheData() throws IOException {
    String html = write(SampleReports.sample(false));
    assertThat(html).doesNotContain("<script>");
    assertThat(html).contains("window &quot;7&quot;, &lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
  }

  @Test
  void headerStatesProvenanceAndSettings() throws IOException {
    String html = write(SampleReports.sample(false));
    String header = html.substring(html.indexOf("<header>"), html.indexOf("</header>"));
    assertThat(header).contains("0.1.0-test").contains("2024-05-02 08:00:00Z").contains("b.pcapng");
    assertThat(header).contains("<th>min_targets</th><td>25</td>").contains("<th>trw_eta1</th><td>100.0</td>");
    assertThat(header).contains("<th>packets</th><td>1234567</td>");
  }

  @Test
  void classificationTableHasAxesAsRowsAndEvidenceOnHover() throws IOException {
    String html = write(SampleReports.sample(false));
    String table = html.substring(html.indexOf("<table class=\"classes\">"));
    table = table.substring(0, table.indexOf("</table>"));
    assertThat(table).contains(">Censys</th>").contains(">Very Long Research Projec...</th>");
    for (String axis : EntityRecord.AXES) {
      assertThat(table).contains("<tr><th>" + axis + "</th>");
    }
    assertThat(table).contains("title=\"catalogue: address range of Censys\">commercial</td>");
    assertThat(table).contains("<td class=\"unknown\" title=\"none\">unknown</td>");
  }

  @Test
  void tablesOfScansCampaignsSuspectsAndNotScans() throws IOException {
    String html = write(SampleReports.sample(true));
    assertThat(html).contains("<h2>Top scans by packets</h2>").contains("<td class=\"ip\">198.51.100.7</td>")
        .contains("<td>22,80-81,443</td>".replace("<td>", "<td title=\"4 ports: 22,80-81,443\">"));
    assertThat(html).contains("<h2>Campaigns</h2>").contains("<td class=\"id\">c-1a2b</td>");
    assertThat(html).contains("192.0.2.55").contains("<td class=\"num\">143</td>");
    assertThat(html).contains("<td>backscatter</td><td class=\"num\">1</td><td class=\"num\">17</td>");
    assertThat(write(SampleReports.sample(false))).doesNotContain("backscatter");
  }

  @Test
  void emptyReportIsStillACompletePage() throws IOException {
    String html = write(SampleReports.empty());
    assertBalanced(html);
    assertSelfContained(html);
    assertThat(html).contains("<svg").contains("no scans").contains("No scans were found.")
        .contains("<th>min_targets</th><td>25</td>");
  }
}
