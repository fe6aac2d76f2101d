package io.fathom.engine.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.common.UsageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextSinkTest {
  private static Finding finding() {
    Finding f = new Finding();
    f.ip = 0xC6120507;
    f.port = 443;
    f.status = "open";
    f.ttl = 64;
    f.timestampNanos = 1_795_550_103_000_001_000L;
    f.scanId = "00000000deadbeef";
    f.ipId = 7;
    f.window = 65535;
    f.sourcePort = 40001;
    return f;
  }

  private static String write(TextSink.Format format, String fields, boolean header) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TextSink sink = new TextSink(format, fields == null ? OutputField.DEFAULT_JSON : OutputField.parseList(fields),
        out, header, true)) {
      sink.write(finding());
      sink.write(finding());
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void jsonLinesParseWithTheRequiredFields() throws Exception {
    String text = write(TextSink.Format.JSON, null, true);
    String[] lines = text.split("\n");
    assertThat(lines).hasSize(2);
    JsonNode n = new ObjectMapper().readTree(lines[0]);
    assertThat(n.get("ip").asText()).isEqualTo("198.18.5.7");
    assertThat(n.get("port").asInt()).isEqualTo(443);
    assertThat(n.get("proto").asText()).isEqualTo("tcp");
    assertThat(n.get("status").asText()).isEqualTo("open");
    assertThat(n.get("ttl").asInt()).isEqualTo(64);
    assertThat(n.get("ts").asText()).isEqualTo("2026-11-24T19:55:03.000001Z");
    assertThat(n.get("scan").asText()).isEqualTo("00000000deadbeef");
  }

  @Test
  void csvHasAHeaderUnlessAppending() throws Exception {
    assertThat(write(TextSink.Format.CSV, "ip,port,ttl,ipid,window,sport", true))
        .isEqualTo("ip,port,ttl,ipid,window,sport\n198.18.5.7,443,64,7,65535,40001\n198.18.5.7,443,64,7,65535,40001\n");
    assertThat(write(TextSink.Format.CSV, "ip,port", false)).isEqualTo("198.18.5.7,443\n198.18.5.7,443\n");
  }

  @Test
  void listIsSpaceSeparated() throws Exception {
    assertThat(write(TextSink.Format.LIST, "ip,port", true)).isEqualTo("198.18.5.7 443\n198.18.5.7 443\n");
  }

  @Test
  void unknownOrRepeatedFieldsAreUsageErrors() {
    assertThatThrownBy(() -> OutputField.parseList("ip,nope")).isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown output field 'nope'");
    assertThatThrownBy(() -> OutputField.parseList("ip,ip")).isInstanceOf(UsageException.class);
  }
}
