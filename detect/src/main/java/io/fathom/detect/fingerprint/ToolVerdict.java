package io.fathom.detect.fingerprint;

import java.util.List;

/**
 * Which tool made a scan, how sure the fingerprint is, and the tests that matched.
 *
 * @param tool e.g. {@code zmap}, {@code masscan}, {@code nmap}, {@code mirai}, {@code unicornscan},
 *     {@code hping3}, {@code fathom}, or {@code unknown}
 * @param version the version (range) the fingerprint identifies, e.g. {@code <=4.0}, or null
 * @param fingerprint the fingerprint's own id and version, e.g. {@code zmap-ipid/1}, or null for unknown
 * @param confidence 0 to 1
 * @param evidence what matched, as short sentences with figures ("IP ID 54321 in 1000 of 1000 probes")
 */
public record ToolVerdict(String tool, String version, String fingerprint, double confidence, List<String> evidence) {
  public static final ToolVerdict UNKNOWN = new ToolVerdict("unknown", null, null, 0, List.of());
}
