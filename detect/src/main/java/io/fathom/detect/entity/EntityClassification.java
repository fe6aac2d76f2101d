package io.fathom.detect.entity;

import io.fathom.detect.EntityRecord;
import io.fathom.detect.ScanRecord;
import java.util.List;

/** The entities found, and the scans in their input order with their entity name set. */
public record EntityClassification(List<EntityRecord> entities, List<ScanRecord> scans) {}
