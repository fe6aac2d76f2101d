package io.fathom.detect.decode;

/** Why {@link PacketDecoder} could not decode (all of) a packet; each is counted, never thrown. */
public enum DecodeFailure {
  /** The version nibble is not 4 (IPv6, garbage, or a link layer the caller did not strip). */
  NOT_IPV4("not-ipv4"),
  /** Fewer than 20 bytes captured, or fewer than the segment holds: no addresses to read. */
  TRUNCATED_IP("truncated-ip"),
  /** Header length field below 5 words: addresses kept, transport not decoded. */
  BAD_IHL("bad-ihl"),
  /** Total length smaller than the header length: addresses kept, transport not decoded. */
  BAD_TOTAL_LENGTH("bad-total-length"),
  /** The capture cut the TCP, UDP or ICMP header (or the TCP options). */
  TRUNCATED_TRANSPORT("truncated-transport"),
  /** TCP data offset below 5 words. */
  BAD_TCP_OFFSET("bad-tcp-offset"),
  /** A TCP option with a length below 2 or running past the header. */
  BAD_TCP_OPTIONS("bad-tcp-options");

  private final String label;

  DecodeFailure(String label) {
    this.label = label;
  }

  /** The name used in statistics. */
  public String label() {
    return label;
  }
}
