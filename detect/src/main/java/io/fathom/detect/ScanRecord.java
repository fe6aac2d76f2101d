package io.fathom.detect;

import java.util.List;

/**
 * One scan: one source and one scan episode, covering all its ports and targets.
 *
 * @param src the scanning source address
 * @param proto {@code tcp}, {@code udp} or {@code icmp}
 * @param ports the destination ports probed, ascending (empty for ICMP)
 * @param targets distinct destination addresses
 * @param packets packets of this episode
 * @param shape {@code horizontal} (one port, many hosts), {@code vertical} (one host, many ports) or {@code block}
 * @param portsScope {@code single}, {@code strobe} (a selected set of 2 to 32 ports), {@code vanilla} (every port)
 *     or {@code range} (otherwise)
 * @param tool the tool's name, or {@code unknown}
 * @param toolVersion the tool version or version range the fingerprint matched (e.g. {@code <=4.0}), or null
 * @param confidence of the tool attribution, 0 to 1
 * @param evidence the fingerprint tests that matched, as short sentences
 * @param startNanos first packet, nanoseconds since the epoch
 * @param endNanos last packet
 * @param ratePps packets per second over the episode
 * @param definitions the published scan definitions the source met, e.g. {@code durumeric2014}, {@code zeek}, or
 *     {@code distributed} for a member of a slow distributed scan found only through its campaign
 * @param targetSketch a bounded, order-independent sample of destination addresses (the smallest hashes), for
 *     telling whether sources split one target space
 * @param coverage the fraction of IPv4 the scan would cover, extrapolated from a telescope, or null
 * @param internetRatePps the Internet-wide packet rate extrapolated from a telescope, or null
 * @param campaign the campaign id, or null
 * @param entity the scanning entity's name, or null
 */
public record ScanRecord(
    int src,
    String proto,
    int[] ports,
    long targets,
    long packets,
    String shape,
    String portsScope,
    String tool,
    String toolVersion,
    double confidence,
    List<String> evidence,
    long startNanos,
    long endNanos,
    double ratePps,
    List<String> definitions,
    int[] targetSketch,
    Double coverage,
    Double internetRatePps,
    String campaign,
    String entity) {

  public ScanRecord withCampaign(String id) {
    return new ScanRecord(src, proto, ports, targets, packets, shape, portsScope, tool, toolVersion, confidence,
        evidence, startNanos, endNanos, ratePps, definitions, targetSketch, coverage, internetRatePps, id, entity);
  }

  public ScanRecord withEntity(String name) {
    return new ScanRecord(src, proto, ports, targets, packets, shape, portsScope, tool, toolVersion, confidence,
        evidence, startNanos, endNanos, ratePps, definitions, targetSketch, coverage, internetRatePps, campaign, name);
  }
}
