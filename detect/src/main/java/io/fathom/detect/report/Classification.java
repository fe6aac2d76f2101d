package io.fathom.detect.report;

import io.fathom.detect.EntityRecord;
import java.util.List;

/** Reads an entity's classification axes, treating a missing or blank axis as {@code unknown}. */
final class Classification {
  static final EntityRecord.Axis UNKNOWN = new EntityRecord.Axis("unknown", "none", List.of());

  private Classification() {}

  static EntityRecord.Axis axis(EntityRecord entity, String name) {
    EntityRecord.Axis axis = entity.axes() == null ? null : entity.axes().get(name);
    if (axis == null || axis.value() == null || axis.value().isBlank()) {
      return UNKNOWN;
    }
    return axis;
  }

  static String source(EntityRecord.Axis axis) {
    return axis.source() == null ? "none" : axis.source();
  }

  static List<String> evidence(EntityRecord.Axis axis) {
    return axis.evidence() == null ? List.of() : axis.evidence();
  }
}
