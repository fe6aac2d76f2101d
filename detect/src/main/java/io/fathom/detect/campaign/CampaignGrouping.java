package io.fathom.detect.campaign;

import io.fathom.detect.CampaignRecord;
import io.fathom.detect.ScanRecord;
import java.util.List;

/**
 * The result of grouping: the campaigns, and the scans in their input order with their campaign id set (null for
 * scans in no campaign), followed by the candidates promoted to scans as members of distributed campaigns.
 *
 * @param promoted the promoted candidates alone (also at the end of {@code scans}); the others stay not-scans
 */
public record CampaignGrouping(List<CampaignRecord> campaigns, List<ScanRecord> scans, List<ScanRecord> promoted) {}
