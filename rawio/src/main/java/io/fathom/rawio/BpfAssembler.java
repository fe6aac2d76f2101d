package io.fathom.rawio;

import java.util.Arrays;

/**
 * Builds classic BPF programs one instruction at a time. Jump offsets are relative, as in the kernel: a
 * jump with offset {@code n} continues at the instruction {@code n + 1} after itself. Covers what packet
 * filters for a scanner need: absolute and indexed loads, the IP header length trick, equality and bit
 * tests against constants, and returns. Setup-time only (it grows an array as it goes).
 */
public final class BpfAssembler {
  static final int LD_W_ABS = 0x20;
  static final int LD_H_ABS = 0x28;
  static final int LD_B_ABS = 0x30;
  static final int LD_H_IND = 0x48;
  static final int LD_B_IND = 0x50;
  static final int LDX_B_MSH = 0xb1;
  static final int JMP_JEQ_K = 0x15;
  static final int JMP_JGT_K = 0x25;
  static final int JMP_JSET_K = 0x45;
  static final int RET_K = 0x06;
  static final int MAX_INSTRUCTIONS = 4096;

  private long[] instructions = new long[16];
  private int size;

  /** A = the 32-bit big-endian word at packet offset k. */
  public BpfAssembler loadWord(int offset) {
    return add(LD_W_ABS, 0, 0, offset);
  }

  /** A = the 16-bit big-endian half-word at packet offset k. */
  public BpfAssembler loadHalf(int offset) {
    return add(LD_H_ABS, 0, 0, offset);
  }

  /** A = the byte at packet offset k. */
  public BpfAssembler loadByte(int offset) {
    return add(LD_B_ABS, 0, 0, offset);
  }

  /** A = the half-word at packet offset X + k. */
  public BpfAssembler loadHalfIndexed(int offset) {
    return add(LD_H_IND, 0, 0, offset);
  }

  /** A = the byte at packet offset X + k. */
  public BpfAssembler loadByteIndexed(int offset) {
    return add(LD_B_IND, 0, 0, offset);
  }

  /** X = 4 * (byte at offset k &amp; 0xf): the IPv4 header length when k is the offset of the IPv4 header. */
  public BpfAssembler loadIpHeaderLength(int offset) {
    return add(LDX_B_MSH, 0, 0, offset);
  }

  /** If A == k skip {@code ifTrue} instructions, else skip {@code ifFalse}. */
  public BpfAssembler jumpIfEqual(int k, int ifTrue, int ifFalse) {
    return add(JMP_JEQ_K, ifTrue, ifFalse, k);
  }

  /** If A &gt; k (unsigned) skip {@code ifTrue} instructions, else skip {@code ifFalse}. */
  public BpfAssembler jumpIfGreater(int k, int ifTrue, int ifFalse) {
    return add(JMP_JGT_K, ifTrue, ifFalse, k);
  }

  /** If (A &amp; k) != 0 skip {@code ifTrue} instructions, else skip {@code ifFalse}. */
  public BpfAssembler jumpIfAnySet(int k, int ifTrue, int ifFalse) {
    return add(JMP_JSET_K, ifTrue, ifFalse, k);
  }

  /** Accept {@code k} bytes of the packet (0 drops it). */
  public BpfAssembler ret(int k) {
    return add(RET_K, 0, 0, k);
  }

  /** The number of instructions so far: the index the next one gets. */
  public int size() {
    return size;
  }

  /** The program; it must end in a return, and every jump must land inside it. */
  public BpfProgram build() {
    if (size == 0 || (instructions[size - 1] & 0xFFFF) != RET_K) {
      throw new IllegalStateException("a BPF program must end with a return");
    }
    for (int i = 0; i < size; i++) {
      BpfProgram.checkJumps(instructions[i], i, size);
    }
    return new BpfProgram(Arrays.copyOf(instructions, size));
  }

  private BpfAssembler add(int code, int ifTrue, int ifFalse, int k) {
    if (ifTrue < 0 || ifTrue > 255 || ifFalse < 0 || ifFalse > 255) {
      throw new IllegalArgumentException("BPF jump offsets are 0..255, not " + ifTrue + "/" + ifFalse);
    }
    if (size == MAX_INSTRUCTIONS) {
      throw new IllegalStateException("a BPF program has at most " + MAX_INSTRUCTIONS + " instructions");
    }
    if (size == instructions.length) {
      instructions = Arrays.copyOf(instructions, size * 2);
    }
    instructions[size++] = BpfProgram.encode(code, ifTrue, ifFalse, k);
    return this;
  }
}
