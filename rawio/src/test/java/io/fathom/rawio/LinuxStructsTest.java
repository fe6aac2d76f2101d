package io.fathom.rawio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The layouts against the sizes and offsets of the Linux x86_64 headers. */
class LinuxStructsTest {
  @Test
  void sizesMatchTheKernelHeaders() {
    assertThat(LinuxStructs.SOCKADDR_LL.byteSize()).isEqualTo(20);
    assertThat(LinuxStructs.IOVEC.byteSize()).isEqualTo(16);
    assertThat(LinuxStructs.MSGHDR.byteSize()).isEqualTo(56);
    assertThat(LinuxStructs.MMSGHDR.byteSize()).isEqualTo(64);
    assertThat(LinuxStructs.TPACKET2_HDR.byteSize()).isEqualTo(32);
    assertThat(LinuxStructs.SOCK_FPROG.byteSize()).isEqualTo(16);
    assertThat(LinuxStructs.SOCK_FILTER.byteSize()).isEqualTo(8);
    assertThat(LinuxStructs.POLLFD.byteSize()).isEqualTo(8);
    assertThat(LinuxStructs.TPACKET_REQ.byteSize()).isEqualTo(16);
    assertThat(LinuxStructs.TPACKET_REQ3.byteSize()).isEqualTo(28);
    assertThat(LinuxStructs.TPACKET_BLOCK_DESC.byteSize()).isEqualTo(48);
    assertThat(LinuxStructs.TPACKET3_HDR.byteSize()).isEqualTo(48);
    assertThat(LinuxStructs.TPACKET_STATS_V3.byteSize()).isEqualTo(12);
    assertThat(LinuxStructs.IFREQ.byteSize()).isEqualTo(40);
  }

  @Test
  void offsetsMatchTheKernelHeaders() {
    assertThat(LinuxStructs.SLL_PROTOCOL).isEqualTo(2);
    assertThat(LinuxStructs.SLL_IFINDEX).isEqualTo(4);
    assertThat(LinuxStructs.MSG_NAMELEN).isEqualTo(8);
    assertThat(LinuxStructs.MSG_IOV).isEqualTo(16);
    assertThat(LinuxStructs.MSG_IOVLEN).isEqualTo(24);
    assertThat(LinuxStructs.offset(LinuxStructs.MSGHDR, "msg_flags")).isEqualTo(48);
    assertThat(LinuxStructs.MMSG_LEN).isEqualTo(56);
    assertThat(LinuxStructs.TP2_LEN).isEqualTo(4);
    assertThat(LinuxStructs.BLOCK_STATUS).isEqualTo(8);
    assertThat(LinuxStructs.BLOCK_NUM_PKTS).isEqualTo(12);
    assertThat(LinuxStructs.BLOCK_FIRST_PKT).isEqualTo(16);
    assertThat(LinuxStructs.offset(LinuxStructs.TPACKET_BLOCK_DESC, "seq_num")).isEqualTo(24);
    assertThat(LinuxStructs.TP3_SNAPLEN).isEqualTo(12);
    assertThat(LinuxStructs.offset(LinuxStructs.TPACKET3_HDR, "tp_status")).isEqualTo(20);
    assertThat(LinuxStructs.TP3_MAC).isEqualTo(24);
    assertThat(LinuxStructs.FPROG_FILTER).isEqualTo(8);
    assertThat(LinuxStructs.POLL_REVENTS).isEqualTo(6);
    assertThat(LinuxStructs.IFR_DATA).isEqualTo(16);
    assertThat(TxRingSender.DATA_OFFSET).isEqualTo(LinuxStructs.TPACKET2_HDR.byteSize());
  }
}
