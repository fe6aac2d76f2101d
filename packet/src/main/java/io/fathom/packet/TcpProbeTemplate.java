package io.fathom.packet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A prebuilt Ethernet/IPv4/TCP probe frame: the constant bytes are written once, and {@link #write} copies them
 * and patches only the per-probe fields (IP id, destination address, ports, sequence number).
 *
 * <p>Checksums are never summed again per probe. At build time each checksum's one's-complement sum is taken
 * with the varying fields zeroed (the TCP sum includes the pseudo-header with a zero destination); a probe adds
 * its varying 16-bit words to that base, folds, and complements. Because one's-complement addition is
 * associative and commutative, this equals a full recomputation bit for bit (see {@link Checksums}).
 */
public final class TcpProbeTemplate {
  public static final int IP_OFFSET = EthernetHeader.LENGTH;
  public static final int TCP_OFFSET = IP_OFFSET + Ipv4Header.LENGTH;

  private final Spec spec;
  private final MemorySegment template;
  private final int frameLength;
  private final int ipBaseSum;
  private final int tcpBaseSum;

  public TcpProbeTemplate(Spec spec) {
    this.spec = spec;
    this.frameLength = TCP_OFFSET + TcpHeader.LENGTH + spec.options.length;
    this.template = Arena.ofAuto().allocate(frameLength, 8);
    int tcpLength = frameLength - TCP_OFFSET;
    new EthernetHeader().wrap(template, 0)
        .destination(spec.gatewayMac)
        .source(spec.sourceMac)
        .etherType(EthernetHeader.ETHERTYPE_IPV4);
    new Ipv4Header().wrap(template, IP_OFFSET)
        .versionIhl(Ipv4Header.VERSION_IHL_NO_OPTIONS)
        .tos(spec.tos)
        .totalLength(Ipv4Header.LENGTH + tcpLength)
        .flagsFragment(spec.dontFragment ? Ipv4Header.FLAG_DF : 0)
        .ttl(spec.ttl)
        .protocol(Ipv4Header.PROTO_TCP)
        .source(spec.sourceIp);
    new TcpHeader().wrap(template, TCP_OFFSET)
        .dataOffset(tcpLength / 4)
        .flags(spec.flags)
        .window(spec.window);
    MemorySegment.copy(spec.options, 0, template, ValueLayout.JAVA_BYTE, TCP_OFFSET + TcpHeader.LENGTH,
        spec.options.length);
    // Id, destination, ports, sequence and both checksums are still zero here: these are the base sums.
    this.ipBaseSum = Checksums.sum(template, IP_OFFSET, Ipv4Header.LENGTH);
    this.tcpBaseSum = Checksums.fold(Checksums.sum(template, TCP_OFFSET, tcpLength)
        + (long) Checksums.tcpPseudoHeaderSum(spec.sourceIp, 0, Ipv4Header.PROTO_TCP, tcpLength));
  }

  public Spec spec() {
    return spec;
  }

  /** Bytes {@link #write} puts in a frame: 54 plus the padded options (58 with the default MSS option). */
  public int frameLength() {
    return frameLength;
  }

  /** A read-only view of the template bytes (varying fields and checksums zero). */
  public MemorySegment templateBytes() {
    return template.asReadOnly();
  }

  /**
   * Writes one probe frame of {@link #frameLength()} bytes at {@code offset}; allocation-free. The caller
   * supplies all varying values (typically derived from a keyed hash of the target, for stateless validation).
   */
  public void write(MemorySegment frame, long offset, int dstIp, int srcPort, int dstPort, int seq, int ipId) {
    MemorySegment.copy(template, 0, frame, offset, frameLength);
    long ip = offset + IP_OFFSET;
    long tcp = offset + TCP_OFFSET;
    int dstWords = (dstIp >>> 16) + (dstIp & 0xFFFF);
    frame.set(NetworkOrder.SHORT, ip + Ipv4Header.ID_OFFSET, (short) ipId);
    frame.set(NetworkOrder.INT, ip + Ipv4Header.DESTINATION_OFFSET, dstIp);
    frame.set(NetworkOrder.SHORT, ip + Ipv4Header.CHECKSUM_OFFSET,
        (short) complementOfFolded(ipBaseSum + (ipId & 0xFFFF) + dstWords));
    // Source and destination port are adjacent: one 32-bit store.
    frame.set(NetworkOrder.INT, tcp + TcpHeader.SOURCE_PORT_OFFSET, (srcPort << 16) | (dstPort & 0xFFFF));
    frame.set(NetworkOrder.INT, tcp + TcpHeader.SEQ_OFFSET, seq);
    int tcpSum = tcpBaseSum + dstWords + (srcPort & 0xFFFF) + (dstPort & 0xFFFF) + (seq >>> 16) + (seq & 0xFFFF);
    frame.set(NetworkOrder.SHORT, tcp + TcpHeader.CHECKSUM_OFFSET, (short) complementOfFolded(tcpSum));
  }

  /** Folds a sum of at most eight 16-bit terms (below 2^19, so two folds suffice) and complements it. */
  private static int complementOfFolded(int sum) {
    int s = (sum & 0xFFFF) + (sum >>> 16);
    s = (s & 0xFFFF) + (s >>> 16);
    return ~s & 0xFFFF;
  }

  /** What goes into a template; immutable, made by {@link #builder()}. */
  public static final class Spec {
    private final long sourceMac;
    private final long gatewayMac;
    private final int sourceIp;
    private final int ttl;
    private final int tos;
    private final boolean dontFragment;
    private final int window;
    private final int flags;
    private final byte[] options;

    private Spec(Builder b) {
      this.sourceMac = b.sourceMac;
      this.gatewayMac = b.gatewayMac;
      this.sourceIp = b.sourceIp;
      this.ttl = b.ttl;
      this.tos = b.tos;
      this.dontFragment = b.dontFragment;
      this.window = b.window;
      this.flags = b.flags;
      this.options = TcpOptions.padded(b.options);
    }

    public static Builder builder() {
      return new Builder();
    }

    public long sourceMac() {
      return sourceMac;
    }

    public long gatewayMac() {
      return gatewayMac;
    }

    public int sourceIp() {
      return sourceIp;
    }

    public int ttl() {
      return ttl;
    }

    public int tos() {
      return tos;
    }

    public boolean dontFragment() {
      return dontFragment;
    }

    public int window() {
      return window;
    }

    public int flags() {
      return flags;
    }

    /** The options as written, padded to a multiple of 4 bytes (a copy). */
    public byte[] options() {
      return options.clone();
    }
  }

  /**
   * Builds a {@link Spec}. Source MAC, gateway MAC and source IP are required; TTL defaults to 64, window to
   * 65535, flags to SYN, options to a single MSS 1460, TOS to 0, Don't Fragment to off.
   */
  public static final class Builder {
    private long sourceMac = -1;
    private long gatewayMac = -1;
    private boolean sourceIpSet;
    private int sourceIp;
    private int ttl = 64;
    private int tos;
    private boolean dontFragment;
    private int window = 65535;
    private int flags = TcpHeader.SYN;
    private byte[] options = TcpOptions.mss(1460);

    private Builder() {}

    public Builder sourceMac(long mac) {
      this.sourceMac = checkMac(mac, "source");
      return this;
    }

    /** The next hop's MAC: the Ethernet destination of every probe. */
    public Builder gatewayMac(long mac) {
      this.gatewayMac = checkMac(mac, "gateway");
      return this;
    }

    public Builder sourceIp(int address) {
      this.sourceIp = address;
      this.sourceIpSet = true;
      return this;
    }

    public Builder ttl(int ttl) {
      this.ttl = checkRange(ttl, 1, 255, "TTL");
      return this;
    }

    public Builder tos(int tos) {
      this.tos = checkRange(tos, 0, 255, "TOS");
      return this;
    }

    public Builder dontFragment(boolean dontFragment) {
      this.dontFragment = dontFragment;
      return this;
    }

    public Builder window(int window) {
      this.window = checkRange(window, 0, 65535, "TCP window");
      return this;
    }

    /** Any combination of {@link TcpHeader#FIN} through {@link TcpHeader#CWR} (0 for a NULL scan). */
    public Builder flags(int flags) {
      this.flags = checkRange(flags, 0, 255, "TCP flags");
      return this;
    }

    /** Raw option bytes (at most 40), padded with end-of-list bytes to a multiple of 4. */
    public Builder options(byte[] options) {
      this.options = TcpOptions.padded(options);
      return this;
    }

    public Spec build() {
      if (sourceMac < 0 || gatewayMac < 0 || !sourceIpSet) {
        throw new IllegalStateException("a TCP probe template needs source MAC, gateway MAC and source IP");
      }
      return new Spec(this);
    }

    private static long checkMac(long mac, String what) {
      if ((mac & ~Macs.MASK) != 0) {
        throw new IllegalArgumentException(what + " MAC has more than 48 bits: " + Long.toHexString(mac));
      }
      return mac;
    }

    private static int checkRange(int value, int min, int max, String what) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], not " + value);
      }
      return value;
    }
  }
}
