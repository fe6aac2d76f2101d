package io.fathom.detect.campaign;

import io.fathom.detect.CampaignRecord;
import io.fathom.detect.ScanRecord;
import java.util.List;

/**
 * The result of grouping: the campaigns, and the scans in their input order with their campaign id set (null for
 * scans in no campaign).
 */
public record CampaignGrouping(List<CampaignRecord> campaigns, List<ScanRecord> scans) {}
