package io.fathom.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which (address, port) pairs of a lab's live prefix are OPEN, CLOSED or DARK: the answer key that scan results
 * are checked against.
 *
 * <p>The state of a pair is a pure function of the seed, so a lab can be rebuilt identically anywhere:
 *
 * <pre>
 *   key  = (address as unsigned) << 16 | port
 *   h    = mix(mix(seed) ^ (key * 0x9E3779B97F4A7C15))     // mix = SplitMix64's finaliser
 *   roll = h mod 1000 (unsigned)
 *   OPEN if roll < openPerMille, CLOSED if roll < openPerMille + closedPerMille, otherwise DARK
 * </pre>
 *
 * Multiplying the key by the odd golden-ratio constant spreads neighbouring keys apart before the finaliser, and
 * hashing the seed first means nearby seeds give unrelated labs. Pairs outside the prefix or the port list are DARK.
 */
public final class GroundTruth {
  /** What a target does with a TCP SYN. */
  public enum State {
    /** Answers SYN-ACK. */
    OPEN,
    /** Answers RST. */
    CLOSED,
    /** Answers nothing. */
    DARK
  }

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final long seed;
  private final int prefixAddress;
  private final int prefixLength;
  private final int[] ports;
  private final int openPerMille;
  private final int closedPerMille;
  private final long[] openKeys;
  private final long[] closedKeys;

  GroundTruth(
      long seed,
      int prefixAddress,
      int prefixLength,
      int[] ports,
      int openPerMille,
      int closedPerMille,
      long[] openKeys,
      long[] closedKeys) {
    this.seed = seed;
    this.prefixAddress = prefixAddress;
    this.prefixLength = prefixLength;
    this.ports = ports.clone();
    this.openPerMille = openPerMille;
    this.closedPerMille = closedPerMille;
    this.openKeys = openKeys.clone();
    this.closedKeys = closedKeys.clone();
    Arrays.sort(this.openKeys);
    Arrays.sort(this.closedKeys);
  }

  /** Decides every pair of the prefix and ports (validated like {@link LabConfig}). */
  public static GroundTruth generate(
      long seed, int prefixAddress, int prefixLength, int[] ports, int openPerMille, int closedPerMille) {
    LabConfig valid =
        new LabConfig(LabConfig.DEFAULT_NAME, seed, prefixAddress, prefixLength, ports, openPerMille, closedPerMille);
    return generate(valid);
  }

  public static GroundTruth generate(LabConfig config) {
    int[] ports = config.ports();
    long size = Prefixes.size(config.prefixLength());
    KeyList open = new KeyList();
    KeyList closed = new KeyList();
    for (long offset = 0; offset < size; offset++) {
      int address = config.prefixAddress() + (int) offset;
      for (int port : ports) {
        State state = decide(config.seed(), address, port, config.openPerMille(), config.closedPerMille());
        if (state == State.OPEN) {
          open.add(key(address, port));
        } else if (state == State.CLOSED) {
          closed.add(key(address, port));
        }
      }
    }
    return new GroundTruth(
        config.seed(),
        config.prefixAddress(),
        config.prefixLength(),
        ports,
        config.openPerMille(),
        config.closedPerMille(),
        open.toArray(),
        closed.toArray());
  }

  /** The rule in the class comment, for one pair. */
  static State decide(long seed, int address, int port, int openPerMille, int closedPerMille) {
    long hash = mix(mix(seed) ^ (key(address, port) * GOLDEN_GAMMA));
    long roll = Long.remainderUnsigned(hash, 1000);
    if (roll < openPerMille) {
      return State.OPEN;
    }
    return roll < openPerMille + closedPerMille ? State.CLOSED : State.DARK;
  }

  /** SplitMix64's output function (Stafford's variant 13): a bijection on longs with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The sort key of a pair: the unsigned address in the high bits, the port in the low 16. */
  public static long key(int address, int port) {
    return (address & 0xFFFF_FFFFL) << 16 | port;
  }

  public static int keyAddress(long key) {
    return (int) (key >>> 16);
  }

  public static int keyPort(long key) {
    return (int) (key & 0xFFFF);
  }

  public State state(int address, int port) {
    long key = key(address, port);
    if (Arrays.binarySearch(openKeys, key) >= 0) {
      return State.OPEN;
    }
    return Arrays.binarySearch(closedKeys, key) >= 0 ? State.CLOSED : State.DARK;
  }

  /** How many pairs of the prefix and ports are in this state. */
  public long count(State state) {
    return switch (state) {
      case OPEN -> openKeys.length;
      case CLOSED -> closedKeys.length;
      case DARK -> Prefixes.size(prefixLength) * ports.length - openKeys.length - closedKeys.length;
    };
  }

  /** Sorted keys ({@link #key}) of the OPEN pairs. */
  public long[] openKeys() {
    return openKeys.clone();
  }

  /** Sorted keys ({@link #key}) of the CLOSED pairs. */
  public long[] closedKeys() {
    return closedKeys.clone();
  }

  /** Ports with at least one OPEN address, ascending: the ports a listener must serve. */
  public int[] openPorts() {
    return Arrays.stream(openKeys).mapToInt(GroundTruth::keyPort).sorted().distinct().toArray();
  }

  public long seed() {
    return seed;
  }

  public int prefixAddress() {
    return prefixAddress;
  }

  public int prefixLength() {
    return prefixLength;
  }

  public int[] ports() {
    return ports.clone();
  }

  public int openPerMille() {
    return openPerMille;
  }

  public int closedPerMille() {
    return closedPerMille;
  }

  /** Writes the CSV form read by {@link #read}: header comments, then OPEN and CLOSED pairs in key order. */
  public void write(Path csv) {
    try {
      GroundTruthFile.write(this, csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ground truth " + csv + ": " + e.getMessage(), e);
    }
  }

  public static GroundTruth read(Path csv) {
    try {
      return GroundTruthFile.read(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ground truth " + csv + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroundTruth g
        && seed == g.seed
        && prefixAddress == g.prefixAddress
        && prefixLength == g.prefixLength
        && Arrays.equals(ports, g.ports)
        && openPerMille == g.openPerMille
        && closedPerMille == g.closedPerMille
        && Arrays.equals(openKeys, g.openKeys)
        && Arrays.equals(closedKeys, g.closedKeys);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seed) * 31 + Arrays.hashCode(openKeys) * 17 + Arrays.hashCode(closedKeys);
  }

  @Override
  public String toString() {
    return "GroundTruth[seed=" + seed + ", prefix=" + LabAddresses.cidr(prefixAddress, prefixLength) + ", ports="
        + Arrays.toString(ports) + ", open=" + openKeys.length + ", closed=" + closedKeys.length + "]";
  }

  /** A growable long array, so a /16 does not box a quarter of a million keys. */
  private static final class KeyList {
    private long[] keys = new long[1024];
    private int size;

    void add(long key) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = key;
    }

    long[] toArray() {
      return Arrays.copyOf(keys, size);
    }
  }
}
