package io.fathom.cli;

import io.fathom.lab.GroundTruth;
import io.fathom.targets.PortSet;
import java.util.Locale;
import java.util.TreeSet;

/** Recall and precision of a scan's open findings against the lab's ground truth. */
record LabScore(long truthOpen, long found, long truePositives) {
  static LabScore of(GroundTruth truth, TreeSet<Long> found, PortSet onlyPorts) {
    long expected = 0;
    long hits = 0;
    for (long key : truth.openKeys()) {
      if (onlyPorts != null && onlyPorts.indexOf(GroundTruth.keyPort(key)) < 0) {
        continue;
      }
      expected++;
      if (found.contains(key)) {
        hits++;
      }
    }
    return new LabScore(expected, found.size(), hits);
  }

  double recall() {
    return truthOpen == 0 ? 1.0 : (double) truePositives / truthOpen;
  }

  double precision() {
    return found == 0 ? 1.0 : (double) truePositives / found;
  }

  String describe() {
    return String.format(Locale.ROOT, "open in ground truth %d, found %d, correct %d: recall %.6f, precision %.6f",
        truthOpen, found, truePositives, recall(), precision());
  }
}
