package io.fathom.engine;

import io.fathom.engine.output.Finding;
import io.fathom.engine.output.ResultSink;
import io.fathom.packet.FrameParser;
import io.fathom.probe.ProbeModule;
import io.fathom.probe.ReplyVerdict;
import io.fathom.rawio.RxRing;
import io.fathom.targets.TargetSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;

/**
 * The receiving thread: drains the kernel's block ring, validates each reply statelessly through the probe
 * module, suppresses duplicates and reports findings. Allocation-free per frame.
 */
final class ReceiveAgent implements Runnable, RxRing.FrameHandler {
  private final RxRing ring;
  private final ProbeModule probe;
  private final TargetSpace space;
  private final ResultSink sink;
  private final boolean reportClosed;
  private final FrameParser parser = new FrameParser();
  private final FoundSet found = new FoundSet();
  private final Finding finding = new Finding();
  private final long[] kernelStatistics = new long[3];
  final ScanCounters counters = new ScanCounters();
  private volatile boolean stopRequested;
  private volatile IOException failure;

  ReceiveAgent(RxRing ring, ProbeModule probe, TargetSpace space, ResultSink sink, boolean reportClosed,
      String scanId) {
    this.ring = ring;
    this.probe = probe;
    this.space = space;
    this.sink = sink;
    this.reportClosed = reportClosed;
    finding.scanId = scanId;
    finding.proto = probe.protocolName();
  }

  void requestStop() {
    stopRequested = true;
  }

  IOException failure() {
    return failure;
  }

  @Override
  public void run() {
    long nextStatistics = 0;
    try {
      while (!stopRequested) {
        int frames = ring.poll(this, 20);
        long now = System.nanoTime();
        if (frames == 0 || now >= nextStatistics) {
          sink.flush();
          readKernelStatistics();
          nextStatistics = now + 500_000_000L;
        }
      }
      // Whatever the kernel already holds still counts.
      while (ring.poll(this, 0) > 0) {
        // drain
      }
      readKernelStatistics();
      sink.flush();
    } catch (IOException e) {
      failure = e;
    } catch (UncheckedIOException e) {
      failure = e.getCause();
    }
  }

  private void readKernelStatistics() {
    ring.statistics(kernelStatistics);
    counters.set(ScanCounters.Id.KERNEL_PACKETS, kernelStatistics[0]);
    counters.set(ScanCounters.Id.KERNEL_DROPS, kernelStatistics[1]);
    counters.set(ScanCounters.Id.KERNEL_FREEZES, kernelStatistics[2]);
  }

  @Override
  public void onFrame(MemorySegment segment, long offset, int length, long timestampNanos) {
    counters.add(ScanCounters.Id.RECEIVED, 1);
    int kind = parser.parse(segment, offset, length);
    if (kind != FrameParser.TCP) {
      counters.add(kind == FrameParser.ICMP || kind == FrameParser.UDP || kind == FrameParser.OTHER_IP
          ? ScanCounters.Id.UNRELATED : ScanCounters.Id.MALFORMED, 1);
      return;
    }
    int verdict = probe.classify(parser);
    if (verdict == ReplyVerdict.UNRELATED) {
      counters.add(ScanCounters.Id.UNRELATED, 1);
      return;
    }
    long index = verdict == ReplyVerdict.INVALID ? -1 : space.indexOf(parser.srcIp(), parser.srcPort());
    if (index < 0) {
      counters.add(ScanCounters.Id.INVALID, 1);
      return;
    }
    counters.add(ScanCounters.Id.VALIDATED, 1);
    if (!found.add(index)) {
      counters.add(ScanCounters.Id.DUPLICATES, 1);
      return;
    }
    boolean open = verdict == ReplyVerdict.OPEN;
    counters.add(open ? ScanCounters.Id.OPEN : ScanCounters.Id.CLOSED, 1);
    if (!open && !reportClosed) {
      return;
    }
    finding.ip = parser.srcIp();
    finding.port = parser.srcPort();
    finding.status = open ? "open" : "closed";
    finding.ttl = parser.ttl();
    finding.timestampNanos = timestampNanos;
    finding.ipId = parser.ipId();
    finding.window = parser.window();
    finding.sourcePort = parser.dstPort();
    try {
      sink.write(finding);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
