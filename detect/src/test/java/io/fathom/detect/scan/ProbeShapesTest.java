package io.fathom.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.detect.PacketView;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeShapesTest {
  private final SplittableRandom random = new SplittableRandom(4242);

  private PacketView probe(long kinds, int optionsLength, int mss, int ipLength, int payloadLength, int icmpType,
      int icmpCode) {
    PacketView p = new PacketView().clear();
    p.tcpOptionKinds = kinds;
    p.tcpOptionsLength = optionsLength;
    p.mss = mss;
    p.ipLength = ipLength;
    p.payloadLength = payloadLength;
    p.icmpType = icmpType;
    p.icmpCode = icmpCode;
    return p;
  }

  private PacketView randomProbe() {
    int ipLength = random.nextInt(65536);
    return probe(random.nextLong(), random.nextInt(41), random.nextInt(65537) - 1, ipLength,
        random.nextInt(ipLength + 1), random.nextInt(256), random.nextInt(256));
  }

  /** A shape gives back every field it holds, at every field's extremes, and the same shape the same index. */
  @Test
  void aShapeGivesBackItsFieldsExactly() {
    ProbeShapes shapes = new ProbeShapes();
    PacketView[] probes = new PacketView[20_000];
    probes[0] = probe(-1L, 40, 65535, 65535, 0, 255, 255);
    probes[1] = probe(0, 0, -1, 0, 0, 0, 0);
    probes[2] = probe(0x02, 4, 0, 20, 20, 0, 0);
    for (int i = 3; i < probes.length; i++) {
      probes[i] = randomProbe();
    }
    int[] index = new int[probes.length];
    for (int i = 0; i < probes.length; i++) {
      index[i] = shapes.indexOf(probes[i]);
    }
    for (int i = 0; i < probes.length; i++) {
      PacketView p = probes[i];
      assertThat(shapes.indexOf(p)).as("probe %d again", i).isEqualTo(index[i]);
      PacketView out = new PacketView().clear();
      out.ipLength = p.ipLength; // the record's
      shapes.restore(index[i], out);
      assertThat(out.tcpOptionKinds).isEqualTo(p.tcpOptionKinds);
      assertThat(out.tcpOptionsLength).isEqualTo(p.tcpOptionsLength);
      assertThat(out.mss).isEqualTo(p.mss);
      assertThat(out.payloadLength).as("payload of probe %d", i).isEqualTo(p.payloadLength);
      assertThat(out.icmpType).isEqualTo(p.icmpType);
      assertThat(out.icmpCode).isEqualTo(p.icmpCode);
    }
    assertThat(shapes.size()).isEqualTo(probes.length);
  }

  /** The same shape at another IP length (a UDP payload's) is one shape; the payload follows the IP length. */
  @Test
  void theIpLengthStaysWithTheProbe() {
    ProbeShapes shapes = new ProbeShapes();
    int first = shapes.indexOf(probe(0, 0, -1, 28 + 10, 10, 0, 0));
    assertThat(shapes.indexOf(probe(0, 0, -1, 28 + 400, 400, 0, 0))).isEqualTo(first);
    PacketView out = new PacketView().clear();
    out.ipLength = 28 + 77;
    shapes.restore(first, out);
    assertThat(out.payloadLength).isEqualTo(77);
  }

  /** Beyond its most shapes a new one has no index; the shapes kept keep theirs. */
  @Test
  void aFullTableRefusesNewShapesOnly() {
    ProbeShapes shapes = new ProbeShapes();
    for (int i = 0; i < ProbeShapes.MAX_SHAPES; i++) {
      assertThat(shapes.indexOf(probe(i, 4, 1460, 44, 0, 0, 0))).isEqualTo(i);
    }
    assertThat(shapes.indexOf(probe(-5, 4, 1460, 44, 0, 0, 0))).isEqualTo(-1);
    assertThat(shapes.indexOf(probe(12_345, 4, 1460, 44, 0, 0, 0))).isEqualTo(12_345);
    assertThat(shapes.size()).isEqualTo(ProbeShapes.MAX_SHAPES);
  }
}
