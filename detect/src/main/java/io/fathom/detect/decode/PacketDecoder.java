package io.fathom.detect.decode;

import io.fathom.detect.PacketView;
import io.fathom.packet.NetworkOrder;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an IPv4 packet and its TCP, UDP or ICMP header into a reused {@link PacketView}.
 *
 * <p>Every read is bounded by the smaller of {@code capturedLength} and what the segment holds past
 * {@code ipOffset}; no header field is trusted to give a length. Nothing is thrown and nothing is allocated:
 * what cannot be decoded is counted by {@link DecodeFailure} and the fields it would have given stay cleared
 * (ports 0, MSS -1). The link layer is the caller's: decoding starts at the IP header.
 */
public final class PacketDecoder {
  private static final int IPV4_MIN_HEADER = 20;
  private static final int TCP_MIN_HEADER = 20;
  private static final int UDP_HEADER = 8;
  private static final int ICMP_HEADER = 8;
  private static final int MAX_OPTION_KINDS = 8;
  private static final int OPTION_EOL = 0;
  private static final int OPTION_NOP = 1;
  private static final int OPTION_MSS = 2;
  /** An MSS option's first two bytes: kind 2, length 4. */
  private static final int MSS_KIND_LENGTH = 0x0204;

  private final long[] failures = new long[DecodeFailure.values().length];
  private long decoded;
  private long rejected;

  /**
   * Decodes one packet.
   *
   * @param seg the memory holding the packet
   * @param ipOffset where the IPv4 header starts in {@code seg}
   * @param capturedLength bytes captured from {@code ipOffset} on (may be less than the IP total length)
   * @param timestampNanos capture time, nanoseconds since the epoch
   * @param out filled: every field written, those the packet lacks as {@link PacketView#clear} leaves them
   * @return true when {@code out} holds at least the IPv4 addresses; false for non-IPv4 or a header too short
   */
  public boolean decode(MemorySegment seg, long ipOffset, int capturedLength, long timestampNanos, PacketView out) {
    long available = available(seg, ipOffset, capturedLength);
    if (available < IPV4_MIN_HEADER) {
      return reject(available < 1 || NetworkOrder.getU8(seg, ipOffset) >>> 4 == 4 ? DecodeFailure.TRUNCATED_IP
          : DecodeFailure.NOT_IPV4, timestampNanos, out);
    }
    // The fixed header in three reads: version to fragment offset, TTL to source, destination.
    long front = seg.get(NetworkOrder.LONG, ipOffset);
    int versionIhl = (int) (front >>> 56);
    if (versionIhl >>> 4 != 4) {
      return reject(DecodeFailure.NOT_IPV4, timestampNanos, out);
    }
    long middle = seg.get(NetworkOrder.LONG, ipOffset + 8);
    // Every field is written once below, on every path (the transport's by the protocol's decoder, or cleared),
    // rather than all cleared first and most written again.
    out.timestampNanos = timestampNanos;
    int headerLength = (versionIhl & 0x0F) * 4;
    out.ipLength = (int) (front >>> 32) & 0xFFFF;
    out.ipId = (int) (front >>> 16) & 0xFFFF;
    int fragmentField = (int) front & 0xFFFF;
    out.fragment = (fragmentField & 0x3FFF) != 0; // more-fragments flag or a non-zero offset
    out.ttl = (int) (middle >>> 56);
    out.protocol = (int) (middle >>> 48) & 0xFF;
    out.srcIp = (int) middle;
    out.dstIp = NetworkOrder.getInt(seg, ipOffset + 16);
    decoded++;
    if (headerLength < IPV4_MIN_HEADER) {
      clearTransport(out);
      return fail(DecodeFailure.BAD_IHL);
    }
    if (out.ipLength < headerLength) {
      clearTransport(out);
      return fail(DecodeFailure.BAD_TOTAL_LENGTH);
    }
    if ((fragmentField & 0x1FFF) != 0) {
      clearTransport(out);
      return true; // a later fragment carries no transport header
    }
    if (available < headerLength) {
      clearTransport(out);
      return fail(DecodeFailure.TRUNCATED_TRANSPORT);
    }
    long transport = ipOffset + headerLength;
    long transportAvailable = available - headerLength;
    int ipPayload = out.ipLength - headerLength;
    if (out.protocol == PacketView.PROTO_TCP) {
      decodeTcp(seg, transport, transportAvailable, ipPayload, out);
      return true;
    }
    clearTransport(out);
    switch (out.protocol) {
      case PacketView.PROTO_UDP -> decodeUdp(seg, transport, transportAvailable, ipPayload, out);
      case PacketView.PROTO_ICMP -> decodeIcmp(seg, transport, transportAvailable, ipPayload, out);
      default -> out.payloadLength = ipPayload;
    }
    return true;
  }

  /** The fields above IPv4 as {@link PacketView#clear} leaves them. */
  private static void clearTransport(PacketView out) {
    out.srcPort = 0;
    out.dstPort = 0;
    out.tcpFlags = 0;
    out.seq = 0;
    out.ack = 0;
    out.window = 0;
    out.tcpOptionsLength = 0;
    out.tcpOptionKinds = 0;
    out.mss = -1;
    out.payloadLength = 0;
    out.icmpType = 0;
    out.icmpCode = 0;
  }

  private static long available(MemorySegment seg, long ipOffset, int capturedLength) {
    if (seg == null || ipOffset < 0 || capturedLength <= 0 || ipOffset >= seg.byteSize()) {
      return 0;
    }
    return Math.min(capturedLength, seg.byteSize() - ipOffset);
  }

