package io.fathom.engine;

import io.fathom.packet.ArpPacket;
import io.fathom.packet.FrameParser;
import io.fathom.rawio.BpfProgram;
import io.fathom.rawio.FrameSender;
import io.fathom.rawio.MmsgSender;
import io.fathom.rawio.RxRing;

/** Asks for a neighbour's MAC with ARP requests when the kernel's neighbour table does not know it. */
final class ArpResolver {
  private static final int ETH_P_ARP = 0x0806;

  private ArpResolver() {}

  /** The MAC of {@code ip} on {@code interfaceName}, or -1 after about three seconds without an answer. */
  static long resolve(String interfaceName, long sourceMac, int sourceIp, int ip) {
    long[] answer = {-1};
    FrameParser parser = new FrameParser();
    try (RxRing ring = RxRing.open(interfaceName, BpfProgram.acceptAll(), 1 << 16, 4, 10, ETH_P_ARP);
        FrameSender sender = MmsgSender.open(interfaceName, 1, 64, false)) {
      for (int attempt = 0; attempt < 3 && answer[0] < 0; attempt++) {
        sender.length(0, ArpPacket.writeRequest(sender.slot(0), 0, sourceMac, sourceIp, ip));
        sender.send(1);
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (answer[0] < 0 && System.nanoTime() < deadline) {
          ring.poll((segment, offset, length, ts) -> {
            if (parser.parse(segment, offset, length) == FrameParser.ARP && parser.arpOp() == ArpPacket.REPLY
                && parser.arpSenderIp() == ip) {
              answer[0] = parser.arpSenderMac();
            }
          }, 100);
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return answer[0];
  }
}
