/**
 * Campaigns: sources that scan together, splitting one target space (ZMap shards, botnets), grouped by
 * {@link io.fathom.detect.campaign.CampaignGrouper} from their tool, ports, time and target sketches, with the
 * literature's distribution axis ({@link io.fathom.detect.campaign.Distribution}).
 */
package io.fathom.detect.campaign;
