package io.fathom.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LinkTypesTest {
  private static final String IP = "4500001c";
  private static final String IP6 = "6000000000";

  @Test
  void ethernetWithNoneOneOrTwoVlanTags() {
    String macs = "ffffffffffff" + "020000000001";
    assertThat(offset(LinkTypes.ETHERNET, macs + "0800" + IP)).isEqualTo(14);
    assertThat(offset(LinkTypes.ETHERNET, macs + "8100" + "0064" + "0800" + IP)).isEqualTo(18);
    assertThat(offset(LinkTypes.ETHERNET, macs + "88a8" + "0064" + "8100" + "00c8" + "0800" + IP)).isEqualTo(22);
    assertThat(offset(LinkTypes.ETHERNET, macs + "8100" + "0001" + "8100" + "0002" + "8100" + "0003" + "0800" + IP))
        .isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "86dd" + IP6)).isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "0806" + "0001")).isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "0800")).as("nothing after the header").isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "08")).as("cut in the type").isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "8100" + "00")).isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "0800" + "65")).as("not version 4").isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "0800" + "45")).as("one byte of IP").isEqualTo(14);
    assertThat(offset(LinkTypes.ETHERNET, macs + "0800" + "4f00")).as("any header length").isEqualTo(14);
    assertThat(offset(LinkTypes.ETHERNET, macs + "0800" + "5500")).as("version 5").isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "0801" + IP)).as("another EtherType").isEqualTo(-1);
    assertThat(offset(LinkTypes.ETHERNET, macs + "1800" + IP)).as("another EtherType").isEqualTo(-1);
  }

  @Test
  void linuxCookedCaptures() {
    String sll = "0000" + "0001" + "0006" + "020000000001" + "0000";
    assertThat(offset(LinkTypes.LINUX_SLL, sll + "0800" + IP)).isEqualTo(16);
    assertThat(offset(LinkTypes.LINUX_SLL, sll + "86dd" + IP6)).isEqualTo(-1);
    assertThat(offset(LinkTypes.LINUX_SLL, sll + "08")).isEqualTo(-1);
    String sll2Rest = "0000" + "00000002" + "0001" + "00" + "06" + "020000000001" + "0000";
    assertThat(offset(LinkTypes.LINUX_SLL2, "0800" + sll2Rest + IP)).isEqualTo(20);
    assertThat(offset(LinkTypes.LINUX_SLL2, "86dd" + sll2Rest + IP6)).isEqualTo(-1);
    assertThat(offset(LinkTypes.LINUX_SLL2, "0800" + "0000")).isEqualTo(-1);
  }

  @Test
  void loopbackFamiliesInEitherByteOrder() {
    assertThat(offset(LinkTypes.NULL, "02000000" + IP)).isEqualTo(4);
    assertThat(offset(LinkTypes.NULL, "00000002" + IP)).isEqualTo(4);
    assertThat(offset(LinkTypes.LOOP, "00000002" + IP)).isEqualTo(4);
    assertThat(offset(LinkTypes.NULL, "1e000000" + IP6)).as("AF_INET6 on BSD").isEqualTo(-1);
    assertThat(offset(LinkTypes.LOOP, "0000001c" + IP6)).isEqualTo(-1);
    assertThat(offset(LinkTypes.NULL, "0200")).isEqualTo(-1);
  }

  @Test
  void rawIpByVersionNibble() {
    assertThat(offset(LinkTypes.RAW, IP)).isZero();
    assertThat(offset(LinkTypes.IPV4, IP)).isZero();
    assertThat(offset(LinkTypes.RAW, IP6)).isEqualTo(-1);
    assertThat(offset(LinkTypes.RAW, "")).isEqualTo(-1);
  }

  @Test
  void unknownLinkTypesAndOffsetsIntoLargerSegments() {
    assertThat(offset(105, "0800" + IP)).isEqualTo(-1);
    assertThat(offset(4242, IP)).isEqualTo(-1);
    MemorySegment segment = MemorySegment.ofArray(HexFormat.of().parseHex("ffff" + "02000000" + IP + "ffff"));
    assertThat(LinkTypes.networkLayerOffset(LinkTypes.NULL, segment, 2, 8)).isEqualTo(4);
    assertThat(LinkTypes.networkLayerOffset(LinkTypes.NULL, segment, 2, 4)).as("length bounds the packet")
        .isEqualTo(-1);
  }

  private static int offset(int linkType, String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    return LinkTypes.networkLayerOffset(linkType, MemorySegment.ofArray(bytes), 0, bytes.length);
  }
}
