package io.fathom.detect.entity;

import io.fathom.common.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Reverse DNS through the JDK resolver ({@code getCanonicalHostName}) on a small pool of daemon threads, each
 * lookup bounded by a timeout, results (names, absences and timeouts alike) kept in an LRU cache so a source is
 * asked once. The JDK's lookup cannot be interrupted: a timed-out lookup still holds its thread until the system
 * resolver gives up, which bounds throughput, not latency.
 */
public final class JdkReverseDns implements ReverseDns, AutoCloseable {
  private final ExecutorService executor;
  private final Duration timeout;
  private final Map<Integer, CompletableFuture<Optional<String>>> cache;
  private final IntFunction<String> resolver;

  /** Eight threads, two seconds per lookup, 65,536 cached addresses. */
  public JdkReverseDns() {
    this(8, Duration.ofSeconds(2), 65_536);
  }

  public JdkReverseDns(int threads, Duration timeout, int cacheSize) {
    this(threads, timeout, cacheSize, JdkReverseDns::canonicalName);
  }

  /** With another resolver in place of the JDK's: it returns the name, or the address text when there is none. */
  JdkReverseDns(int threads, Duration timeout, int cacheSize, IntFunction<String> resolver) {
    if (threads < 1 || cacheSize < 1 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("threads, cache size and timeout must be positive");
    }
    this.executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("rdns-", 0).factory());
    this.timeout = timeout;
    this.resolver = resolver;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, CompletableFuture<Optional<String>>> eldest) {
        return size() > cacheSize;
      }
    };
  }

  @Override
  public CompletableFuture<Optional<String>> lookup(int address) {
    synchronized (cache) {
      return cache.computeIfAbsent(address, this::resolve);
    }
  }

  /** The timeout runs from when a thread takes the lookup, so a long queue does not time lookups out unasked. */
  private CompletableFuture<Optional<String>> resolve(int address) {
    CompletableFuture<Optional<String>> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        result.completeOnTimeout(Optional.empty(), timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
          result.complete(name(resolver.apply(address), Ipv4.format(address)));
        } catch (RuntimeException e) {
          result.complete(Optional.empty());
        }
      });
    } catch (RejectedExecutionException closed) {
      result.complete(Optional.empty());
    }
    return result;
  }

  private static Optional<String> name(String host, String literal) {
    return host == null || host.isBlank() || host.equals(literal) ? Optional.empty() : Optional.of(host);
  }

  private static String canonicalName(int address) {
    byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    try {
      return InetAddress.getByAddress(bytes).getCanonicalHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
