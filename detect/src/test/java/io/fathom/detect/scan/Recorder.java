package io.fathom.detect.scan;

import io.fathom.detect.NotScanRecord;
import io.fathom.detect.ScanRecord;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything a detector reports. */
class Recorder implements ScanListener {
  record Suspect(int src, long timeNanos, double likelihoodRatio) {}

  final List<ScanRecord> scans = new ArrayList<>();
  final List<ScanRecord> candidates = new ArrayList<>();
  final List<NotScanRecord> notScans = new ArrayList<>();
  final List<Suspect> suspects = new ArrayList<>();

  @Override
  public void onScan(ScanRecord scan) {
    scans.add(scan);
  }

  @Override
  public void onCandidate(ScanRecord candidate) {
    candidates.add(candidate);
  }

  @Override
  public void onNotScan(NotScanRecord notScan) {
    notScans.add(notScan);
  }

  @Override
  public void onSuspect(int src, long timeNanos, double likelihoodRatio) {
    suspects.add(new Suspect(src, timeNanos, likelihoodRatio));
  }

  List<NotScanRecord> notScans(String reason) {
    return notScans.stream().filter(r -> r.reason().equals(reason)).toList();
  }

  long notScanPackets(String reason) {
    return notScans(reason).stream().mapToLong(NotScanRecord::packets).sum();
  }
}
