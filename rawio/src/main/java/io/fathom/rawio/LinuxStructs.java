package io.fathom.rawio;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The Linux x86_64 structures that raw I/O exchanges with the kernel, as layouts. Field offsets used on hot
 * paths are derived from these layouts once, so the layouts (checked against the sizes the kernel headers
 * give) are the single source of truth.
 */
final class LinuxStructs {
  private LinuxStructs() {}

  /** struct sockaddr_ll; the protocol is big-endian. */
  static final StructLayout SOCKADDR_LL = structLayout(
      JAVA_SHORT.withName("sll_family"),
      JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sll_protocol"),
      JAVA_INT.withName("sll_ifindex"),
      JAVA_SHORT.withName("sll_hatype"),
      JAVA_BYTE.withName("sll_pkttype"),
      JAVA_BYTE.withName("sll_halen"),
      sequenceLayout(8, JAVA_BYTE).withName("sll_addr"));

  static final StructLayout IOVEC = structLayout(ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));

  static final StructLayout MSGHDR = structLayout(
      ADDRESS.withName("msg_name"),
      JAVA_INT.withName("msg_namelen"),
      paddingLayout(4),
      ADDRESS.withName("msg_iov"),
      JAVA_LONG.withName("msg_iovlen"),
      ADDRESS.withName("msg_control"),
      JAVA_LONG.withName("msg_controllen"),
      JAVA_INT.withName("msg_flags"),
      paddingLayout(4));

  static final StructLayout MMSGHDR = structLayout(MSGHDR.withName("msg_hdr"), JAVA_INT.withName("msg_len"),
      paddingLayout(4));

  /** struct tpacket2_hdr: TX frame data starts right after it (32 bytes into the frame). */
  static final StructLayout TPACKET2_HDR = structLayout(
      JAVA_INT.withName("tp_status"),
      JAVA_INT.withName("tp_len"),
      JAVA_INT.withName("tp_snaplen"),
      JAVA_SHORT.withName("tp_mac"),
      JAVA_SHORT.withName("tp_net"),
      JAVA_INT.withName("tp_sec"),
      JAVA_INT.withName("tp_nsec"),
      JAVA_SHORT.withName("tp_vlan_tci"),
      JAVA_SHORT.withName("tp_vlan_tpid"),
      sequenceLayout(4, JAVA_BYTE).withName("tp_padding"));

  /** struct tpacket_req (TPACKET_V2 rings). */
  static final StructLayout TPACKET_REQ = structLayout(
      JAVA_INT.withName("tp_block_size"),
      JAVA_INT.withName("tp_block_nr"),
      JAVA_INT.withName("tp_frame_size"),
      JAVA_INT.withName("tp_frame_nr"));

  /** struct tpacket_req3 (TPACKET_V3 rings). */
  static final StructLayout TPACKET_REQ3 = structLayout(
      JAVA_INT.withName("tp_block_size"),
      JAVA_INT.withName("tp_block_nr"),
      JAVA_INT.withName("tp_frame_size"),
      JAVA_INT.withName("tp_frame_nr"),
      JAVA_INT.withName("tp_retire_blk_tov"),
      JAVA_INT.withName("tp_sizeof_priv"),
      JAVA_INT.withName("tp_feature_req_word"));

  /** struct tpacket_block_desc with its tpacket_hdr_v1 (the header of each TPACKET_V3 block). */
  static final StructLayout TPACKET_BLOCK_DESC = structLayout(
      JAVA_INT.withName("version"),
      JAVA_INT.withName("offset_to_priv"),
      JAVA_INT.withName("block_status"),
      JAVA_INT.withName("num_pkts"),
      JAVA_INT.withName("offset_to_first_pkt"),
      JAVA_INT.withName("blk_len"),
      JAVA_LONG.withName("seq_num"),
      JAVA_INT.withName("ts_first_sec"),
      JAVA_INT.withName("ts_first_nsec"),
      JAVA_INT.withName("ts_last_sec"),
      JAVA_INT.withName("ts_last_nsec"));

  /** struct tpacket3_hdr (one received frame inside a TPACKET_V3 block). */
  static final StructLayout TPACKET3_HDR = structLayout(
      JAVA_INT.withName("tp_next_offset"),
      JAVA_INT.withName("tp_sec"),
      JAVA_INT.withName("tp_nsec"),
      JAVA_INT.withName("tp_snaplen"),
      JAVA_INT.withName("tp_len"),
      JAVA_INT.withName("tp_status"),
      JAVA_SHORT.withName("tp_mac"),
      JAVA_SHORT.withName("tp_net"),
      JAVA_INT.withName("tp_rxhash"),
      JAVA_INT.withName("tp_vlan_tci"),
      JAVA_SHORT.withName("tp_vlan_tpid"),
      JAVA_SHORT.withName("hv1_padding"),
      sequenceLayout(8, JAVA_BYTE).withName("tp_padding"));

  /** struct tpacket_stats_v3. */
  static final StructLayout TPACKET_STATS_V3 = structLayout(
      JAVA_INT.withName("tp_packets"), JAVA_INT.withName("tp_drops"), JAVA_INT.withName("tp_freeze_q_cnt"));

  /** struct sock_filter: one classic BPF instruction. */
  static final StructLayout SOCK_FILTER = structLayout(
      JAVA_SHORT.withName("code"), JAVA_BYTE.withName("jt"), JAVA_BYTE.withName("jf"), JAVA_INT.withName("k"));

  /** struct sock_fprog: 6 bytes of padding after the u16 length. */
  static final StructLayout SOCK_FPROG = structLayout(
      JAVA_SHORT.withName("len"), paddingLayout(6), ADDRESS.withName("filter"));

  static final StructLayout POLLFD = structLayout(
      JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

  /** struct ifreq: a 16-byte name, then a 24-byte union (sockaddr, int, ...). */
  static final StructLayout IFREQ = structLayout(
      sequenceLayout(16, JAVA_BYTE).withName("ifr_name"), sequenceLayout(24, JAVA_BYTE).withName("ifr_ifru"));

  static final ValueLayout.OfShort BIG_ENDIAN_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

  static long offset(StructLayout layout, String field) {
    return layout.byteOffset(groupElement(field));
  }

  static final long SLL_FAMILY = offset(SOCKADDR_LL, "sll_family");
  static final long SLL_PROTOCOL = offset(SOCKADDR_LL, "sll_protocol");
  static final long SLL_IFINDEX = offset(SOCKADDR_LL, "sll_ifindex");

  static final long IOV_BASE = offset(IOVEC, "iov_base");
  static final long IOV_LEN = offset(IOVEC, "iov_len");

  static final long MSG_NAME = offset(MSGHDR, "msg_name");
  static final long MSG_NAMELEN = offset(MSGHDR, "msg_namelen");
  static final long MSG_IOV = offset(MSGHDR, "msg_iov");
  static final long MSG_IOVLEN = offset(MSGHDR, "msg_iovlen");
  static final long MMSG_LEN = offset(MMSGHDR, "msg_len");

  static final long TP2_STATUS = offset(TPACKET2_HDR, "tp_status");
  static final long TP2_LEN = offset(TPACKET2_HDR, "tp_len");

  static final long BLOCK_STATUS = offset(TPACKET_BLOCK_DESC, "block_status");
  static final long BLOCK_NUM_PKTS = offset(TPACKET_BLOCK_DESC, "num_pkts");
  static final long BLOCK_FIRST_PKT = offset(TPACKET_BLOCK_DESC, "offset_to_first_pkt");

  static final long TP3_NEXT_OFFSET = offset(TPACKET3_HDR, "tp_next_offset");
  static final long TP3_SEC = offset(TPACKET3_HDR, "tp_sec");
  static final long TP3_NSEC = offset(TPACKET3_HDR, "tp_nsec");
  static final long TP3_SNAPLEN = offset(TPACKET3_HDR, "tp_snaplen");
  static final long TP3_MAC = offset(TPACKET3_HDR, "tp_mac");

  static final long FPROG_LEN = offset(SOCK_FPROG, "len");
  static final long FPROG_FILTER = offset(SOCK_FPROG, "filter");

  static final long POLL_FD = offset(POLLFD, "fd");
  static final long POLL_EVENTS = offset(POLLFD, "events");
  static final long POLL_REVENTS = offset(POLLFD, "revents");

  static final long IFR_DATA = offset(IFREQ, "ifr_ifru");
}
