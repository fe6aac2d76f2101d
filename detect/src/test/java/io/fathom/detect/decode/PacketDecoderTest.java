package io.fathom.detect.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import io.fathom.detect.PacketView;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
  private static final int SRC = Ipv4.parse("198.51.100.7");
  private static final int DST = Ipv4.parse("10.1.2.3");

  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();

  private boolean decode(byte[] bytes, int offset, int captured) {
    return decoder.decode(MemorySegment.ofArray(bytes), offset, captured, 42L, view);
  }

  @Test
  void tcpSynWithOptionsFillsEveryField() {
    byte[] packet = Packets.synWithOptions(SRC, DST, 40000, 443, 0x12345678);
    assertThat(decode(packet, 0, packet.length)).isTrue();
    assertThat(view.timestampNanos).isEqualTo(42L);
    assertThat(view.srcIp).isEqualTo(SRC);
    assertThat(view.dstIp).isEqualTo(DST);
    assertThat(view.protocol).isEqualTo(6);
    assertThat(view.ttl).isEqualTo(57);
    assertThat(view.ipId).isEqualTo(54321);
    assertThat(view.ipLength).isEqualTo(60);
    assertThat(view.fragment).isFalse(); // DF alone is not a fragment
    assertThat(view.srcPort).isEqualTo(40000);
    assertThat(view.dstPort).isEqualTo(443);
    assertThat(view.seq).isEqualTo(0x12345678);
    assertThat(view.ack).isZero();
    assertThat(view.tcpFlags).isEqualTo(0x02);
    assertThat(view.isTcpSyn()).isTrue();
    assertThat(view.window).isEqualTo(64240);
    assertThat(view.tcpOptionsLength).isEqualTo(20);
    assertThat(view.tcpOptionKinds).isEqualTo(0x0301080402L); // MSS, SACK-permitted, TS, NOP, WS
    assertThat(view.mss).isEqualTo(1460);
    assertThat(view.payloadLength).isZero();
    assertThat(decoder.counters()).containsEntry("decoded", 1L).containsEntry("rejected", 0L);
  }

  @Test
  void bareSynHasNoOptionsAndNoMss() {
    byte[] packet = Packets.syn(SRC, DST, 1234, 80, 7);
    assertThat(decode(packet, 0, packet.length)).isTrue();
    assertThat(view.tcpOptionsLength).isZero();
    assertThat(view.tcpOptionKinds).isZero();
    assertThat(view.mss).isEqualTo(-1);
  }

  @Test
  void udpAndIcmp() {
    byte[] udp = Packets.udp(SRC, DST, 53, 33000, 100);
    assertThat(decode(udp, 0, udp.length)).isTrue();
    assertThat(view.protocol).isEqualTo(17);
    assertThat(view.srcPort).isEqualTo(53);
    assertThat(view.dstPort).isEqualTo(33000);
    assertThat(view.payloadLength).isEqualTo(100);

    byte[] icmp = Packets.icmp(SRC, DST, 3, 1, 28);
    assertThat(decode(icmp, 0, 36)).isTrue(); // payload not captured: lengths still from the IP header
    assertThat(view.icmpType).isEqualTo(3);
    assertThat(view.icmpCode).isEqualTo(1);
    assertThat(view.payloadLength).isEqualTo(28);
    assertThat(view.srcPort).isZero();
  }

  @Test
  void payloadLengthComesFromTheIpHeaderNotTheCapture() {
    byte[] packet = Packets.udp(SRC, DST, 5000, 6000, 1000);
    assertThat(decode(packet, 0, 28)).isTrue(); // snap length: headers only
    assertThat(view.payloadLength).isEqualTo(1000);
    assertThat(view.ipLength).isEqualTo(1028);
  }

  @Test
  void laterFragmentsHaveNoPortsAndFirstFragmentsAreFlagged() {
    byte[] later = Packets.syn(SRC, DST, 1234, 80, 7);
    later[6] = 0x00;
    later[7] = 0x10; // offset 16 * 8 bytes
    assertThat(decode(later, 0, later.length)).isTrue();
    assertThat(view.fragment).isTrue();
    assertThat(view.srcPort).isZero();
    assertThat(view.tcpFlags).isZero();

    byte[] first = Packets.syn(SRC, DST, 1234, 80, 7);
    first[6] = 0x20; // more fragments
    assertThat(decode(first, 0, first.length)).isTrue();
    assertThat(view.fragment).isTrue();
    assertThat(view.dstPort).isEqualTo(80);
  }

  @Test
  void nonIpv4AndShortHeadersAreRejectedAndCounted() {
    byte[] v6 = new byte[40];
    v6[0] = 0x60;
    assertThat(decode(v6, 0, 40)).isFalse();
    byte[] syn = Packets.syn(SRC, DST, 1, 2, 3);
    assertThat(decode(syn, 0, 19)).isFalse();
    assertThat(decode(syn, 0, 0)).isFalse();
    assertThat(decoder.failures(DecodeFailure.NOT_IPV4)).isEqualTo(1);
    assertThat(decoder.failures(DecodeFailure.TRUNCATED_IP)).isEqualTo(2);
    assertThat(decoder.rejected()).isEqualTo(3);
  }

  @Test
  void cutTransportKeepsAddressesAndIsCounted() {
    byte[] syn = Packets.synWithOptions(SRC, DST, 1, 2, 3);
    assertThat(decode(syn, 0, 30)).isTrue();
    assertThat(view.srcIp).isEqualTo(SRC);
    assertThat(view.dstPort).isZero();
    assertThat(decode(syn, 0, 46)).isTrue(); // header whole, options cut after MSS and SACK-permitted
    assertThat(view.dstPort).isEqualTo(2);
    assertThat(view.mss).isEqualTo(1460);
    assertThat(decoder.failures(DecodeFailure.TRUNCATED_TRANSPORT)).isEqualTo(2);
  }

  @Test
  void lyingLengthFieldsAreCountedNotTrusted() {
    byte[] syn = Packets.synWithOptions(SRC, DST, 1, 2, 3);
    syn[0] = 0x43; // IHL 3 words
    assertThat(decode(syn, 0, syn.length)).isTrue();
    assertThat(decoder.failures(DecodeFailure.BAD_IHL)).isEqualTo(1);
    syn[0] = 0x4F; // IHL 60 bytes: the transport header would start where the packet ends
    assertThat(decode(syn, 0, syn.length)).isTrue();
    assertThat(view.dstPort).isZero();
    assertThat(decoder.failures(DecodeFailure.TRUNCATED_TRANSPORT)).isEqualTo(1);
    syn[0] = 0x45;
    syn[2] = 0;
    syn[3] = 10; // total length below the header
    assertThat(decode(syn, 0, syn.length)).isTrue();
    assertThat(decoder.failures(DecodeFailure.BAD_TOTAL_LENGTH)).isEqualTo(1);
    byte[] options = Packets.synWithOptions(SRC, DST, 1, 2, 3);
    options[41] = 30; // the MSS option claims 30 bytes: past the end of the TCP header
    assertThat(decode(options, 0, options.length)).isTrue();
    assertThat(view.mss).isEqualTo(-1);
    assertThat(view.tcpOptionKinds).isEqualTo(0x02L);
    assertThat(decoder.failures(DecodeFailure.BAD_TCP_OPTIONS)).isEqualTo(1);
  }

  @Test
  void decodesAtAnOffsetInsideALargerSegment() {
    byte[] syn = Packets.syn(SRC, DST, 1, 80, 3);
    byte[] frame = new byte[14 + syn.length + 4]; // Ethernet header in front, padding behind
    System.arraycopy(syn, 0, frame, 14, syn.length);
    assertThat(decode(frame, 14, syn.length)).isTrue();
    assertThat(view.dstPort).isEqualTo(80);
  }

  @Test
  void truncationAtEveryOffsetNeverThrowsAndKeepsWhatItHas() {
    byte[][] packets = {Packets.synWithOptions(SRC, DST, 1, 2, 3), Packets.udp(SRC, DST, 53, 9, 10),
        Packets.icmp(SRC, DST, 8, 0, 4)};
    for (byte[] packet : packets) {
      for (int cut = 0; cut <= packet.length; cut++) {
        // A segment exactly as long as the cut: any read past it would throw.
        MemorySegment exact = MemorySegment.ofArray(packet).asSlice(0, cut);
        boolean ok = decoder.decode(exact, 0, cut, 1, view);
        assertThat(ok).isEqualTo(cut >= 20);
        if (ok) {
          assertThat(view.srcIp).isEqualTo(SRC);
          assertThat(view.dstIp).isEqualTo(DST);
        }
      }
    }
  }

  @Test
  void fuzzRandomBytesAndMutationsNeverThrowNorReadOutOfBounds() {
    SplittableRandom random = new SplittableRandom(0xF00D);
    byte[] seed = Packets.synWithOptions(SRC, DST, 1, 2, 3);
    for (int trial = 0; trial < 200_000; trial++) {
      byte[] bytes;
      if (trial % 2 == 0) {
        bytes = new byte[random.nextInt(100)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
          bytes[0] = (byte) (0x40 | random.nextInt(16)); // reach past the version check
        }
      } else {
        bytes = seed.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      }
      int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int bound = bytes.length - offset;
      int captured = random.nextInt(4) == 0 ? random.nextInt(-5, 200) : random.nextInt(bound + 1);
      // The visible segment ends where the capture does (or the array ends), so an out-of-bounds read throws.
      long visible = offset + Math.max(0, Math.min(captured, bound));
      MemorySegment seg = MemorySegment.ofArray(bytes).asSlice(0, captured > bound ? bytes.length : visible);
      boolean ok = decoder.decode(seg, offset, captured, trial, view);
      if (ok) {
        assertThat(view.timestampNanos).isEqualTo(trial);
        assertThat(view.tcpOptionsLength).isBetween(0, 40);
        assertThat(view.payloadLength).isBetween(0, 65535);
        assertThat(view.srcPort).isBetween(0, 65535);
      }
    }
    assertThat(decoder.decoded() + decoder.rejected()).isEqualTo(200_000);
    assertThat(decoder.decoded()).isPositive();
    assertThat(decoder.failures(DecodeFailure.BAD_TCP_OPTIONS)).isPositive();
  }

  /**
   * A view is written whole by every decode (no field cleared first and written again): decoding into a view that
   * held another packet gives exactly what decoding into a cleared one gives, for any bytes, protocol or cut.
   */
  @Test
  void aReusedViewEndsAsACleanOneWouldWhateverItHeldBefore() {
    SplittableRandom random = new SplittableRandom(0xBEEF);
    byte[][] seeds = {Packets.synWithOptions(SRC, DST, 1, 2, 3), Packets.syn(SRC, DST, 4, 5, 6),
        Packets.udp(SRC, DST, 53, 33000, 20), Packets.icmp(SRC, DST, 8, 0, 16)};
    PacketDecoder other = new PacketDecoder();
    PacketView reused = new PacketView();
    int decoded = 0;
    for (int trial = 0; trial < 100_000; trial++) {
      byte[] bytes = seeds[random.nextInt(seeds.length)].clone();
      for (int flips = random.nextInt(4); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(8) == 0) {
        bytes[9] = (byte) random.nextInt(256); // another protocol
      }
      if (random.nextInt(8) == 0) {
        bytes[6] = (byte) random.nextInt(256); // fragments
      }
      int captured = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
      MemorySegment seg = MemorySegment.ofArray(bytes);
      PacketView clean = new PacketView().clear();
      boolean ok = other.decode(seg, 0, captured, trial, clean);
      assertThat(decoder.decode(seg, 0, captured, trial, reused)).isEqualTo(ok);
      assertThat(fields(reused)).as("trial %d", trial).containsExactly(fields(clean));
      decoded += ok ? 1 : 0;
    }
    assertThat(decoded).isGreaterThan(50_000);
  }

  private static long[] fields(PacketView p) {
    return new long[] {p.timestampNanos, p.srcIp, p.dstIp, p.protocol, p.ttl, p.ipId, p.ipLength, p.fragment ? 1 : 0,
        p.srcPort, p.dstPort, p.tcpFlags, p.seq, p.ack, p.window, p.tcpOptionsLength, p.tcpOptionKinds, p.mss,
        p.payloadLength, p.icmpType, p.icmpCode};
  }

  /**
   * The options as the spec reads them, option by option, for lists of every shape: none, an MSS alone (the fast
   * path), an MSS cut short or with the wrong length, NOPs, EOL, lengths that lie, lists cut by the capture, and
   * trailing bytes past the header (padding) that look like an MSS.
   */
  @Test
  void optionsDecodeAsTheSpecReadsThemOneByOne() {
    SplittableRandom random = new SplittableRandom(0x0B7);
    byte[][] shapes = {{}, {2, 4, 0x05, (byte) 0xB4}, {2, 4}, {2, 3, 1, 1}, {2, 5, 1, 1}, {1, 1, 1, 1}, {0, 2, 4, 1},
        {2, 4, 0x22, 0x38, 1, 3, 3, 8}, {2, 4, 0x05, (byte) 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7}};
    long failedBefore = 0;
    int fastPath = 0;
    for (int trial = 0; trial < 50_000; trial++) {
      byte[] options = shapes[random.nextInt(shapes.length)].clone();
      if (random.nextInt(3) == 0 && options.length > 0) {
        options[random.nextInt(options.length)] = (byte) random.nextInt(random.nextBoolean() ? 6 : 256);
      }
      if (random.nextInt(4) == 0) {
        options = java.util.Arrays.copyOf(options, random.nextInt(41));
      }
      int optionWords = Math.min(10, (options.length + 3) / 4 + (random.nextInt(6) == 0 ? random.nextInt(3) : 0));
      int headerLength = 20 + 4 * optionWords;
      byte[] padding = new byte[random.nextInt(8)];
      if (padding.length >= 4 && random.nextBoolean()) {
        padding[0] = 2; // an MSS past the header: not an option
        padding[1] = 4;
      }
      java.nio.ByteBuffer b = Packets.ipv4(6, SRC, DST, 1, 0, headerLength);
      b.putShort((short) 1).putShort((short) 2).putInt(3).putInt(0);
      b.put((byte) (headerLength / 4 << 4)).put((byte) 0x02).putShort((short) 1024).putInt(0);
      b.put(options, 0, Math.min(options.length, 4 * optionWords));
      byte[] packet = java.util.Arrays.copyOf(b.array(), b.array().length + padding.length);
      System.arraycopy(padding, 0, packet, b.array().length, padding.length);
      int captured = random.nextInt(5) == 0 ? 40 + random.nextInt(packet.length - 39) : packet.length;
      assertThat(decode(packet, 0, captured)).isTrue();
      byte[] listed = java.util.Arrays.copyOfRange(packet, 40, Math.min(captured, 20 + headerLength));
      long[] expected = specOptions(listed);
      assertThat(new long[] {view.tcpOptionKinds, view.mss})
          .as("trial %d: options %s, captured %d", trial, java.util.Arrays.toString(listed), captured)
          .containsExactly(expected[0], expected[1]);
      long failed = decoder.failures(DecodeFailure.BAD_TCP_OPTIONS);
      assertThat(failed - failedBefore).as("trial %d", trial).isEqualTo(expected[2]);
      failedBefore = failed;
      fastPath += listed.length == 0 || listed.length == 4 && listed[0] == 2 && listed[1] == 4 ? 1 : 0;
    }
    assertThat(fastPath).isBetween(5_000, 45_000);
    assertThat(failedBefore).isPositive();
  }

  /** RFC 9293's reading of an option list: {kinds (up to eight, one byte each), MSS or -1, 1 if malformed}. */
  private static long[] specOptions(byte[] list) {
    long kinds = 0;
    long mss = -1;
    int count = 0;
    int at = 0;
    while (at < list.length) {
      int kind = list[at] & 0xFF;
      if (kind == 0) {
        break;
      }
      if (count < 8) {
        kinds |= (long) kind << (8 * count);
      }
      count++;
      if (kind == 1) {
        at++;
        continue;
      }
      if (at + 1 >= list.length || (list[at + 1] & 0xFF) < 2 || at + (list[at + 1] & 0xFF) > list.length) {
        return new long[] {kinds, mss, 1};
      }
      if (kind == 2 && list[at + 1] == 4) {
        mss = (list[at + 2] & 0xFF) << 8 | list[at + 3] & 0xFF;
      }
      at += list[at + 1] & 0xFF;
    }
    return new long[] {kinds, mss, 0};
  }

  @Test
  void nullOrOutOfRangeSegmentsAreRejectedQuietly() {
    assertThat(decoder.decode(null, 0, 40, 0, view)).isFalse();
    byte[] syn = Packets.syn(SRC, DST, 1, 2, 3);
    assertThat(decoder.decode(MemorySegment.ofArray(syn), 100, 40, 0, view)).isFalse();
    assertThat(decoder.decode(MemorySegment.ofArray(syn), -1, 40, 0, view)).isFalse();
  }
}
