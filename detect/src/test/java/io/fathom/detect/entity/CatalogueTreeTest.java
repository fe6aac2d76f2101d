package io.fathom.detect.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The catalogue's tree, built from the streaming parser, is the tree Jackson's {@code ObjectMapper} reads. */
class CatalogueTreeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theBuiltInCatalogueAndEdgeCasesReadAsObjectMapperReadsThem() throws IOException {
    String builtIn;
    try (InputStream in = EntityCatalogue.class.getResourceAsStream(EntityCatalogue.BUILT_IN)) {
      builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] documents = {builtIn, "", "   ", "{}", "[]", "null", "true", "false", "\"text\"", "42",
        "{\"int\": 7, \"long\": 12345678901, \"big\": 123456789012345678901234567890, \"negative\": -3,"
            + " \"float\": 1.5e-3, \"zero\": 0.0, \"t\": true, \"f\": false, \"n\": null,"
            + " \"text\": \"a\\u00e9\\n\\\"b\\\"\", \"nested\": {\"list\": [1, [2, [3, {}]], \"x\", null]}}",
        "{\"dup\": 1, \"dup\": 2}", "{\"a\": 1} {\"trailing\": true}", "[{\"a\": []}, {}, [[]]]"};
    for (String document : documents) {
      assertThat(CatalogueReader.tree("t", document)).as(document.length() > 80 ? "built-in" : document)
          .isEqualTo(MAPPER.readTree(document));
    }
    assertThat(CatalogueReader.tree("t", builtIn).path("entities").size()).isGreaterThan(10);
  }

  @Test
  void brokenJsonIsOneLineNamingWhere() {
    for (String broken : new String[] {"{\"a\": ", "[1, 2", "{\"a\" 1}", "{\"a\": tru}", "]"}) {
      assertThatThrownBy(() -> CatalogueReader.tree("bad.json", broken)).as(broken)
          .isInstanceOf(UsageException.class)
          .hasMessageStartingWith("bad.json: invalid JSON at line 1, column ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }
}
