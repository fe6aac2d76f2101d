package io.fathom.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
  /** A SYN captured from a Linux host (192.168.254.103:59058 -> 192.168.254.107:8888), with its own checksums. */
  static final String REAL_SYN_IP = "4500003c4867400040067430c0a8fe67c0a8fe6b";
  static final String REAL_SYN_TCP = "e6b222b860a0e96f00000000a002ffffd5020000020405b40402080a0055a10800000000"
      + "01030307";
  /** A SYN captured with TCP checksum 0xffff: the other representation of zero (10.120.10.2 -> 10.120.10.1). */
  static final String FFFF_SYN_IP = "4500003c 73634000 40069e66 0a780a02 0a780a01";
  static final String FFFF_SYN_TCP = "a9f65213 0815f744 00000000 a002faf0 ffff0000 020405b4 0402080a 7fd1a8e7"
      + "00000000 01030307";

  private final SplittableRandom random = new SplittableRandom(42);

  @Test
  void knownIpHeadersVerifyAndRecompute() {
    MemorySegment ip = TestFrames.hex(REAL_SYN_IP);
    assertThat(Checksums.sum(ip, 0, 20)).isEqualTo(0xFFFF);
    assertThat(Checksums.internet(ip, 0, 20)).isZero();
    new Ipv4Header().wrap(ip, 0).computeChecksum();
    assertThat(new Ipv4Header().wrap(ip, 0).checksum()).isEqualTo(0x7430);
    assertThat(Checksums.sum(TestFrames.hex(FFFF_SYN_IP), 0, 20)).isEqualTo(0xFFFF);
  }

  @Test
  void realSynTcpChecksumIsReproduced() {
    MemorySegment tcp = TestFrames.hex(REAL_SYN_TCP);
    int src = Ipv4.parse("192.168.254.103");
    int dst = Ipv4.parse("192.168.254.107");
    assertThat(Checksums.tcpChecksum(tcp, 0, 40, src, dst)).isEqualTo(0xD502);
    assertThat(Checksums.transportValid(tcp, 0, 40, src, dst, Ipv4Header.PROTO_TCP)).isTrue();
    assertThat(Checksums.transportValid(tcp, 0, 40, src, dst + 1, Ipv4Header.PROTO_TCP)).isFalse();
    assertThat(Checksums.tcpPseudoHeaderSum(src, dst, 6, 40))
        .isEqualTo(TestFrames.referenceSum(TestFrames.hex("c0a8fe67c0a8fe6b00060028").toArray(ValueLayout.JAVA_BYTE),
            0, 12));
  }

  @Test
  void bothRepresentationsOfZeroVerifyAndWeComputeTheCanonicalOne() {
    MemorySegment tcp = TestFrames.hex(FFFF_SYN_TCP);
    int src = Ipv4.parse("10.120.10.2");
    int dst = Ipv4.parse("10.120.10.1");
    assertThat(Checksums.transportValid(tcp, 0, 40, src, dst, Ipv4Header.PROTO_TCP)).isTrue();
    // RFC 1071 arithmetic never yields 0xffff for non-zero data; it gives +0, which verifies too.
    assertThat(Checksums.tcpChecksum(tcp, 0, 40, src, dst)).isZero();
    new TcpHeader().wrap(tcp, 0).checksum(0);
    assertThat(Checksums.transportValid(tcp, 0, 40, src, dst, Ipv4Header.PROTO_TCP)).isTrue();
  }

  @Test
  void sumMatchesTheReferenceForEveryLengthAndAlignment() {
    MemorySegment buffer = Arena.ofAuto().allocate(1600);
    for (int i = 0; i < 20_000; i++) {
      int length = i < 2_000 ? i % 100 : random.nextInt(1500);
      int offset = random.nextInt(64);
      byte[] data = randomData(length);
      MemorySegment.copy(data, 0, buffer, ValueLayout.JAVA_BYTE, offset, length);
      int expectedSum = length == 0 ? 0 : TestFrames.referenceSum(data, 0, length);
      assertThat(Checksums.sum(buffer, offset, length)).as("length %d offset %d", length, offset)
          .isEqualTo(expectedSum);
      assertThat(Checksums.internet(buffer, offset, length)).isEqualTo(~expectedSum & 0xFFFF);
    }
  }

  @Test
  void extremeDataFoldsCorrectly() {
    MemorySegment ones = Arena.ofAuto().allocate(4096).fill((byte) 0xFF);
    assertThat(Checksums.sum(ones, 0, 4096)).isEqualTo(0xFFFF);
    assertThat(Checksums.sum(ones, 1, 4095)).isEqualTo(TestFrames.referenceSum(ones.toArray(ValueLayout.JAVA_BYTE),
        1, 4095));
    MemorySegment zeros = Arena.ofAuto().allocate(64);
    assertThat(Checksums.sum(zeros, 0, 64)).isZero();
    assertThat(Checksums.internet(zeros, 0, 64)).isEqualTo(0xFFFF);
    assertThat(Checksums.fold(-1L)).isEqualTo(0xFFFF);
    assertThat(Checksums.fold(0x1_0000L)).isEqualTo(1);
  }

  @Test
  void transportChecksumsIgnoreTheFieldInPlaceAndMatchTheReference() {
    for (int i = 0; i < 5_000; i++) {
      int length = 20 + random.nextInt(200);
      byte[] data = randomData(length);
      MemorySegment segment = MemorySegment.ofArray(data);
      int src = random.nextInt();
      int dst = random.nextInt();
      byte[] withPseudo = pseudoAndSegment(src, dst, i % 2 == 0 ? 6 : 17, data);
      int tcpField = TcpHeader.CHECKSUM_OFFSET;
      int udpField = UdpHeader.CHECKSUM_OFFSET;
      if (i % 2 == 0) {
        withPseudo[12 + tcpField] = 0;
        withPseudo[13 + tcpField] = 0;
        int expected = TestFrames.referenceChecksum(withPseudo, 0, withPseudo.length);
        assertThat(Checksums.tcpChecksum(segment, 0, length, src, dst)).isEqualTo(expected);
        new TcpHeader().wrap(segment, 0).computeChecksum(src, dst, length);
        assertThat(Checksums.transportValid(segment, 0, length, src, dst, 6)).isTrue();
      } else {
        withPseudo[12 + udpField] = 0;
        withPseudo[13 + udpField] = 0;
        int expected = TestFrames.referenceChecksum(withPseudo, 0, withPseudo.length);
        assertThat(Checksums.udpChecksum(segment, 0, length, src, dst)).isEqualTo(expected == 0 ? 0xFFFF : expected);
        assertThat(Checksums.icmpChecksum(segment, 0, length))
            .isEqualTo(TestFrames.referenceChecksum(zeroWordAt(data, 2), 0, length));
      }
    }
  }

  @Test
  void udpSendsAComputedZeroAsAllOnes() {
    byte[] data = new byte[10];
    MemorySegment udp = MemorySegment.ofArray(data);
    int src = 0x0A00_0001;
    int dst = 0x0A00_0002;
    new UdpHeader().wrap(udp, 0).sourcePort(1000).destinationPort(53).length(10).checksum(0);
    // Choose the last data word so that the whole sum is 0xffff, making the computed checksum +0.
    int partial = Checksums.fold(Checksums.sum(udp, 0, 10) + (long) Checksums.tcpPseudoHeaderSum(src, dst, 17, 10));
    NetworkOrder.putU16(udp, 8, 0xFFFF - partial);
    assertThat(Checksums.fold(Checksums.sum(udp, 0, 10) + (long) Checksums.tcpPseudoHeaderSum(src, dst, 17, 10)))
        .isEqualTo(0xFFFF);
    assertThat(Checksums.udpChecksum(udp, 0, 10, src, dst)).isEqualTo(0xFFFF);
    new UdpHeader().wrap(udp, 0).computeChecksum(src, dst);
    assertThat(Checksums.transportValid(udp, 0, 10, src, dst, 17)).isTrue();
  }

  @Test
  void incrementalUpdateEqualsFullRecomputation() {
    for (int i = 0; i < 20_000; i++) {
      int length = 2 * (2 + random.nextInt(40));
      byte[] data = randomData(length);
      MemorySegment segment = MemorySegment.ofArray(data);
      int checksum = Checksums.internet(segment, 0, length);
      if (random.nextBoolean()) {
        int at = 2 * random.nextInt(length / 2);
        int oldWord = NetworkOrder.getU16(segment, at);
        int newWord = random.nextInt(8) == 0 ? oldWord ^ 0xFFFF : random.nextInt(0x10000);
        NetworkOrder.putU16(segment, at, newWord);
        assertAdjusted(Checksums.adjust(checksum, oldWord, newWord), segment, length);
      } else {
        int at = 2 * random.nextInt(length / 2 - 1);
        int oldValue = NetworkOrder.getInt(segment, at);
        int newValue = random.nextInt();
        NetworkOrder.putInt(segment, at, newValue);
        assertAdjusted(Checksums.adjust32(checksum, oldValue, newValue), segment, length);
      }
    }
  }

  /** Bit-exact, except that data turned all zero may come out as 0x0000 rather than 0xffff (both mean zero). */
  private static void assertAdjusted(int adjusted, MemorySegment segment, int length) {
    if (Checksums.sum(segment, 0, length) == 0) {
      assertThat(adjusted).isIn(0, 0xFFFF);
    } else {
      assertThat(adjusted).isEqualTo(Checksums.internet(segment, 0, length));
    }
  }

  @Test
  void incrementalUpdateToAllZeroDataGivesAZero() {
    MemorySegment segment = MemorySegment.ofArray(new byte[] {0, 0, 0x12, 0x34});
    int checksum = Checksums.internet(segment, 0, 4);
    assertThat(checksum).isEqualTo(~0x1234 & 0xFFFF);
    assertThat(Checksums.adjust(checksum, 0x1234, 0)).isIn(0, 0xFFFF);
    assertThat(Checksums.adjust(checksum, 0x1234, 0x1235)).isEqualTo(~0x1235 & 0xFFFF);
  }

  @Test
  void incrementalUpdateOfTheRealSynsTtl() {
    MemorySegment ip = TestFrames.hex(REAL_SYN_IP);
    Ipv4Header header = new Ipv4Header().wrap(ip, 0);
    int oldWord = NetworkOrder.getU16(ip, Ipv4Header.TTL_OFFSET);
    header.ttl(header.ttl() - 1);
    int adjusted = Checksums.adjust(header.checksum(), oldWord, NetworkOrder.getU16(ip, Ipv4Header.TTL_OFFSET));
    header.computeChecksum();
    assertThat(adjusted).isEqualTo(header.checksum()).isEqualTo(0x7530);
  }

  private byte[] randomData(int length) {
    // Mix in runs of 0x00 and 0xff so that carries and the +0/-0 edge cases come up often.
    byte[] data = TestFrames.randomBytes(random, length);
    int style = random.nextInt(4);
    for (int j = 0; j < length && style > 1; j++) {
      if (random.nextInt(4) != 0) {
        data[j] = style == 2 ? (byte) 0xFF : 0;
      }
    }
    return data;
  }

  private static byte[] pseudoAndSegment(int src, int dst, int protocol, byte[] data) {
    byte[] out = new byte[12 + data.length];
    MemorySegment s = MemorySegment.ofArray(out);
    NetworkOrder.putInt(s, 0, src);
    NetworkOrder.putInt(s, 4, dst);
    NetworkOrder.putU16(s, 8, protocol);
    NetworkOrder.putU16(s, 10, data.length);
    System.arraycopy(data, 0, out, 12, data.length);
    return out;
  }

  private static byte[] zeroWordAt(byte[] data, int at) {
    byte[] copy = data.clone();
    copy[at] = 0;
    copy[at + 1] = 0;
    return copy;
  }
}
