package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BpfProgramTest {
  private static final int HOST = Ipv4.parse("198.18.0.1");
  private static final long MAC_A = 0x02_00_00_00_00_01L;
  private static final long MAC_B = 0x02_00_00_00_00_02L;

  private static byte[] bytes(MemorySegment frame, int length) {
    return frame.asSlice(0, length).toArray(JAVA_BYTE);
  }

  private static byte[] syn(int destination) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment frame = arena.allocate(64);
      int length = TestFrames.syn(frame, MAC_B, MAC_A, Ipv4.parse("198.18.0.9"), destination, 40000, 80, 7);
      return bytes(frame, length);
    }
  }

  private static byte[] withProtocol(byte[] frame, int protocol) {
    byte[] copy = frame.clone();
    copy[23] = (byte) protocol;
    return copy;
  }

  @Test
  void assemblerEncodesKernelOpcodes() {
    BpfProgram program = new BpfAssembler().loadHalf(12).loadWord(30).loadByte(23).loadHalfIndexed(16)
        .loadByteIndexed(13).loadIpHeaderLength(14).jumpIfEqual(0x800, 1, 2).jumpIfAnySet(0x1fff, 0, 1)
        .jumpIfGreater(5, 0, 0).ret(0).ret(-1).build();
    assertThat(program.length()).isEqualTo(11);
    int[] codes = {0x28, 0x20, 0x30, 0x48, 0x50, 0xb1, 0x15, 0x45, 0x25, 0x06, 0x06};
    for (int i = 0; i < codes.length; i++) {
      assertThat(program.code(i)).as("instruction %d", i).isEqualTo(codes[i]);
    }
    assertThat(program.k(6)).isEqualTo(0x800);
    assertThat(program.jumpIfTrue(6)).isEqualTo(1);
    assertThat(program.jumpIfFalse(6)).isEqualTo(2);
    assertThat(program.k(10)).isEqualTo(-1);
  }

  @Test
  void assemblerRejectsBadPrograms() {
    assertThatThrownBy(() -> new BpfAssembler().loadHalf(12).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new BpfAssembler().jumpIfEqual(1, 5, 0).ret(0).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("leaves the program");
    assertThatThrownBy(() -> new BpfAssembler().jumpIfEqual(1, 256, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BpfProgram.ipv4ToHost(HOST, 300)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sockFprogPointsAtEightByteInstructions() {
    BpfProgram program = BpfProgram.ipv4ToHost(HOST, 6);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fprog = program.toSockFprog(arena);
      assertThat(fprog.byteSize()).isEqualTo(16);
      assertThat(fprog.get(JAVA_SHORT, 0)).isEqualTo((short) program.length());
      MemorySegment filter = fprog.get(ADDRESS, 8).reinterpret(8L * program.length());
      for (int i = 0; i < program.length(); i++) {
        assertThat(filter.get(JAVA_SHORT, 8L * i) & 0xFFFF).isEqualTo(program.code(i));
        assertThat(filter.get(JAVA_BYTE, 8L * i + 2) & 0xFF).isEqualTo(program.jumpIfTrue(i));
        assertThat(filter.get(JAVA_BYTE, 8L * i + 3) & 0xFF).isEqualTo(program.jumpIfFalse(i));
        assertThat(filter.get(JAVA_INT, 8L * i + 4)).isEqualTo(program.k(i));
      }
    }
  }

  @Test
  void ipv4ToHostAcceptsListedProtocolsToTheHostOnly() {
    BpfProgram program = BpfProgram.ipv4ToHost(HOST, 6, 1);
    byte[] toHost = syn(HOST);
    assertThat(ClassicBpfInterpreter.run(program, toHost)).isEqualTo(BpfProgram.ACCEPT);
    assertThat(ClassicBpfInterpreter.run(program, withProtocol(toHost, 1))).isEqualTo(BpfProgram.ACCEPT);
    assertThat(ClassicBpfInterpreter.run(program, withProtocol(toHost, 17))).isZero();
    assertThat(ClassicBpfInterpreter.run(program, syn(HOST + 1))).isZero();
    assertThat(ClassicBpfInterpreter.run(program, syn(Ipv4.parse("10.0.0.1")))).isZero();
    byte[] arp = toHost.clone();
    arp[12] = 0x08;
    arp[13] = 0x06;
    assertThat(ClassicBpfInterpreter.run(program, arp)).isZero();
    byte[] truncated = java.util.Arrays.copyOf(toHost, 31);
    assertThat(ClassicBpfInterpreter.run(program, truncated)).isZero();
  }

  @Test
  void ipv4ToHostWithoutProtocolsAcceptsAnyProtocol() {
    BpfProgram program = BpfProgram.ipv4ToHost(HOST);
    assertThat(ClassicBpfInterpreter.run(program, withProtocol(syn(HOST), 17))).isEqualTo(BpfProgram.ACCEPT);
    assertThat(ClassicBpfInterpreter.run(program, syn(HOST ^ 0x100))).isZero();
  }

  @Test
  void acceptAllAcceptsEverything() {
    BpfProgram program = BpfProgram.acceptAll();
    assertThat(program.length()).isEqualTo(1);
    assertThat(ClassicBpfInterpreter.run(program, new byte[0])).isEqualTo(BpfProgram.ACCEPT);
    assertThat(ClassicBpfInterpreter.run(program, syn(HOST))).isEqualTo(BpfProgram.ACCEPT);
  }

  /** Random frames against the definition: IPv4, long enough, to the host, protocol listed. */
  @Test
  void ipv4ToHostMatchesItsDefinitionOnRandomFrames() {
    SplittableRandom random = new SplittableRandom(20240611L);
    for (int round = 0; round < 200; round++) {
      int host = random.nextInt();
      int[] protocols = random.ints(random.nextInt(0, 6), 0, 256).toArray();
      BpfProgram program = BpfProgram.ipv4ToHost(host, protocols);
      for (int trial = 0; trial < 200; trial++) {
        byte[] frame = new byte[random.nextInt(0, 80)];
        random.nextBytes(frame);
        // Bias the fields toward matching, so that every branch is taken often.
        if (frame.length >= 14 && random.nextBoolean()) {
          frame[12] = 0x08;
          frame[13] = 0x00;
        }
        if (frame.length >= 34 && random.nextInt(3) > 0) {
          for (int i = 0; i < 4; i++) {
            frame[30 + i] = (byte) (host >>> (24 - 8 * i));
          }
        }
        if (frame.length >= 24 && protocols.length > 0 && random.nextBoolean()) {
          frame[23] = (byte) protocols[random.nextInt(protocols.length)];
        }
        boolean expected = frame.length >= 34 && frame[12] == 0x08 && frame[13] == 0x00
            && ((frame[30] & 0xFF) << 24 | (frame[31] & 0xFF) << 16 | (frame[32] & 0xFF) << 8 | frame[33] & 0xFF)
                == host
            && (protocols.length == 0 || contains(protocols, frame[23] & 0xFF));
        assertThat(ClassicBpfInterpreter.run(program, frame) != 0).as("round %d trial %d", round, trial)
            .isEqualTo(expected);
      }
    }
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  @Test
  void ipHeaderLengthAndIndexedLoadsReachTheTcpPort() {
    // ldx 4*([14]&0xf); ldh [x+16] is the TCP destination port whatever the IP header length.
    BpfProgram port80 = new BpfAssembler().loadIpHeaderLength(14).loadHalfIndexed(16).jumpIfEqual(80, 0, 1)
        .ret(BpfProgram.ACCEPT).ret(0).build();
    byte[] frame = syn(HOST);
    assertThat(ClassicBpfInterpreter.run(port80, frame)).isEqualTo(BpfProgram.ACCEPT);
    byte[] withOptions = new byte[frame.length + 4];
    System.arraycopy(frame, 0, withOptions, 0, 34);
    System.arraycopy(frame, 34, withOptions, 38, frame.length - 34);
    withOptions[14] = 0x46;
    assertThat(ClassicBpfInterpreter.run(port80, withOptions)).isEqualTo(BpfProgram.ACCEPT);
    withOptions[14] = 0x45;
    assertThat(ClassicBpfInterpreter.run(port80, withOptions)).isZero();
  }
}
