package io.fathom.targets;

import io.fathom.common.UsageException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * masscan's BlackRock idea: a keyed block cipher over the domain [0, size), used to shuffle the plain counting
 * order 0, 1, 2, ...
 *
 * <p>The domain is widened to [0, a*b) with a ~ b ~ sqrt(size) and a*b >= size, and a number x there is split into
 * two halves u = x mod a, v = x div a (Black and Rogaway's generalized Feistel cipher for arbitrary domains). Each
 * round maps (u in Z_m, v in Z_n) to (v, (u + F_j(v)) mod m), which lands in Z_n x Z_m, so the two moduli trade
 * places every round. A round is undone by u = (new v - F_j(new u)) mod m, so the whole network is a bijection on
 * [0, a*b) whatever the round function F_j is; here F_j hashes v with the round key j and scales the hash into
 * [0, m) with a high multiply (no division). After the last round the halves are joined back as u + m*v.
 *
 * <p>Cycle walking turns that into a bijection on [0, size): if the image lies outside, encrypt again, and again.
 * The orbit of x under a permutation returns to x, and x itself is inside, so the first inside point is reached;
 * distinct inputs cannot reach the same one. Since a*b < size + a, walks longer than one step are rare.
 *
 * <p>Shard s of n shuffles the inputs s, s + n, s + 2n, ...: a partition of [0, size). Keys come from the seed
 * through SplitMix64; masscan's default of 14 rounds is ours too.
 */
public final class BlackRockOrder extends SeededOrder {
  public static final int DEFAULT_ROUNDS = 14;
  private static final int MAX_ROUNDS = 64;
  private static final long MIX_1 = 0x9E3779B97F4A7C15L;
  private static final long MIX_2 = 0xD6E8FEB86659FD93L;

  private final long a;
  private final long b;
  private final long[] keys;
  private final long finalLowModulus; // the modulus of u after the last round: a when rounds is even, else b
  private final long finalHighModulus;

  private BlackRockOrder(long size, long seed, long a, long b, long[] keys) {
    super("blackrock", size, seed);
    this.a = a;
    this.b = b;
    this.keys = keys;
    this.finalLowModulus = keys.length % 2 == 0 ? a : b;
    this.finalHighModulus = keys.length % 2 == 0 ? b : a;
  }

  /** The order for {@code size} targets under {@code seed}, with {@value #DEFAULT_ROUNDS} rounds. */
  public static BlackRockOrder create(long size, long seed) {
    return create(size, seed, DEFAULT_ROUNDS);
  }

  /**
   * The order for {@code size} targets under {@code seed} with the given number of Feistel rounds (1-64).
   *
   * @throws UsageException when size is 0 or beyond 2^62, or rounds is outside 1-64
   */
  public static BlackRockOrder create(long size, long seed, int rounds) {
    Shards.checkSize(size);
    if (rounds < 1 || rounds > MAX_ROUNDS) {
      throw new UsageException("invalid BlackRock rounds " + rounds + ": must be 1-" + MAX_ROUNDS);
    }
    // At least 2 on each side: a side of 1 would leave the cipher a mere rotation of the other side.
    long a = Math.max(2, floorSqrt(size));
    long b = Math.max(2, (size + a - 1) / a);
    SplitMix64 random = new SplitMix64(seed);
    long[] keys = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      keys[i] = random.nextLong();
    }
    return new BlackRockOrder(size, seed, a, b, keys);
  }

  private static long floorSqrt(long n) {
    long r = (long) Math.sqrt((double) n);
    while (r * r > n) {
      r--;
    }
    while ((r + 1) * (r + 1) <= n) {
      r++;
    }
    return r;
  }

  /** The image of {@code index} under the permutation of [0, size). */
  public long shuffle(long index) {
    checkIndex(index);
    return shuffleUnchecked(index);
  }

  /** The inverse of {@link #shuffle}: the input that shuffles to {@code index}. */
  public long unshuffle(long index) {
    checkIndex(index);
    long x = decrypt(index);
    while (x >= size) {
      x = decrypt(x);
    }
    return x;
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
    }
  }

  private long shuffleUnchecked(long index) {
    long x = encrypt(index);
    while (x >= size) {
      x = encrypt(x);
    }
    return x;
  }

  private long encrypt(long x) {
    long lowModulus = a;
    long highModulus = b;
    long u = x % a;
    long v = x / a;
    for (long key : keys) {
      long mixed = u + round(v, key, lowModulus);
      u = v;
      v = mixed >= lowModulus ? mixed - lowModulus : mixed;
      long swap = lowModulus;
      lowModulus = highModulus;
      highModulus = swap;
    }
    return u + lowModulus * v;
  }

  private long decrypt(long y) {
    long lowModulus = finalLowModulus;
    long highModulus = finalHighModulus;
    long u = y % lowModulus;
    long v = y / lowModulus;
    for (int j = keys.length - 1; j >= 0; j--) {
      long unmixed = v - round(u, keys[j], highModulus);
      v = u;
      u = unmixed < 0 ? unmixed + highModulus : unmixed;
      long swap = lowModulus;
      lowModulus = highModulus;
      highModulus = swap;
    }
    return u + lowModulus * v;
  }

  /** The round function: a hash of (value, key) scaled into [0, modulus) by the high half of a product. */
  private static long round(long value, long key, long modulus) {
    long h = (value ^ key) * MIX_1;
    h = (h ^ (h >>> 32)) * MIX_2;
    return Math.unsignedMultiplyHigh(h, modulus);
  }

  public int rounds() {
    return keys.length;
  }

  @Override
  ShardCursor checkedCursor(int shard, int shards) {
    return new Cursor(shard, shards);
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("rounds", keys.length);
    parameters.put("a", a);
    parameters.put("b", b);
    return Collections.unmodifiableMap(parameters);
  }

  @Override
  public String toString() {
    return "blackrock(size=" + size + ", rounds=" + keys.length + ", a=" + a + ", b=" + b + ")";
  }

  /** Shuffles the inputs shard, shard + shards, ... below size; position is the number of indices returned. */
  private final class Cursor extends StridedCursor {
    private long input;

    Cursor(int shard, int shards) {
      super(shard, shards, size);
      seek(0);
    }

    @Override
    public long next() {
      if (step >= steps) {
        return -1;
      }
      long index = shuffleUnchecked(input);
      input += shards;
      step++;
      return index;
    }

    @Override
    void startAt(long input) {
      this.input = input;
    }

    /** Exact. */
    @Override
    public long expectedCount() {
      return steps;
    }
  }
}
