package io.fathom.detect.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The JDK resolver with a fake in place of DNS: no network is used. */
class JdkReverseDnsTest {
  private final AtomicInteger calls = new AtomicInteger();

  private IntFunction<String> fake() {
    return address -> {
      calls.incrementAndGet();
      String text = Ipv4.format(address);
      return text.startsWith("198.51.100.") ? "host" + (address & 0xFF) + ".example.net" : text;
    };
  }

  @Test
  void returnsTheNameOrEmptyWhenTheResolverEchoesTheAddress() {
    try (JdkReverseDns rdns = new JdkReverseDns(2, Duration.ofSeconds(5), 100, fake())) {
      assertThat(rdns.lookup(Ipv4.parse("198.51.100.7")).join()).contains("host7.example.net");
      assertThat(rdns.lookup(Ipv4.parse("203.0.113.7")).join()).isEmpty();
    }
  }

  @Test
  void cachesAnswersAndEvictsTheLeastRecentlyUsed() {
    try (JdkReverseDns rdns = new JdkReverseDns(1, Duration.ofSeconds(5), 2, fake())) {
      int a = Ipv4.parse("198.51.100.1");
      int b = Ipv4.parse("198.51.100.2");
      int c = Ipv4.parse("198.51.100.3");
      rdns.lookup(a).join();
      rdns.lookup(a).join();
      assertThat(calls).hasValue(1);
      rdns.lookup(b).join();
      rdns.lookup(a).join();
      rdns.lookup(c).join();
      assertThat(calls).as("b was evicted, a kept").hasValue(3);
      rdns.lookup(a).join();
      assertThat(calls).hasValue(3);
      rdns.lookup(b).join();
      assertThat(calls).hasValue(4);
    }
  }

  @Test
  void aSlowResolverTimesOutToEmpty() {
    IntFunction<String> slow = address -> {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "late.example.net";
    };
    try (JdkReverseDns rdns = new JdkReverseDns(1, Duration.ofMillis(50), 10, slow)) {
      long start = System.nanoTime();
      Optional<String> name = rdns.lookup(Ipv4.parse("198.51.100.9")).join();
      assertThat(name).isEmpty();
      assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(3).toNanos());
    }
  }

  @Test
  void aFailingResolverGivesEmpty() {
    IntFunction<String> failing = address -> {
      throw new IllegalStateException("resolver down");
    };
    try (JdkReverseDns rdns = new JdkReverseDns(1, Duration.ofSeconds(1), 10, failing)) {
      assertThat(rdns.lookup(Ipv4.parse("198.51.100.9")).join()).isEmpty();
    }
  }

  @Test
  void theTimeoutRunsFromWhenALookupStartsNotWhileItWaitsInTheQueue() {
    IntFunction<String> firstSlow = address -> {
      if ((address & 0xFF) == 1) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return "host" + (address & 0xFF) + ".example.net";
    };
    try (JdkReverseDns rdns = new JdkReverseDns(1, Duration.ofMillis(200), 10, firstSlow)) {
      var slow = rdns.lookup(Ipv4.parse("198.51.100.1"));
      var queued = rdns.lookup(Ipv4.parse("198.51.100.2"));
      assertThat(slow.join()).isEmpty();
      assertThat(queued.join()).contains("host2.example.net");
    }
  }

  @Test
  void aClosedResolverAnswersEmpty() {
    JdkReverseDns rdns = new JdkReverseDns(1, Duration.ofSeconds(1), 10, fake());
    rdns.close();
    assertThat(rdns.lookup(Ipv4.parse("198.51.100.5")).join()).isEmpty();
  }
}