  /** Writes every field above IPv4. */
  private void decodeTcp(MemorySegment seg, long tcp, long available, int ipPayload, PacketView out) {
    if (available < TCP_MIN_HEADER) {
      clearTransport(out);
      fail(DecodeFailure.TRUNCATED_TRANSPORT);
      return;
    }
    out.icmpType = 0;
    out.icmpCode = 0;
    out.mss = -1;
    long ports = seg.get(NetworkOrder.LONG, tcp); // ports and sequence number
    long control = seg.get(NetworkOrder.LONG, tcp + 8); // acknowledgment, data offset, flags, window
    out.srcPort = (int) (ports >>> 48);
    out.dstPort = (int) (ports >>> 32) & 0xFFFF;
    out.seq = (int) ports;
    out.ack = (int) (control >>> 32);
    int dataOffset = ((int) (control >>> 28) & 0x0F) * 4;
    out.tcpFlags = (int) (control >>> 16) & 0xFF;
    out.window = (int) control & 0xFFFF;
    if (dataOffset < TCP_MIN_HEADER) {
      out.tcpOptionsLength = 0;
      out.tcpOptionKinds = 0;
      out.payloadLength = Math.max(0, ipPayload - TCP_MIN_HEADER);
      fail(DecodeFailure.BAD_TCP_OFFSET);
      return;
    }
    out.tcpOptionsLength = dataOffset - TCP_MIN_HEADER;
    out.payloadLength = Math.max(0, ipPayload - dataOffset);
    if (available < dataOffset) {
      fail(DecodeFailure.TRUNCATED_TRANSPORT);
    }
    long options = tcp + TCP_MIN_HEADER;
    int optionBytes = (int) (Math.min(dataOffset, available) - TCP_MIN_HEADER);
    // Nearly every scan probe has no options or an MSS alone. Which of the two a packet has is as unpredictable
    // as the tools in the capture, so both are read without a branch on it (from four bytes that always lie in
    // the packet: the options' first, or the header's last); any other list is parsed option by option.
    int word = NetworkOrder.getInt(seg, Math.min(options, tcp + available - 4));
    int mssAlone = isZero(optionBytes ^ 4 | (word >>> 16) ^ MSS_KIND_LENGTH);
    if ((isZero(optionBytes) | mssAlone) != 0) {
      out.tcpOptionKinds = OPTION_MSS * mssAlone;
      out.mss = ((word & 0xFFFF) + 1) * mssAlone - 1;
      return;
    }
    decodeOptions(seg, options, options + optionBytes, out);
  }

  /** 1 when {@code x} is zero, else 0, without a branch. */
  private static int isZero(int x) {
    return 1 - ((x | -x) >>> 31);
  }

  /** Reads option kinds (up to 8, EOL ends the list) and the MSS value, never past {@code end}. */
  private void decodeOptions(MemorySegment seg, long start, long end, PacketView out) {
    long kinds = 0;
    int count = 0;
    long at = start;
    while (at < end) {
      int kind = NetworkOrder.getU8(seg, at);
      if (kind == OPTION_EOL) {
        break;
      }
      if (count < MAX_OPTION_KINDS) {
        kinds |= (long) kind << (8 * count);
      }
      count++;
      if (kind == OPTION_NOP) {
        at++;
        continue;
      }
      if (at + 1 >= end) {
        fail(DecodeFailure.BAD_TCP_OPTIONS);
        break;
      }
      int length = NetworkOrder.getU8(seg, at + 1);
      if (length < 2 || at + length > end) {
        fail(DecodeFailure.BAD_TCP_OPTIONS);
        break;
      }
      if (kind == OPTION_MSS && length == 4) {
        out.mss = NetworkOrder.getU16(seg, at + 2);
      }
      at += length;
    }
    out.tcpOptionKinds = kinds;
  }

  private void decodeUdp(MemorySegment seg, long udp, long available, int ipPayload, PacketView out) {
    if (available < UDP_HEADER) {
      fail(DecodeFailure.TRUNCATED_TRANSPORT);
      return;
    }
    out.srcPort = NetworkOrder.getU16(seg, udp);
    out.dstPort = NetworkOrder.getU16(seg, udp + 2);
    out.payloadLength = Math.max(0, ipPayload - UDP_HEADER);
  }

  private void decodeIcmp(MemorySegment seg, long icmp, long available, int ipPayload, PacketView out) {
    if (available >= 2) {
      out.icmpType = NetworkOrder.getU8(seg, icmp);
      out.icmpCode = NetworkOrder.getU8(seg, icmp + 1);
    }
    if (available < ICMP_HEADER) {
      fail(DecodeFailure.TRUNCATED_TRANSPORT);
      return;
    }
    out.payloadLength = Math.max(0, ipPayload - ICMP_HEADER);
  }

  private boolean reject(DecodeFailure failure, long timestampNanos, PacketView out) {
    out.clear();
    out.timestampNanos = timestampNanos;
    failures[failure.ordinal()]++;
    rejected++;
    return false;
  }

  private boolean fail(DecodeFailure failure) {
    failures[failure.ordinal()]++;
    return true;
  }

  /** Packets of which at least the IPv4 addresses were decoded. */
  public long decoded() {
    return decoded;
  }

  /** Packets for which {@link #decode} returned false. */
  public long rejected() {
    return rejected;
  }

  public long failures(DecodeFailure failure) {
    return failures[failure.ordinal()];
  }

  /** Every counter by name, for reports. */
  public Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("decoded", decoded);
    counters.put("rejected", rejected);
    for (DecodeFailure failure : DecodeFailure.values()) {
      counters.put(failure.label(), failures[failure.ordinal()]);
    }
    return counters;
  }
}
