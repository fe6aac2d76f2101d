package io.fathom.probe.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.packet.FrameParser;
import io.fathom.packet.Ipv4Header;
import io.fathom.packet.TcpHeader;
import io.fathom.probe.ProbeCookies;
import io.fathom.probe.ProbeSetup;
import io.fathom.probe.ReplyVerdict;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SynProbeTest {
  private static final int SOURCE = 0xC613FFFE;
  private final SynProbe probe = new SynProbe();
  private final ProbeCookies cookies = new ProbeCookies(0x1234, 0x5678, SOURCE, 32768, 61000);
  private final MemorySegment frame = Arena.ofAuto().allocate(128);
  private final FrameParser parser = new FrameParser().verifyChecksums(true);

  SynProbeTest() {
    probe.prepare(new ProbeSetup(0x020000000001L, 0x020000000002L, SOURCE, cookies, 64));
  }

  @Test
  void writesAValidSynCarryingTheCookie() {
    probe.write(frame, 0, 0xC6120507, 443, 0);
    assertThat(parser.parse(frame, 0, probe.frameLength())).isEqualTo(FrameParser.TCP);
    long cookie = cookies.cookie(0xC6120507, 443);
    assertThat(parser.srcIp()).isEqualTo(SOURCE);
    assertThat(parser.dstIp()).isEqualTo(0xC6120507);
    assertThat(parser.dstPort()).isEqualTo(443);
    assertThat(parser.srcPort()).isEqualTo(cookies.sourcePort(cookie));
    assertThat(parser.seq()).isEqualTo(ProbeCookies.sequence(cookie));
    assertThat(parser.tcpFlags()).isEqualTo(TcpHeader.SYN);
    assertThat(parser.ttl()).isEqualTo(64);
    assertThat(parser.ipId()).isEqualTo(((parser.seq() >>> 16) ^ 443 ^ SynProbe.IP_ID_SIGNATURE) & 0xFFFF);
  }

  @Test
  void classifiesRepliesByFlagsAndCookie() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 2000; i++) {
      int target = 0xC6120000 | random.nextInt(1 << 16);
      int port = random.nextInt(1, 65536);
      probe.write(frame, 0, target, port, 0);
      assertThat(parser.parse(frame, 0, probe.frameLength())).isEqualTo(FrameParser.TCP);
      int seq = parser.seq();
      int sport = parser.srcPort();
      assertThat(classifyReply(target, port, sport, seq + 1, TcpHeader.SYN | TcpHeader.ACK)).isEqualTo(ReplyVerdict.OPEN);
      assertThat(classifyReply(target, port, sport, seq + 1, TcpHeader.RST | TcpHeader.ACK))
          .isEqualTo(ReplyVerdict.CLOSED);
      assertThat(classifyReply(target, port, sport, seq + 2, TcpHeader.SYN | TcpHeader.ACK))
          .isEqualTo(ReplyVerdict.INVALID);
      assertThat(classifyReply(target, port, sport ^ 1, seq + 1, TcpHeader.SYN | TcpHeader.ACK))
          .isEqualTo(ReplyVerdict.INVALID);
      assertThat(classifyReply(target ^ 1, port, sport, seq + 1, TcpHeader.SYN | TcpHeader.ACK))
          .isEqualTo(ReplyVerdict.INVALID);
      assertThat(classifyReply(target, port, sport, seq + 1, TcpHeader.ACK)).isEqualTo(ReplyVerdict.INVALID);
    }
  }

  @Test
  void ignoresTrafficToAnotherAddress() {
    probe.write(frame, 0, 0xC6120001, 80, 0);
    parser.parse(frame, 0, probe.frameLength());
    // The probe itself, seen as if received: addressed to the target, not to us.
    assertThat(probe.classify(parser)).isEqualTo(ReplyVerdict.UNRELATED);
  }

  /** Turns the probe in {@link #frame} into a reply from the target and classifies it. */
  private int classifyReply(int from, int fromPort, int toPort, int ack, int flags) {
    Ipv4Header ip = new Ipv4Header().wrap(frame, 14);
    ip.source(from).destination(SOURCE).computeChecksum();
    TcpHeader tcp = new TcpHeader().wrap(frame, 34);
    tcp.sourcePort(fromPort).destinationPort(toPort).ack(ack).flags(flags)
        .computeChecksum(from, SOURCE, probe.frameLength() - 34);
    assertThat(parser.parse(frame, 0, probe.frameLength())).isEqualTo(FrameParser.TCP);
    return probe.classify(parser);
  }
}
