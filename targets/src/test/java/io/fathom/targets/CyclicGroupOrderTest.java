package io.fathom.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CyclicGroupOrderTest {
  @Test
  void ladderHoldsTheSmallestPrimeAboveEachPowerOfTwo() {
    for (int k = 1; k <= PrimeLadder.rungs(); k++) {
      BigInteger power = BigInteger.ONE.shiftLeft(k);
      BigInteger prime = BigInteger.valueOf(PrimeLadder.prime(k));
      assertThat(prime.isProbablePrime(64)).as("rung %d", k).isTrue();
      assertThat(power.nextProbablePrime()).as("rung %d", k).isEqualTo(prime);
    }
    assertThat(PrimeLadder.prime(8)).isEqualTo((1L << 8) + 1);
    assertThat(PrimeLadder.prime(16)).isEqualTo((1L << 16) + 1);
    assertThat(PrimeLadder.prime(24)).isEqualTo((1L << 24) + 43);
    assertThat(PrimeLadder.prime(32)).isEqualTo((1L << 32) + 15);
    assertThat(PrimeLadder.prime(48)).isEqualTo((1L << 48) + 21);
    assertThat(PrimeLadder.MAX_SIZE).isGreaterThanOrEqualTo(1L << 62);
  }

  @Test
  void factorsOfEveryGroupOrderAreCompleteAndPrime() {
    for (int k = 1; k <= PrimeLadder.rungs(); k++) {
      long order = PrimeLadder.prime(k) - 1;
      long rest = order;
      for (long q : PrimeFactors.distinct(order)) {
        assertThat(BigInteger.valueOf(q).isProbablePrime(64)).as("factor %d of %d", q, order).isTrue();
        assertThat(rest % q).isZero();
        while (rest % q == 0) {
          rest /= q;
        }
      }
      assertThat(rest).as("unfactored part of %d", order).isEqualTo(1);
    }
  }

  @Test
  void generatorIsAPrimitiveRootForEveryLadderPrime() {
    SplittableRandom random = new SplittableRandom(8);
    for (int k = 1; k <= PrimeLadder.rungs(); k++) {
      long prime = PrimeLadder.prime(k);
      CyclicGroupOrder order = CyclicGroupOrder.create(prime - 1, random.nextLong());
      assertThat(order.prime()).isEqualTo(prime);
      assertThat(order.start()).isBetween(1L, prime - 1);
      BigInteger p = BigInteger.valueOf(prime);
      BigInteger g = BigInteger.valueOf(order.generator());
      BigInteger groupOrder = p.subtract(BigInteger.ONE);
      for (long q : PrimeFactors.distinct(prime - 1)) {
        BigInteger power = g.modPow(groupOrder.divide(BigInteger.valueOf(q)), p);
        assertThat(power).as("g=%s p=%d q=%d", g, prime, q).isNotEqualTo(BigInteger.ONE);
      }
      assertThat(g.modPow(groupOrder, p)).isEqualTo(BigInteger.ONE);
    }
  }

  @Test
  void primitiveRootTestAgreesWithBruteForceOnSmallPrimes() {
    for (long p : new long[] {3, 5, 7, 11, 13, 17, 257, 521, 1031}) {
      MontgomeryModulus modulus = new MontgomeryModulus(p);
      long[] factors = PrimeFactors.distinct(p - 1);
      for (long g = 1; g < p; g++) {
        long x = 1;
        int period = 0;
        do {
          x = x * g % p;
          period++;
        } while (x != 1);
        assertThat(CyclicGroupOrder.isPrimitiveRoot(modulus, g, factors)).as("g=%d p=%d", g, p)
            .isEqualTo(period == p - 1);
      }
    }
  }

  @Test
  void picksTheSmallestLadderPrimeAboveTheSize() {
    assertThat(CyclicGroupOrder.create(1, 1).prime()).isEqualTo(3);
    assertThat(CyclicGroupOrder.create(2, 1).prime()).isEqualTo(3);
    assertThat(CyclicGroupOrder.create(3, 1).prime()).isEqualTo(5);
    assertThat(CyclicGroupOrder.create(256, 1).prime()).isEqualTo(257);
    assertThat(CyclicGroupOrder.create(257, 1).prime()).isEqualTo(521);
    assertThat(CyclicGroupOrder.create(1L << 32, 1).prime()).isEqualTo((1L << 32) + 15);
    assertThat(CyclicGroupOrder.create((1L << 32) + 14, 1).prime()).isEqualTo((1L << 32) + 15);
    assertThat(CyclicGroupOrder.create((1L << 32) + 15, 1).prime()).isEqualTo(PrimeLadder.prime(33));
    CyclicGroupOrder order = CyclicGroupOrder.create(1000, 42);
    assertThat(order.parameters()).containsOnlyKeys("prime", "generator", "start")
        .containsEntry("prime", order.prime()).containsEntry("generator", order.generator())
        .containsEntry("start", order.start());
  }

  @Test
  void walksOverEveryElementAtTheTopOfTheLadder() {
    // Near 2^62 the products approach 2^124; spot-check the walk against BigInteger arithmetic.
    CyclicGroupOrder order = CyclicGroupOrder.create(PrimeLadder.MAX_SIZE, 3);
    BigInteger p = BigInteger.valueOf(order.prime());
    BigInteger x = BigInteger.valueOf(order.start());
    BigInteger g = BigInteger.valueOf(order.generator());
    ShardCursor cursor = order.cursor(0, 1);
    for (int i = 0; i < 10_000; i++) {
      assertThat(cursor.next()).isEqualTo(x.longValueExact() - 1);
      x = x.multiply(g).mod(p);
    }
  }
}
