package io.fathom.detect.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.PacketView;
import io.fathom.detect.fingerprint.ProbeStreams.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The observer counts a probe by the number of probes that gave the same results, and adds those counts to the
 * trackers later, and keeps the previous probe for all of them: every tracker must end with the counts and evidence
 * it has when given each probe itself.
 */
class FingerprintObserverTest {
  @Test
  void countingRepeatedResultsTogetherChangesNoTrackersCounts() {
    Kind[] kinds = Kind.values();
    int streams = 0;
    for (int i = 0; i < kinds.length; i++) {
      for (int j = 0; j < kinds.length; j++) {
        // one tool, two interleaved (results alternate, more than the observer keeps waiting), a client among them
        List<PacketView> probes = i == j
            ? ProbeStreams.stream(kinds[i], 700, i)
            : ProbeStreams.interleave(ProbeStreams.stream(kinds[i], 400, i),
                ProbeStreams.interleave(ProbeStreams.stream(kinds[j], 300, j), ProbeStreams.linuxClient(60, i + j)));
        // the built-in list (its rules called directly) and a copy of it (through the trackers)
        FingerprintObserver builtIn = new FingerprintObserver(ToolFingerprints.all());
        FingerprintObserver copy = new FingerprintObserver(new ArrayList<>(ToolFingerprints.all()));
        List<ToolFingerprint.Tracker> alone =
            ToolFingerprints.all().stream().map(ToolFingerprint::newTracker).toList();
        for (PacketView p : probes) {
          builtIn.observe(p);
          copy.observe(p);
          alone.forEach(t -> t.observe(p));
        }
        for (FingerprintObserver observer : List.of(builtIn, copy)) {
          for (int t = 0; t < alone.size(); t++) {
            ToolFingerprint.Tracker counted = observer.tracker(t);
            String what = kinds[i] + " with " + kinds[j] + ", " + ToolFingerprints.all().get(t).id()
                + (observer == builtIn ? "" : " (copied list)");
            assertThat(counted.tested()).as(what).isEqualTo(alone.get(t).tested());
            assertThat(counted.matched()).as(what).isEqualTo(alone.get(t).matched());
            assertThat(counted.evidence()).as(what).isEqualTo(alone.get(t).evidence());
          }
        }
        streams++;
      }
    }
    assertThat(streams).isEqualTo(kinds.length * kinds.length);
  }

  @Test
  void aVerdictCountsTheProbesStillWaiting() {
    ToolObserver observer = ToolFingerprints.newObserver();
    ProbeStreams.stream(Kind.MASSCAN, 7, 3).forEach(observer::observe);
    ToolVerdict first = observer.verdict();
    assertThat(first.tool()).isEqualTo("masscan");
    assertThat(first.evidence().getFirst()).isEqualTo("every required rule in 7 of 7 SYN probes");
    ProbeStreams.stream(Kind.MASSCAN, 5, 4).forEach(observer::observe);
    assertThat(observer.verdict().evidence().getFirst()).isEqualTo("every required rule in 12 of 12 SYN probes");
  }
}
