package io.fathom.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TcpProbeTemplateTest {
  private static final long SOURCE_MAC = 0x0242_AC11_0002L;
  private static final long GATEWAY_MAC = 0x0242_AC11_0001L;
  private static final int SOURCE_IP = 0xC612_0001; // 198.18.0.1

  private final SplittableRandom random = new SplittableRandom(2024);

  private static TcpProbeTemplate.Builder defaults() {
    return TcpProbeTemplate.Spec.builder().sourceMac(SOURCE_MAC).gatewayMac(GATEWAY_MAC).sourceIp(SOURCE_IP);
  }

  @Test
  void defaultSynFrameHasTheExpectedBytes() {
    TcpProbeTemplate template = new TcpProbeTemplate(defaults().build());
    assertThat(template.frameLength()).isEqualTo(58);
    MemorySegment frame = Arena.ofAuto().allocate(58);
    template.write(frame, 0, 0xC612_0102, 40000, 443, 0x1234_5678, 0xBEEF);
    String expected = "0242ac110001" + "0242ac110002" + "0800"
        + "4500002c" + "beef0000" + "4006" + hex4(ipChecksum(frame)) + "c6120001" + "c6120102"
        + "9c4001bb" + "12345678" + "00000000" + "6002ffff" + hex4(tcpChecksum(frame)) + "0000" + "020405b4";
    assertThat(HexFormat.of().formatHex(TestFrames.bytes(frame, 0, 58))).isEqualTo(expected);
    assertThat(new Ipv4Header().wrap(frame, 14).checksumValid()).isTrue();
    assertThat(Checksums.transportValid(frame, 34, 24, SOURCE_IP, 0xC612_0102, 6)).isTrue();
  }

  @Test
  void writeEqualsFullRecomputationForRandomSpecsAndProbes() {
    MemorySegment frame = Arena.ofAuto().allocate(256);
    MemorySegment reference = Arena.ofAuto().allocate(256);
    for (int s = 0; s < 200; s++) {
      TcpProbeTemplate template = new TcpProbeTemplate(randomSpec());
      int length = template.frameLength();
      for (int i = 0; i < 200; i++) {
        long offset = random.nextInt(100);
        int dstIp = random.nextInt();
        int srcPort = random.nextInt(0x10000);
        int dstPort = random.nextInt(0x10000);
        int seq = random.nextInt();
        int ipId = random.nextInt(0x10000);
        template.write(frame, offset, dstIp, srcPort, dstPort, seq, ipId);
        writeByHand(template.spec(), reference, dstIp, srcPort, dstPort, seq, ipId);
        assertThat(TestFrames.bytes(frame, offset, length)).isEqualTo(TestFrames.bytes(reference, 0, length));
      }
    }
  }

  @Test
  void writtenFramesParseBackWithValidChecksums() {
    FrameParser parser = new FrameParser().verifyChecksums(true);
    MemorySegment frame = Arena.ofAuto().allocate(128);
    for (int s = 0; s < 100; s++) {
      TcpProbeTemplate.Spec spec = randomSpec();
      TcpProbeTemplate template = new TcpProbeTemplate(spec);
      for (int i = 0; i < 100; i++) {
        int dstIp = random.nextInt();
        int srcPort = random.nextInt(0x10000);
        int dstPort = random.nextInt(0x10000);
        int seq = random.nextInt();
        int ipId = random.nextInt(0x10000);
        long offset = random.nextInt(16);
        template.write(frame, offset, dstIp, srcPort, dstPort, seq, ipId);
        assertThat(parser.parse(frame, offset, template.frameLength())).isEqualTo(FrameParser.TCP);
        assertThat(new long[] {parser.ethSource(), parser.ethDestination(), parser.srcIp(), parser.dstIp(),
            parser.ttl(), parser.ipId(), parser.protocol(), parser.srcPort(), parser.dstPort(), parser.seq(),
            parser.ack(), parser.tcpFlags(), parser.window(), parser.payloadLength(), parser.tcpHeaderLength(),
            parser.tos(), parser.flagsFragment()})
            .containsExactly(spec.sourceMac(), spec.gatewayMac(), spec.sourceIp(), dstIp, spec.ttl(), ipId, 6,
                srcPort, dstPort, seq, 0, spec.flags(), spec.window(), 0, 20 + spec.options().length, spec.tos(),
                spec.dontFragment() ? Ipv4Header.FLAG_DF : 0);
      }
    }
  }

  @Test
  void optionsArePaddedAndChangeTheFrameLength() {
    assertThat(new TcpProbeTemplate(defaults().options(TcpOptions.none()).build()).frameLength()).isEqualTo(54);
    TcpProbeTemplate odd = new TcpProbeTemplate(defaults().options(new byte[] {1, 1, 4, 2, 3}).build());
    assertThat(odd.frameLength()).isEqualTo(62);
    assertThat(odd.spec().options()).containsExactly(1, 1, 4, 2, 3, 0, 0, 0);
    MemorySegment frame = Arena.ofAuto().allocate(62);
    odd.write(frame, 0, 1, 2, 3, 4, 5);
    assertThat(new TcpHeader().wrap(frame, 34).dataOffset()).isEqualTo(7);
    assertThat(new TcpProbeTemplate(defaults().options(new byte[40]).build()).frameLength()).isEqualTo(94);
    assertThat(odd.templateBytes().isReadOnly()).isTrue();
  }

  @Test
  void invalidSpecsAreRejected() {
    assertThatThrownBy(() -> TcpProbeTemplate.Spec.builder().sourceIp(1).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> defaults().ttl(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults().ttl(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults().window(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults().flags(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults().options(new byte[41])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults().sourceMac(1L << 48)).isInstanceOf(IllegalArgumentException.class);
  }

  private TcpProbeTemplate.Spec randomSpec() {
    int[] flagChoices = {TcpHeader.SYN, 0, TcpHeader.FIN, TcpHeader.FIN | TcpHeader.PSH | TcpHeader.URG,
        TcpHeader.ACK, TcpHeader.SYN | TcpHeader.ECE | TcpHeader.CWR, random.nextInt(256)};
    byte[][] optionChoices = {TcpOptions.mss(1460), TcpOptions.none(), TcpOptions.mss(random.nextInt(0x10000)),
        TestFrames.randomBytes(random, random.nextInt(41))};
    return TcpProbeTemplate.Spec.builder()
        .sourceMac(random.nextLong() & Macs.MASK)
        .gatewayMac(random.nextLong() & Macs.MASK)
        .sourceIp(random.nextInt())
        .ttl(1 + random.nextInt(255))
        .tos(random.nextInt(256))
        .dontFragment(random.nextBoolean())
        .window(random.nextInt(0x10000))
        .flags(flagChoices[random.nextInt(flagChoices.length)])
        .options(optionChoices[random.nextInt(optionChoices.length)])
        .build();
  }

  /** The slow way: every field through the flyweights, both checksums summed in full. */
  private static void writeByHand(TcpProbeTemplate.Spec spec, MemorySegment frame, int dstIp, int srcPort,
      int dstPort, int seq, int ipId) {
    byte[] options = spec.options();
    int tcpLength = 20 + options.length;
    new EthernetHeader().wrap(frame, 0).destination(spec.gatewayMac()).source(spec.sourceMac()).etherType(0x0800);
    new Ipv4Header().wrap(frame, 14).versionIhl(0x45).tos(spec.tos()).totalLength(20 + tcpLength).id(ipId)
        .flagsFragment(spec.dontFragment() ? 0x4000 : 0).ttl(spec.ttl()).protocol(6).source(spec.sourceIp())
        .destination(dstIp).computeChecksum();
    MemorySegment.copy(MemorySegment.ofArray(options), 0, frame, 54, options.length);
    new TcpHeader().wrap(frame, 34).sourcePort(srcPort).destinationPort(dstPort).seq(seq).ack(0)
        .dataOffset(tcpLength / 4).flags(spec.flags()).window(spec.window()).urgent(0).checksum(0xAAAA)
        .computeChecksum(spec.sourceIp(), dstIp, tcpLength);
  }

  private static int ipChecksum(MemorySegment frame) {
    return new Ipv4Header().wrap(frame, 14).checksum();
  }

  private static int tcpChecksum(MemorySegment frame) {
    return new TcpHeader().wrap(frame, 34).checksum();
  }

  private static String hex4(int value) {
    return String.format("%04x", value);
  }
}
