package io.fathom.detect.campaign;

import io.fathom.common.Ipv4;
import io.fathom.detect.ScanRecord;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/** Scan records for tests, with bottom-k target sketches built the way a detector would build them. */
public final class TestScans {
  public static final long T0 = 1_700_000_000_000_000_000L;
  public static final long SECOND = 1_000_000_000L;

  private TestScans() {}

  /** A horizontal scan of {@code targets} from {@code src}, over the given seconds after {@link #T0}. */
  public static ScanRecord scan(String src, String tool, int[] ports, int[] sketch, long targets, long startS,
      long endS) {
    return new ScanRecord(Ipv4.parse(src), "tcp", ports, targets, targets * ports.length, "horizontal",
        ports.length == 1 ? "single" : "strobe", tool, null, tool.equals("unknown") ? 0 : 0.9, List.of(),
        T0 + startS * SECOND, T0 + endS * SECOND, 1000, List.of("durumeric2014"), sketch, null, null, null, null);
  }

  /**
   * A below-threshold candidate (no definition) of {@code targets} from {@code src} on UDP {@code ports}, at
   * {@code ratePps}, over the given seconds after {@link #T0}.
   */
  public static ScanRecord candidate(String src, int[] ports, int[] sketch, long targets, double ratePps,
      long startS, long endS) {
    return new ScanRecord(Ipv4.parse(src), "udp", ports, targets, targets * ports.length, "horizontal",
        ports.length == 1 ? "single" : "strobe", "unknown", null, 0, List.of(), T0 + startS * SECOND,
        T0 + endS * SECOND, ratePps, List.of(), sketch, null, null, null, null);
  }

  /** The same record with another protocol and shape. */
  public static ScanRecord reshape(ScanRecord s, String proto, String shape) {
    return new ScanRecord(s.src(), proto, s.ports(), s.targets(), s.packets(), shape, s.portsScope(), s.tool(),
        s.toolVersion(), s.confidence(), s.evidence(), s.startNanos(), s.endNanos(), s.ratePps(), s.definitions(),
        s.targetSketch(), s.coverage(), s.internetRatePps(), s.campaign(), s.entity());
  }

  /** The destinations of {@code space} (a /16 base and its 65,536 addresses) kept by {@code keep}, bottom-k. */
  public static int[] sketch(String slash16, IntPredicate keep, int k) {
    int base = Ipv4.parse(slash16);
    long[] keyed = new long[65_536];
    int n = 0;
    for (int i = 0; i < 65_536; i++) {
      int address = base + i;
      if (keep.test(address)) {
        keyed[n++] = (hash(address) << 32) | (address & 0xFFFF_FFFFL);
      }
    }
    long[] sorted = Arrays.copyOf(keyed, n);
    Arrays.sort(sorted);
    return Arrays.stream(sorted).limit(k).mapToInt(v -> (int) v).toArray();
  }

  /** A 31-bit mix of the address (the sketch's hash, shared by every source). */
  static long hash(int address) {
    long h = (address & 0xFFFF_FFFFL) * 0x9E37_79B9_7F4A_7C15L;
    h ^= h >>> 29;
    h *= 0xBF58_476D_1CE4_E5B9L;
    return (h >>> 33) & 0x7FFF_FFFFL;
  }
}
