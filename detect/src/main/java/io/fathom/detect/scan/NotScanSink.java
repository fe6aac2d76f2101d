package io.fathom.detect.scan;

/**
 * Receives one not-scan aggregate as its fields: a detector makes a {@link io.fathom.detect.NotScanRecord} of them
 * only for a listener that keeps it.
 */
@FunctionalInterface
interface NotScanSink {
  void accept(NotScanReason reason, int src, long packets, long firstNanos, long lastNanos);
}
