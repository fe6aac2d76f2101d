package io.fathom.targets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZMap's order: a walk around the multiplicative group of integers modulo a prime.
 *
 * <p>For a prime p, the nonzero residues 1..p-1 form a cyclic group under multiplication mod p, of order p - 1. A
 * generator (primitive root) g has powers g^0, g^1, ..., g^(p-2) that run through every element exactly once. The
 * order of any g divides p - 1, and falls short of p - 1 exactly when it divides (p - 1)/q for some prime factor q
 * of p - 1; so g generates the group iff {@code g^((p-1)/q) != 1} for every such q. We factor p - 1 once and try
 * random candidates until one passes (a good fraction of all residues are generators).
 *
 * <p>The walk visits {@code x_k = start * g^k mod p}; element e stands for target index e - 1, and elements with
 * e - 1 >= size are stepped over. p is the smallest prime of {@link PrimeLadder} above size, so fewer than half
 * of the steps are wasted. Shard s of n takes the exponents k = s, s + n, s + 2n, ... below p - 1: residue
 * classes modulo n, hence disjoint shards that together cover every exponent once, at one multiplication by the
 * constant g^n per step. That product is a Montgomery reduction (three 64-bit multiplications, see
 * {@link MontgomeryModulus}), with g^n held in Montgomery form so that x stays a plain residue.
 *
 * <p>The seed (through SplitMix64) picks g and start; p depends only on the size.
 */
public final class CyclicGroupOrder extends SeededOrder {
  private final long prime;
  private final long generator;
  private final long start;
  private final MontgomeryModulus modulus;

  private CyclicGroupOrder(long size, long seed, long prime, long generator, long start, MontgomeryModulus modulus) {
    super("cyclic", size, seed);
    this.prime = prime;
    this.generator = generator;
    this.start = start;
    this.modulus = modulus;
  }

  /**
   * The order for {@code size} targets under {@code seed}.
   *
   * @throws io.fathom.common.UsageException when size is 0 or beyond 2^62
   */
  public static CyclicGroupOrder create(long size, long seed) {
    Shards.checkSize(size);
    long prime = PrimeLadder.smallestAbove(size);
    MontgomeryModulus modulus = new MontgomeryModulus(prime);
    long[] factors = PrimeFactors.distinct(prime - 1);
    SplitMix64 random = new SplitMix64(seed);
    long generator;
    do {
      generator = 2 + random.nextBelow(prime - 2);
    } while (!isPrimitiveRoot(modulus, generator, factors));
    long start = 1 + random.nextBelow(prime - 1);
    return new CyclicGroupOrder(size, seed, prime, generator, start, modulus);
  }

  static boolean isPrimitiveRoot(MontgomeryModulus modulus, long candidate, long[] primeFactorsOfOrder) {
    long order = modulus.modulus() - 1;
    for (long q : primeFactorsOfOrder) {
      if (modulus.pow(candidate, order / q) == 1) {
        return false;
      }
    }
    return true;
  }

  public long prime() {
    return prime;
  }

  public long generator() {
    return generator;
  }

  public long start() {
    return start;
  }

  @Override
  ShardCursor checkedCursor(int shard, int shards) {
    return new Cursor(shard, shards);
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("prime", prime);
    parameters.put("generator", generator);
    parameters.put("start", start);
    return Collections.unmodifiableMap(parameters);
  }

  @Override
  public String toString() {
    return "cyclic(size=" + size + ", prime=" + prime + ", generator=" + generator + ", start=" + start + ")";
  }

  /** Walks exponents shard, shard + shards, ... below p - 1; position is the number of group steps taken. */
  private final class Cursor extends StridedCursor {
    private final long strideMontgomery; // g^shards in Montgomery form
    private long element;

    Cursor(int shard, int shards) {
      super(shard, shards, prime - 1);
      this.strideMontgomery = modulus.toMontgomery(modulus.pow(generator, shards));
      seek(0);
    }

    @Override
    public long next() {
      while (step < steps) {
        long current = element;
        element = modulus.reduceProduct(current, strideMontgomery);
        step++;
        if (current <= size) {
          return current - 1;
        }
      }
      return -1;
    }

    @Override
    void startAt(long exponent) {
      element = modulus.multiply(start, modulus.pow(generator, exponent));
    }

    /** An estimate: the shard's group steps times the fraction of elements that are targets (exact for 1 shard). */
    @Override
    public long expectedCount() {
      if (shards == 1) {
        return size;
      }
      long estimate = Math.round((double) steps * size / (prime - 1));
      return Math.min(estimate, Math.min(steps, size));
    }
  }
}
