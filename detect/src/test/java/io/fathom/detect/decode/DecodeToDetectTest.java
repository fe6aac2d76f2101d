package io.fathom.detect.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import io.fathom.detect.NotScanRecord;
import io.fathom.detect.PacketView;
import io.fathom.detect.ScanRecord;
import io.fathom.detect.scan.DetectionSettings;
import io.fathom.detect.scan.ScanDetector;
import io.fathom.detect.scan.ScanListener;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built bytes through the decoder into the detector: the path a capture takes. */
class DecodeToDetectTest {
  @Test
  void decodedSynScanAndBackscatterAreTold() {
    List<ScanRecord> scans = new ArrayList<>();
    List<NotScanRecord> notScans = new ArrayList<>();
    ScanDetector detector = new ScanDetector(DetectionSettings.defaults(), new ScanListener() {
      @Override
      public void onScan(ScanRecord scan) {
        scans.add(scan);
      }

      @Override
      public void onNotScan(NotScanRecord notScan) {
        notScans.add(notScan);
      }
    });
    PacketDecoder decoder = new PacketDecoder();
    PacketView view = new PacketView();
    int scanner = Ipv4.parse("198.51.100.7");
    int victim = Ipv4.parse("192.0.2.80");
    int base = Ipv4.parse("10.9.0.0");
    long t = 1_000_000_000_000L;
    for (int i = 1; i <= 300; i++) {
      byte[] syn = Packets.syn(scanner, base + i, 61000, 8080, i * 104729);
      assertThat(decoder.decode(MemorySegment.ofArray(syn), 0, syn.length, t += 1_000_000, view)).isTrue();
      detector.accept(view);
      byte[] synAck = Packets.syn(victim, base + i, 80, 1000 + i, 1);
      synAck[33] = 0x12; // SYN-ACK: a DoS victim answering a forged source
      assertThat(decoder.decode(MemorySegment.ofArray(synAck), 0, synAck.length, t, view)).isTrue();
      detector.accept(view);
    }
    detector.finish();
    assertThat(scans).singleElement().satisfies(s -> {
      assertThat(s.src()).isEqualTo(scanner);
      assertThat(s.ports()).containsExactly(8080);
      assertThat(s.targets()).isEqualTo(300);
      assertThat(s.shape()).isEqualTo("horizontal");
    });
    assertThat(notScans).singleElement().satisfies(r -> {
      assertThat(r.src()).isEqualTo(victim);
      assertThat(r.reason()).isEqualTo("backscatter");
      assertThat(r.packets()).isEqualTo(300);
    });
  }
}
