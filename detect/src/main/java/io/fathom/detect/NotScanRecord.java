package io.fathom.detect;

/**
 * Traffic that is not scanning, labelled with why (listed with {@code --not-scans}), aggregated per source
 * and reason.
 *
 * @param src the source address
 * @param reason {@code backscatter}, {@code connection} (a source's own TCP connections), {@code spoofed-flood},
 *     {@code dns-reply}, {@code retransmission},
 *     {@code spoofed-source} (CAIDA's rules: src .0/.255, src == dst, port 0, fragments) or {@code below-threshold}
 * @param packets packets of this source with this reason
 * @param startNanos first packet
 * @param endNanos last packet
 */
public record NotScanRecord(int src, String reason, long packets, long startNanos, long endNanos) {}
