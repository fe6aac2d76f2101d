package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An immutable classic BPF program (an array of struct sock_filter: u16 code, u8 jt, u8 jf, u32 k), built
 * with {@link BpfAssembler} or one of the factories, for SO_ATTACH_FILTER on a receive ring. Built once
 * at setup; the kernel runs it, so it costs nothing on the Java side per frame.
 */
public final class BpfProgram {
  /** What an accepting filter returns: the number of bytes to keep (all of any frame). */
  public static final int ACCEPT = 0x40000;
  private static final int ETH_TYPE_OFFSET = 12;
  private static final int IP_PROTOCOL_OFFSET = 14 + 9;
  private static final int IP_DESTINATION_OFFSET = 14 + 16;

  /** code | jt &lt;&lt; 16 | jf &lt;&lt; 24 | k &lt;&lt; 32, one per instruction. */
  private final long[] instructions;

  BpfProgram(long[] instructions) {
    this.instructions = instructions;
  }

  /** Accepts every frame. */
  public static BpfProgram acceptAll() {
    return new BpfAssembler().ret(ACCEPT).build();
  }

  /**
   * Accepts IPv4 frames to {@code destination} whose protocol is one of {@code ipProtocols} (any protocol
   * when none are given), such as 6 (TCP) and 1 (ICMP) for the answers to SYN probes.
   */
  public static BpfProgram ipv4ToHost(int destination, int... ipProtocols) {
    if (ipProtocols.length > 250) {
      throw new IllegalArgumentException("at most 250 IP protocols, not " + ipProtocols.length);
    }
    BpfAssembler program = new BpfAssembler();
    int protocols = ipProtocols.length;
    // Instruction indexes: 0 ldh type, 1 jeq, 2 ld dst, 3 jeq, [4 ldb proto, 5.. jeq each], accept, reject.
    int accept = protocols == 0 ? 4 : 5 + protocols;
    int reject = accept + 1;
    program.loadHalf(ETH_TYPE_OFFSET).jumpIfEqual(0x0800, 0, reject - 2);
    program.loadWord(IP_DESTINATION_OFFSET).jumpIfEqual(destination, 0, reject - 4);
    if (protocols > 0) {
      program.loadByte(IP_PROTOCOL_OFFSET);
      for (int i = 0; i < protocols; i++) {
        int index = program.size();
        int protocol = ipProtocols[i];
        if (protocol < 0 || protocol > 255) {
          throw new IllegalArgumentException("IP protocol numbers are 0..255, not " + protocol);
        }
        program.jumpIfEqual(protocol, accept - index - 1, i == protocols - 1 ? reject - index - 1 : 0);
      }
    }
    return program.ret(ACCEPT).ret(0).build();
  }

  /** Number of instructions. */
  public int length() {
    return instructions.length;
  }

  public int code(int i) {
    return (int) (instructions[i] & 0xFFFF);
  }

  public int jumpIfTrue(int i) {
    return (int) (instructions[i] >>> 16) & 0xFF;
  }

  public int jumpIfFalse(int i) {
    return (int) (instructions[i] >>> 24) & 0xFF;
  }

  public int k(int i) {
    return (int) (instructions[i] >>> 32);
  }

  /** Writes the instructions and a struct sock_fprog pointing to them into {@code arena}; returns the fprog. */
  MemorySegment toSockFprog(Arena arena) {
    MemorySegment filter = arena.allocate(LinuxStructs.SOCK_FILTER, instructions.length);
    long size = LinuxStructs.SOCK_FILTER.byteSize();
    for (int i = 0; i < instructions.length; i++) {
      filter.set(JAVA_SHORT, i * size, (short) code(i));
      filter.set(JAVA_BYTE, i * size + 2, (byte) jumpIfTrue(i));
      filter.set(JAVA_BYTE, i * size + 3, (byte) jumpIfFalse(i));
      filter.set(JAVA_INT, i * size + 4, k(i));
    }
    MemorySegment program = arena.allocate(LinuxStructs.SOCK_FPROG);
    program.set(JAVA_SHORT, LinuxStructs.FPROG_LEN, (short) instructions.length);
    program.set(ADDRESS, LinuxStructs.FPROG_FILTER, filter);
    return program;
  }

  static long encode(int code, int ifTrue, int ifFalse, int k) {
    return (code & 0xFFFFL) | ((long) ifTrue << 16) | ((long) ifFalse << 24) | ((long) k << 32);
  }

  static void checkJumps(long instruction, int index, int size) {
    int code = (int) (instruction & 0xFFFF);
    if ((code & 0x07) != 0x05) {
      return;
    }
    int ifTrue = (int) (instruction >>> 16) & 0xFF;
    int ifFalse = (int) (instruction >>> 24) & 0xFF;
    if (index + 1 + Math.max(ifTrue, ifFalse) >= size) {
      throw new IllegalStateException("BPF jump at instruction " + index + " leaves the program");
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < instructions.length; i++) {
      text.append(String.format("{ 0x%02x, %d, %d, 0x%08x },%n", code(i), jumpIfTrue(i), jumpIfFalse(i), k(i)));
    }
    return text.toString();
  }
}
