package io.fathom.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The scan's honest counters. Each counter has one writing thread, which uses a plain increment published
 * with release semantics; readers (the monitor) see a value at most one update old.
 */
public final class ScanCounters {
  /** The counters, named as in outputs. */
  public enum Id {
    TARGETS_DONE("targets_done"),
    SENT("sent"),
    SEND_ERRORS("send_errors"),
    RECEIVED("received"),
    VALIDATED("validated"),
    INVALID("invalid"),
    UNRELATED("unrelated"),
    MALFORMED("malformed"),
    DUPLICATES("duplicates"),
    OPEN("open"),
    CLOSED("closed"),
    KERNEL_PACKETS("kernel_packets"),
    KERNEL_DROPS("kernel_drops"),
    KERNEL_FREEZES("kernel_freezes");

    private final String key;

    Id(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  // Padded so that counters written by different threads do not share a cache line.
  private static final int STRIDE = 8;
  private final AtomicLongArray values = new AtomicLongArray(Id.values().length * STRIDE);

  public long get(Id id) {
    return values.getAcquire(id.ordinal() * STRIDE);
  }

  /** Adds to a counter; only that counter's owning thread may call this. */
  public void add(Id id, long delta) {
    int i = id.ordinal() * STRIDE;
    values.setRelease(i, values.getPlain(i) + delta);
  }

  public void set(Id id, long value) {
    values.setRelease(id.ordinal() * STRIDE, value);
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> map = new LinkedHashMap<>();
    for (Id id : Id.values()) {
      map.put(id.key(), get(id));
    }
    return map;
  }
}
