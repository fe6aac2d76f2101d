package io.fathom.probe.tcp;

import io.fathom.packet.FrameParser;
import io.fathom.packet.TcpHeader;
import io.fathom.packet.TcpProbeTemplate;
import io.fathom.probe.ProbeCookies;
import io.fathom.probe.ProbeModule;
import io.fathom.probe.ProbeSetup;
import io.fathom.probe.ReplyVerdict;
import java.lang.foreign.MemorySegment;

/**
 * TCP SYN ("half-open") scan, Nmap's {@code -sS}: a SYN-ACK means open, a RST means closed, silence means
 * filtered (not reported by a stateless scan). The cookie rides in the sequence number and picks the source
 * port; a reply is valid only if it reaches that port and acknowledges sequence + 1.
 *
 * <p>Fathom's own fingerprint: IPv4 ID = (sequence >>> 16) ^ destination port ^ 0x4654, TTL 64, window 64240,
 * a single MSS 1460 option (see the README).
 */
public final class SynProbe implements ProbeModule {
  /** Mixed into the IP ID so that Fathom's probes can be recognised by anyone who reads the README. */
  public static final int IP_ID_SIGNATURE = 0x4654;

  public static final int WINDOW = 64240;

  private static final int[] REPLY_PROTOCOLS = {6};

  private TcpProbeTemplate template;
  private ProbeCookies cookies;
  private int sourceIp;

  @Override
  public String name() {
    return "syn";
  }

  @Override
  public String protocolName() {
    return "tcp";
  }

  @Override
  public int[] replyProtocols() {
    return REPLY_PROTOCOLS.clone();
  }

  @Override
  public void prepare(ProbeSetup setup) {
    this.cookies = setup.cookies();
    this.sourceIp = setup.sourceIp();
    this.template = new TcpProbeTemplate(TcpProbeTemplate.Spec.builder()
        .sourceMac(setup.sourceMac())
        .gatewayMac(setup.gatewayMac())
        .sourceIp(setup.sourceIp())
        .ttl(setup.ttl())
        .window(WINDOW)
        .flags(TcpHeader.SYN)
        .build());
  }

  @Override
  public int frameLength() {
    return template.frameLength();
  }

  @Override
  public void write(MemorySegment frame, long offset, int address, int port, int probeIndex) {
    long cookie = cookies.cookie(address, port);
    int sequence = ProbeCookies.sequence(cookie);
    int ipId = ((sequence >>> 16) ^ port ^ IP_ID_SIGNATURE) & 0xFFFF;
    template.write(frame, offset, address, cookies.sourcePort(cookie), port, sequence, ipId);
  }

  @Override
  public int classify(FrameParser parsed) {
    if (parsed.dstIp() != sourceIp) {
      return ReplyVerdict.UNRELATED;
    }
    long cookie = cookies.cookie(parsed.srcIp(), parsed.srcPort());
    if (parsed.dstPort() != cookies.sourcePort(cookie) || parsed.ack() - 1 != ProbeCookies.sequence(cookie)) {
      return ReplyVerdict.INVALID;
    }
    int flags = parsed.tcpFlags();
    if ((flags & TcpHeader.RST) != 0) {
      return ReplyVerdict.CLOSED;
    }
    if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == (TcpHeader.SYN | TcpHeader.ACK)) {
      return ReplyVerdict.OPEN;
    }
    return ReplyVerdict.INVALID;
  }
}
