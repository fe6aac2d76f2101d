package io.fathom.detect.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.fathom.common.Ipv4;
import io.fathom.detect.CampaignRecord;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.NotScanRecord;
import io.fathom.detect.ScanRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * Newline-delimited JSON, one object per line told apart by {@code kind}: one {@code run} line (settings,
 * statistics, provenance, counts), then {@code scan}, {@code campaign}, {@code entity}, {@code suspect} and, when
 * asked for, {@code not-scan} lines. Times are ISO-8601 UTC; absent values and non-finite numbers are null.
 */
final class JsonReportFormat implements ReportFormat {
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder().rootValueSeparator((String) null).disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  @Override
  public String name() {
    return "json";
  }

  @Override
  public void write(DetectionReport report, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      run(g, report);
      for (ScanRecord scan : report.scans()) {
        scan(g, scan);
      }
      for (CampaignRecord campaign : report.campaigns()) {
        campaign(g, campaign);
      }
      for (EntityRecord entity : report.entities()) {
        entity(g, entity);
      }
      for (DetectionReport.Suspect suspect : report.suspects()) {
        begin(g, "suspect");
        g.writeStringField("src", Ipv4.format(suspect.src()));
        g.writeStringField("time", ReportText.iso(suspect.timeNanos()));
        g.writeFieldName("likelihood_ratio");
        number(g, suspect.likelihoodRatio());
        end(g);
      }
      if (report.includeNotScans()) {
        for (NotScanRecord notScan : report.notScans()) {
          notScan(g, notScan);
        }
      }
    }
    out.flush();
  }

  private static void run(JsonGenerator g, DetectionReport report) throws IOException {
    DetectionReport.Provenance provenance = report.provenance();
    begin(g, "run");
    g.writeObjectFieldStart("provenance");
    g.writeStringField("version", provenance.version());
    g.writeFieldName("inputs");
    value(g, provenance.inputs());
    g.writeFieldName("started");
    value(g, provenance.started() == null ? null : provenance.started().toString());
    g.writeFieldName("finished");
    value(g, provenance.finished() == null ? null : provenance.finished().toString());
    g.writeEndObject();
    g.writeFieldName("settings");
    value(g, report.settings());
    g.writeFieldName("statistics");
    value(g, report.statistics());
    g.writeObjectFieldStart("counts");
    g.writeNumberField("scans", report.scans().size());
    g.writeNumberField("campaigns", report.campaigns().size());
    g.writeNumberField("entities", report.entities().size());
    g.writeNumberField("suspects", report.suspects().size());
    g.writeNumberField("not_scans", report.notScanCount());
    g.writeEndObject();
    g.writeBooleanField("include_not_scans", report.includeNotScans());
    end(g);
  }

  private static void scan(JsonGenerator g, ScanRecord scan) throws IOException {
    begin(g, "scan");
    g.writeStringField("src", Ipv4.format(scan.src()));
    g.writeStringField("proto", scan.proto());
    ints(g, "ports", scan.ports());
    g.writeNumberField("targets", scan.targets());
    g.writeNumberField("packets", scan.packets());
    g.writeStringField("shape", scan.shape());
    g.writeStringField("ports_scope", scan.portsScope());
    g.writeStringField("tool", scan.tool() == null ? "unknown" : scan.tool());
    g.writeStringField("tool_version", scan.toolVersion());
    g.writeFieldName("confidence");
    number(g, scan.confidence());
    g.writeFieldName("evidence");
    value(g, scan.evidence());
    g.writeStringField("start", ReportText.iso(scan.startNanos()));
    g.writeStringField("end", ReportText.iso(scan.endNanos()));
    g.writeFieldName("rate_pps");
    number(g, scan.ratePps());
    g.writeFieldName("definitions");
    value(g, scan.definitions());
    g.writeFieldName("coverage");
    value(g, scan.coverage());
    g.writeFieldName("internet_rate_pps");
    value(g, scan.internetRatePps());
    g.writeStringField("campaign", scan.campaign());
    g.writeStringField("entity", scan.entity());
    end(g);
  }

  private static void campaign(JsonGenerator g, CampaignRecord campaign) throws IOException {
    begin(g, "campaign");
    g.writeStringField("id", campaign.id());
    addresses(g, "sources", campaign.sources());
    g.writeStringField("tool", campaign.tool() == null ? "unknown" : campaign.tool());
    ints(g, "ports", campaign.ports());
    g.writeStringField("distribution", campaign.distribution());
    g.writeStringField("start", ReportText.iso(campaign.startNanos()));
    g.writeStringField("end", ReportText.iso(campaign.endNanos()));
    g.writeFieldName("evidence");
    value(g, campaign.evidence());
    end(g);
  }

  private static void entity(JsonGenerator g, EntityRecord entity) throws IOException {
    begin(g, "entity");
    g.writeStringField("name", entity.name());
    addresses(g, "sources", entity.sources());
    for (String name : EntityRecord.AXES) {
      EntityRecord.Axis axis = Classification.axis(entity, name);
      g.writeObjectFieldStart(name);
      g.writeStringField("value", axis.value());
      g.writeStringField("source", Classification.source(axis));
      g.writeFieldName("evidence");
      value(g, Classification.evidence(axis));
      g.writeEndObject();
    }
    g.writeFieldName("attribution");
    value(g, entity.attribution());
    end(g);
  }

  private static void notScan(JsonGenerator g, NotScanRecord notScan) throws IOException {
    begin(g, "not-scan");
    g.writeStringField("src", Ipv4.format(notScan.src()));
    g.writeStringField("reason", notScan.reason());
    g.writeNumberField("packets", notScan.packets());
    g.writeStringField("start", ReportText.iso(notScan.startNanos()));
    g.writeStringField("end", ReportText.iso(notScan.endNanos()));
    end(g);
  }

  private static void begin(JsonGenerator g, String kind) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", kind);
  }

  private static void end(JsonGenerator g) throws IOException {
    g.writeEndObject();
    g.writeRaw('\n');
  }

  private static void ints(JsonGenerator g, String field, int[] values) throws IOException {
    g.writeArrayFieldStart(field);
    for (int v : values == null ? new int[0] : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private static void addresses(JsonGenerator g, String field, int[] values) throws IOException {
    g.writeArrayFieldStart(field);
    for (int v : values == null ? new int[0] : values) {
      g.writeString(Ipv4.format(v));
    }
    g.writeEndArray();
  }

  private static void number(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }

  /** Writes settings and statistics values of any type: JSON's own types as such, anything else as its text. */
  private static void value(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Integer i -> g.writeNumber(i);
      case Long l -> g.writeNumber(l);
      case Short s -> g.writeNumber(s);
      case Byte b -> g.writeNumber(b);
      case BigInteger b -> g.writeNumber(b);
      case BigDecimal b -> g.writeNumber(b);
      case Number n -> number(g, n.doubleValue());
      case Map<?, ?> map -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          value(g, e.getValue());
        }
        g.writeEndObject();
      }
      case Iterable<?> items -> {
        g.writeStartArray();
        for (Object item : items) {
          value(g, item);
        }
        g.writeEndArray();
      }
      case int[] items -> value(g, Arrays.stream(items).boxed().toList());
      case long[] items -> value(g, Arrays.stream(items).boxed().toList());
      case double[] items -> value(g, Arrays.stream(items).boxed().toList());
      case Object[] items -> value(g, Arrays.asList(items));
      default -> g.writeString(v.toString());
    }
  }
}
