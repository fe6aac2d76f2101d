package io.fathom.detect;

import java.util.List;

/**
 * Sources that scan together: a shared fingerprint, ports and time, splitting one target space (ZMap shards,
 * botnets).
 *
 * @param id stable id derived from its members (e.g. {@code c-} and a hash)
 * @param sources member addresses, ascending
 * @param tool the shared tool, or {@code unknown}
 * @param ports the shared ports
 * @param distribution {@code single/local} (one host or one /24) or {@code wide/global}
 * @param evidence why these sources were grouped
 */
public record CampaignRecord(String id, int[] sources, String tool, int[] ports, long startNanos, long endNanos,
    String distribution, List<String> evidence) {}
