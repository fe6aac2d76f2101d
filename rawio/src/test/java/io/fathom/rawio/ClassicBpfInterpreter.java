package io.fathom.rawio;

/**
 * A reference interpreter for the classic BPF instructions the assembler emits, written from the kernel's
 * documented semantics (networking/filter.rst), used to check programs on crafted frames. A load beyond the
 * end of the packet ends the program with 0, as in the kernel.
 */
final class ClassicBpfInterpreter {
  private ClassicBpfInterpreter() {}

  static int run(BpfProgram program, byte[] packet) {
    int a = 0;
    int x = 0;
    int pc = 0;
    for (int steps = 0; steps <= program.length(); steps++) {
      int code = program.code(pc);
      int k = program.k(pc);
      int jt = program.jumpIfTrue(pc);
      int jf = program.jumpIfFalse(pc);
      switch (code) {
        case 0x20 -> { // ld [k]
          if (!fits(packet, k, 4)) {
            return 0;
          }
          a = ((packet[k] & 0xFF) << 24) | ((packet[k + 1] & 0xFF) << 16) | ((packet[k + 2] & 0xFF) << 8)
              | (packet[k + 3] & 0xFF);
        }
        case 0x28 -> { // ldh [k]
          if (!fits(packet, k, 2)) {
            return 0;
          }
          a = ((packet[k] & 0xFF) << 8) | (packet[k + 1] & 0xFF);
        }
        case 0x30 -> { // ldb [k]
          if (!fits(packet, k, 1)) {
            return 0;
          }
          a = packet[k] & 0xFF;
        }
        case 0x48 -> { // ldh [x + k]
          if (!fits(packet, x + k, 2)) {
            return 0;
          }
          a = ((packet[x + k] & 0xFF) << 8) | (packet[x + k + 1] & 0xFF);
        }
        case 0x50 -> { // ldb [x + k]
          if (!fits(packet, x + k, 1)) {
            return 0;
          }
          a = packet[x + k] & 0xFF;
        }
        case 0xb1 -> { // ldxb 4*([k]&0xf)
          if (!fits(packet, k, 1)) {
            return 0;
          }
          x = 4 * (packet[k] & 0x0F);
        }
        case 0x15 -> pc += a == k ? jt : jf;
        case 0x25 -> pc += Integer.compareUnsigned(a, k) > 0 ? jt : jf;
        case 0x45 -> pc += (a & k) != 0 ? jt : jf;
        case 0x06 -> {
          return k;
        }
        default -> throw new IllegalStateException("opcode 0x" + Integer.toHexString(code) + " not interpreted");
      }
      pc++;
      if (pc >= program.length()) {
        throw new IllegalStateException("ran off the end of the program");
      }
    }
    throw new IllegalStateException("program did not finish");
  }

  private static boolean fits(byte[] packet, int offset, int size) {
    return offset >= 0 && offset + size <= packet.length;
  }
}
