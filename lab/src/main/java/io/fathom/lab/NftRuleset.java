package io.fathom.lab;

import io.fathom.common.Ipv4;

/**
 * The target namespace's nftables ruleset (one {@code nft -f} file): per-pair TCP verdicts from the ground truth,
 * and an early drop of the dark prefix.
 */
final class NftRuleset {
  static final String TABLE = "fathomlab";
  private static final int ELEMENTS_PER_LINE = 8;

  private NftRuleset() {}

  static String build(GroundTruth truth) {
    String live = LabAddresses.cidr(LabAddresses.LIVE_SUPERNET, LabAddresses.LIVE_SUPERNET_LENGTH);
    String dark = LabAddresses.cidr(LabAddresses.DARK_PREFIX, LabAddresses.DARK_PREFIX_LENGTH);
    String link = LabAddresses.cidr(LabAddresses.LINK_NETWORK, LabAddresses.LINK_LENGTH);
    StringBuilder nft = new StringBuilder(64 * 1024);
    // Deleting a table that does not exist fails, so declare it first: the file then replaces any earlier copy.
    nft.append("table inet ").append(TABLE).append(" {}\n");
    nft.append("delete table inet ").append(TABLE).append("\n");
    nft.append("table inet ").append(TABLE).append(" {\n");
    appendSet(nft, "open", truth.openKeys());
    appendSet(nft, "closed", truth.closedKeys());
    nft.append("""
          # The dark prefix: nothing lives there; drop it before routing so nothing ever answers.
          chain prerouting {
            type filter hook prerouting priority raw; policy accept;
            ip daddr %2$s ip daddr != %3$s counter drop
          }
          chain input {
            type filter hook input priority filter; policy accept;
            ip daddr . tcp dport @open counter accept
            ip daddr . tcp dport @closed counter reject with tcp reset
            ip daddr %1$s meta l4proto tcp counter drop
            # UDP and ICMP are not modelled yet: the kernel answers them as usual (ICMP echo replies,
            # port unreachable for UDP). Per-pair UDP verdicts belong here, as sets like the TCP ones above.
          }
        }
        """.formatted(live, dark, link));
    return nft.toString();
  }

  private static void appendSet(StringBuilder nft, String name, long[] keys) {
    nft.append("  set ").append(name).append(" {\n");
    nft.append("    type ipv4_addr . inet_service\n");
    if (keys.length > 0) {
      nft.append("    elements = {");
      for (int i = 0; i < keys.length; i++) {
        nft.append(i % ELEMENTS_PER_LINE == 0 ? "\n      " : " ");
        nft.append(Ipv4.format(GroundTruth.keyAddress(keys[i]))).append(" . ").append(GroundTruth.keyPort(keys[i]));
        if (i < keys.length - 1) {
          nft.append(',');
        }
      }
      nft.append("\n    }\n");
    }
    nft.append("  }\n");
  }
}
