package io.fathom.lab;

import io.fathom.lab.Flooder.Defect;
import io.fathom.packet.Ipv4Header;
import io.fathom.packet.TcpHeader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * Damages a well-formed forged frame (as {@link ForgedTcpFrame} writes it) so that it carries exactly one
 * {@link Defect}. Every other field stays plausible, and checksums are repaired after a damaging edit unless the
 * checksum is the defect: a receiver must reject the frame for the intended reason, not an accidental one.
 */
final class MalformedFrames {
  /** The most bytes of garbage written after the Ethernet header. */
  static final int MAX_GARBAGE = 100;
  static final int MAX_FRAME_LENGTH = ForgedTcpFrame.IP_OFFSET + MAX_GARBAGE;
  private static final int VERSION_6 = 6;
  private static final int LARGEST_IP_TOTAL_LENGTH = 1500;

  private final ForgedTcpFrame forged;
  private final Ipv4Header ip = new Ipv4Header();
  private final TcpHeader tcp = new TcpHeader();

  MalformedFrames(ForgedTcpFrame forged) {
    this.forged = forged;
  }

  /**
   * Applies {@code defect} to the {@link ForgedTcpFrame#LENGTH}-byte frame at offset 0 of {@code frame}, which came
   * from {@code sourceIp}; returns the frame's new length.
   */
  int damage(Defect defect, MemorySegment frame, int sourceIp, SplittableRandom random) {
    ip.wrap(frame, ForgedTcpFrame.IP_OFFSET);
    tcp.wrap(frame, ForgedTcpFrame.TCP_OFFSET);
    int length = ForgedTcpFrame.LENGTH;
    switch (defect) {
      case TCP_DATA_OFFSET_BELOW_FIVE -> tcpDataOffset(frame, sourceIp, random.nextInt(5));
      case TCP_DATA_OFFSET_BEYOND_SEGMENT -> tcpDataOffset(frame, sourceIp, 6 + random.nextInt(10));
      case TCP_HEADER_TRUNCATED -> {
        int tcpBytes = 1 + random.nextInt(TcpHeader.LENGTH - 1);
        ipTotalLength(frame, Ipv4Header.LENGTH + tcpBytes);
        length = ForgedTcpFrame.TCP_OFFSET + tcpBytes;
      }
      // The intact TCP header stays behind as "padding": only a parser that trusts the frame length sees it.
      case EMPTY_TCP_SEGMENT -> ipTotalLength(frame, Ipv4Header.LENGTH);
      case IP_HEADER_LENGTH_BELOW_FIVE -> ipVersionIhl(frame, 4 << 4 | random.nextInt(5));
      case IP_VERSION_6 -> ipVersionIhl(frame, VERSION_6 << 4 | 5);
      case IP_TOTAL_LENGTH_BELOW_HEADER -> ipTotalLength(frame, random.nextInt(Ipv4Header.LENGTH));
      case IP_TOTAL_LENGTH_BEYOND_FRAME -> ipTotalLength(frame,
          Ipv4Header.LENGTH + TcpHeader.LENGTH + 1 + random.nextInt(LARGEST_IP_TOTAL_LENGTH - 40));
      case IP_HEADER_TRUNCATED -> length = ForgedTcpFrame.IP_OFFSET + random.nextInt(Ipv4Header.LENGTH);
      case BAD_IP_CHECKSUM -> ip.checksum(wrongChecksum(ip.checksum(), random));
      case BAD_TCP_CHECKSUM -> tcp.checksum(wrongChecksum(tcp.checksum(), random));
      case NON_FIRST_FRAGMENT -> ipFlagsFragment(frame,
          (random.nextBoolean() ? Ipv4Header.FLAG_MF : 0) | 1 + random.nextInt(Ipv4Header.FRAGMENT_OFFSET_MASK));
      case MORE_FRAGMENTS -> ipFlagsFragment(frame, Ipv4Header.FLAG_MF);
      case GARBAGE_AFTER_ETHERNET -> length = garbage(frame, random);
    }
    return length;
  }

  private void tcpDataOffset(MemorySegment frame, int sourceIp, int words) {
    tcp.dataOffset(words);
    forged.repairTcpChecksum(frame, sourceIp);
  }

  private void ipVersionIhl(MemorySegment frame, int versionIhl) {
    ip.versionIhl(versionIhl);
    forged.repairIpChecksum(frame);
  }

  private void ipTotalLength(MemorySegment frame, int totalLength) {
    ip.totalLength(totalLength);
    forged.repairIpChecksum(frame);
  }

  private void ipFlagsFragment(MemorySegment frame, int flagsFragment) {
    ip.flagsFragment(flagsFragment);
    forged.repairIpChecksum(frame);
  }

  /**
   * A checksum that fails verification. Flipping any non-empty set of bits changes the value; flipping all 16 is
   * left out because 0x0000 and 0xFFFF are the same number in one's-complement arithmetic, and a computed
   * checksum is 0x0000 at most (never 0xFFFF).
   */
  static int wrongChecksum(int checksum, SplittableRandom random) {
    return checksum ^ (1 + random.nextInt(0xFFFE));
  }

  /**
   * Random bytes after the Ethernet header, with an IP version other than 4: a version-4 header of random bytes
   * could claim a source outside the lab range, and the flooder never writes one.
   */
  private static int garbage(MemorySegment frame, SplittableRandom random) {
    int bytes = Ipv4Header.LENGTH + random.nextInt(MAX_GARBAGE - Ipv4Header.LENGTH + 1);
    long end = ForgedTcpFrame.IP_OFFSET + bytes;
    for (long at = ForgedTcpFrame.IP_OFFSET; at < end; at++) {
      frame.set(ValueLayout.JAVA_BYTE, at, (byte) random.nextInt(256));
    }
    int version = random.nextInt(15);
    version += version >= 4 ? 1 : 0;
    byte first = frame.get(ValueLayout.JAVA_BYTE, ForgedTcpFrame.IP_OFFSET);
    frame.set(ValueLayout.JAVA_BYTE, ForgedTcpFrame.IP_OFFSET, (byte) (version << 4 | first & 0xF));
    return (int) end;
  }
}
