package io.fathom.detect.fingerprint;

import io.fathom.detect.PacketView;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts, per rule, the probes that followed it. A subclass tests one probe, against the one before it for rules
 * that relate two probes ({@link PreviousProbe}), and returns a bit per rule that held; the first {@code required}
 * rules decide a match, the others are reported as evidence only. A tracker holds counts only: the previous probe
 * is the caller's (the fingerprint observer's, shared by its trackers), or, given probes one by one through
 * {@link #observe}, its own.
 */
abstract class RuleTracker implements ToolFingerprint.Tracker {
  /** Returned by {@link #test} for a probe that only primes the state (the first of a pair rule). */
  static final int NOT_TESTED = -1;

  /**
   * Hops a probe may have crossed before the observer saw it, so a TTL sent as {@code t} is accepted from
   * {@code t - 32} to {@code t} (Internet paths are rarely longer than 30 hops; in the lab nothing is lost).
   */
  static final int MAX_HOPS = 32;

  /** {@link PacketView#tcpOptionKinds} of a lone MSS option. */
  static final long MSS_ONLY = 0x02L;

  /** Windows 10/11 SYN options: MSS, NOP, window scale, NOP, NOP, SACK-permitted (first in the lowest byte). */
  static final long WINDOWS_OPTIONS = 0x04_01_01_03_01_02L;

  static final String PER_PROBE = "SYN probes";
  static final String PER_PAIR = "SYN probes (each against the one before)";

  private final String unit;
  private final String[] rules;
  private final int[] held;
  private final int requiredMask;
  private int tested;
  private int matched;
  /** The previous probe when given probes through {@link #observe}: made on the first. */
  private PreviousProbe previous;

  RuleTracker(String unit, int required, String... rules) {
    this.unit = unit;
    this.rules = rules;
    this.held = new int[rules.length];
    this.requiredMask = (1 << required) - 1;
  }

  /**
   * Bit {@code i} set when rule {@code i} held for this probe, or {@link #NOT_TESTED}; {@code previous} is the
   * episode's SYN probe before this one (not primed for its first). Reads no state of the tracker.
   */
  abstract int test(PacketView probe, PreviousProbe previous);

  @Override
  public final void observe(PacketView probe) {
    if (previous == null) {
      previous = new PreviousProbe();
    }
    count(test(probe, previous));
    previous.remember(probe);
  }

  /** Counts one probe's rule bits, as {@link #test} gave them. */
  final void count(int bits) {
    if (bits != NOT_TESTED) {
      count(bits, 1);
    }
  }

  /** Counts {@code times} tested probes that gave the same rule bits. */
  final void count(int bits, int times) {
    tested += times;
    for (int rest = bits; rest != 0; rest &= rest - 1) { // usually none: most tools' rules do not hold
      held[Integer.numberOfTrailingZeros(rest)] += times;
    }
    if ((bits & requiredMask) == requiredMask) {
      matched += times;
    }
  }

  /** The number of rules (a bit each in {@link #test}'s result). */
  final int rules() {
    return rules.length;
  }

  /** An estimate of this tracker's bytes: the object with a subclass's few fields, and its per-rule counts. */
  final long bytes() {
    return 64 + 16 + 4L * held.length + (previous == null ? 0 : 40);
  }

  @Override
  public final int tested() {
    return tested;
  }

  @Override
  public final int matched() {
    return matched;
  }

  @Override
  public final List<String> evidence() {
    List<String> lines = new ArrayList<>(rules.length + 1);
    lines.add("every required rule in " + matched + " of " + tested + " " + unit);
    for (int i = 0; i < rules.length; i++) {
      String note = (requiredMask >>> i & 1) == 0 ? " (not required)" : "";
      lines.add(rules[i] + " in " + held[i] + " of " + tested + " " + unit + note);
    }
    return List.copyOf(lines);
  }

  // The rule tests below give 1 or 0 by arithmetic, with no branch: a scanner's probes are interleaved with other
  // tools', so whether a rule holds changes from one probe to the next, and a compiled branch would be mispredicted
  // often (or, never taken while the JIT profiled it, compiled as a trap that recompiles the observer's callers).

  /** 1 when {@code a == b}, else 0. */
  static int is(int a, int b) {
    int x = a ^ b;
    return ~(x | -x) >>> 31; // the sign bit of x | -x is set unless x is zero
  }

  /** 1 when {@code a == b}, else 0. */
  static int is(long a, long b) {
    long x = a ^ b;
    return (int) (~(x | -x) >>> 63);
  }

  /** 1 when {@code low <= value <= high}, else 0. */
  static int within(int value, int low, int high) {
    return (int) ((((long) value - low) | ((long) high - value)) >>> 63) ^ 1; // a negative difference: outside
  }

  /** 1 when a TTL seen at the observer could have been sent as a value in {@code [low, high]}, else 0. */
  static int ttlSentIn(int observed, int low, int high) {
    return within(observed, low - MAX_HOPS, high);
  }

  /** 1 for a lone MSS option of the given size, else 0. */
  static int mssOnly(PacketView probe, int mss) {
    return is(probe.tcpOptionKinds, MSS_ONLY) & is(probe.mss, mss);
  }
}
