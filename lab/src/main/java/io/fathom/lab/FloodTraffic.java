package io.fathom.lab;

import io.fathom.lab.Flooder.Category;
import io.fathom.lab.Flooder.Defect;
import io.fathom.packet.TcpHeader;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * The flooder's seeded mix of hostile frames, one frame per call, allocation-free. Every frame goes to the
 * scanner's MAC and address; every source lies in 198.18.0.0/15 (see {@link Category} for what each kind forges).
 * The same configuration and seed give the same frames in the same order.
 */
final class FloodTraffic {
  /** The scanner's source port range, where answers to its probes arrive. */
  static final int SCANNER_PORT_FIRST = 32768;
  static final int SCANNER_PORT_LAST = 61000;
  /** Share of each category, per mille, in {@link Category} order. */
  private static final int[] PER_MILLE = {250, 200, 350, 100, 100};
  private static final int HISTORY = 64;
  /** The window Linux offers in a SYN-ACK. */
  private static final int SYN_ACK_WINDOW = 64240;
  private static final Defect[] DEFECTS = Defect.values();
  private static final Category[] CATEGORIES = Category.values();

  private final FloodConfig config;
  private final int[] ports;
  private final SplittableRandom random;
  private final ForgedTcpFrame forged;
  private final MalformedFrames malformed;
  // The last well-formed forged SYN-ACKs (source, ports, sequence), for replays; before the first, a replay is new.
  private final int[] historySource = new int[HISTORY];
  private final int[] historyPorts = new int[HISTORY];
  private final int[] historySeq = new int[HISTORY];
  private int historyNext;
  private int historySize;
  private Category lastCategory;
  private Defect lastDefect;

  FloodTraffic(FloodConfig config) {
    this.config = config;
    this.ports = config.ports();
    this.random = new SplittableRandom(config.seed());
    this.forged = new ForgedTcpFrame(config.sourceMac(), config.destinationMac(), config.destinationIp());
    this.malformed = new MalformedFrames(forged);
  }

  /** Writes the next frame of the mix at offset 0 of {@code frame}; returns its length. */
  int writeNext(MemorySegment frame) {
    int roll = random.nextInt(1000);
    int category = 0;
    while (roll >= PER_MILLE[category]) {
      roll -= PER_MILLE[category++];
    }
    return write(CATEGORIES[category], frame);
  }

  /** Writes one frame of {@code category} (a malformed one with a random defect); returns its length. */
  int write(Category category, MemorySegment frame) {
    lastCategory = category;
    lastDefect = null;
    return switch (category) {
      case FORGED_SYN_ACK -> rememberedSynAck(frame, liveSource());
      case FORGED_RST -> rst(frame, liveSource());
      case MALFORMED -> writeMalformed(DEFECTS[random.nextInt(DEFECTS.length)], frame);
      case REPLAYED_SYN_ACK -> historySize == 0 ? rememberedSynAck(frame, liveSource()) : replay(frame);
      case OUT_OF_SCOPE_SYN_ACK -> rememberedSynAck(frame, outOfScopeSource());
    };
  }

  /** Writes a forged SYN-ACK or RST carrying {@code defect}; returns its length. */
  int writeMalformed(Defect defect, MemorySegment frame) {
    lastCategory = Category.MALFORMED;
    lastDefect = defect;
    int source = liveSource();
    if (random.nextBoolean()) {
      synAck(frame, source, answerPort(), scannerPort(), random.nextInt());
    } else {
      rst(frame, source);
    }
    return malformed.damage(defect, frame, source, random);
  }

  /** The category of the frame written last. */
  Category lastCategory() {
    return lastCategory;
  }

  /** The defect of the frame written last, or null when it was not {@link Category#MALFORMED}. */
  Defect lastDefect() {
    return lastDefect;
  }

  /** A well-formed forged SYN-ACK, kept for later replays. */
  private int rememberedSynAck(MemorySegment frame, int source) {
    int sourcePort = answerPort();
    int destinationPort = scannerPort();
    int seq = random.nextInt();
    remember(source, sourcePort << 16 | destinationPort, seq);
    return synAck(frame, source, sourcePort, destinationPort, seq);
  }

  private int synAck(MemorySegment frame, int source, int sourcePort, int destinationPort, int seq) {
    return forged.write(frame, source, random.nextInt(0x10000), sourcePort, destinationPort,
        TcpHeader.SYN | TcpHeader.ACK, seq, random.nextInt(), SYN_ACK_WINDOW);
  }

  private int rst(MemorySegment frame, int source) {
    boolean withAck = random.nextBoolean();
    int flags = withAck ? TcpHeader.RST | TcpHeader.ACK : TcpHeader.RST;
    return forged.write(frame, source, random.nextInt(0x10000), answerPort(), scannerPort(), flags,
        random.nextInt(), withAck ? random.nextInt() : 0, 0);
  }

  /** A SYN-ACK sent before, again: same addresses, ports and sequence, a new (wrong) acknowledgement. */
  private int replay(MemorySegment frame) {
    int i = random.nextInt(historySize);
    int pair = historyPorts[i];
    return synAck(frame, historySource[i], pair >>> 16, pair & 0xFFFF, historySeq[i]);
  }

  private void remember(int source, int ports, int seq) {
    historySource[historyNext] = source;
    historyPorts[historyNext] = ports;
    historySeq[historyNext] = seq;
    historyNext = (historyNext + 1) % HISTORY;
    historySize = Math.min(historySize + 1, HISTORY);
  }

  private int liveSource() {
    return config.sourcePrefix() + random.nextInt(1 << (32 - config.sourcePrefixLength()));
  }

  /** An address of 198.18.0.0/15 outside the source prefix and the lab link (the config leaves room for one). */
  private int outOfScopeSource() {
    while (true) {
      int address = LabAddresses.LAB_RANGE + random.nextInt(1 << (32 - LabAddresses.LAB_RANGE_LENGTH));
      boolean onLink = (address & Prefixes.mask(LabAddresses.LINK_LENGTH)) == LabAddresses.LINK_NETWORK;
      if (!onLink && !config.inSourcePrefix(address)) {
        return address;
      }
    }
  }

  /** Half the time a port a lab target answers from, otherwise any port. */
  private int answerPort() {
    return random.nextBoolean() ? ports[random.nextInt(ports.length)] : 1 + random.nextInt(65535);
  }

  private int scannerPort() {
    return SCANNER_PORT_FIRST + random.nextInt(SCANNER_PORT_LAST - SCANNER_PORT_FIRST + 1);
  }
}
