package io.fathom.bench;

import io.fathom.capture.LinkTypes;
import io.fathom.capture.PcapWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a large synthetic darknet capture for {@code fathom detect} benchmarks: classic pcap, Ethernet, IPv4/TCP,
 * 54 to 60-byte frames, snapshot length 96, strictly increasing timestamps, all destinations in the telescope
 * 198.18.0.0/15 (RFC 2544's benchmarking range).
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.fathom.bench.SyntheticCapture DIR [PACKETS] [--seed S] [--rate PPS]
 *       [--nanosecond]
 * </pre>
 *
 * <p>The traffic is one stationary stream, so that the first k packets of a long capture are what a shorter
 * run with the same seed writes; a capture's prefixes stand for shorter captures of the same telescope:
 * <ul>
 *   <li>55 % scanners: 64 active at a time, each a horizontal scan of one to five ports over a permutation of the
 *       telescope, 20,000 to 200,000 probes long, then replaced by a new source (a few hundred over 50 M packets;
 *       one in four shares its /24, tool and ports with the one before: a distributed campaign; never .0 or
 *       .255, which a detector takes for spoofed). Their fields are
 *       the tools': ZMap (IP ID 54321, window 65535), masscan (IP ID = dst ^ dport ^ seq, window 1024, TTL 255),
 *       Fathom (IP ID = (seq &gt;&gt;&gt; 16) ^ dport ^ 0x4654, window 64240, MSS 1460, TTL 64), Nmap -sS
 *       (window 1024, MSS 1460, TTL 37-59, one sequence and source port per phase), Mirai (seq = destination,
 *       port 23 or 2323) and an operating system's SYN (unknown tool);
 *   <li>15 % backscatter: SYN-ACKs and RSTs from 2,000 active victims of spoofed floods, each 1 to 20,000
 *       packets long, from their service port to random telescope addresses and ephemeral ports;
 *   <li>30 % noise: SYNs (and a few ACKs and RSTs) from 50,000 active sources, each sending 1 to 15 packets
 *       (mean 8) to random addresses on common ports before it is replaced; about 1.9 million distinct sources
 *       over 50 M packets, so that the detector's per-source state and its bound are exercised.
 * </ul>
 *
 * <p>Besides {@code DIR/synthetic-PACKETS.pcap} it writes {@code .offsets} (after every million packets and at
 * the end: packets, bytes of the file up to there; {@code head -c BYTES} gives a valid prefix) and
 * {@code .scanners.csv} (the ground truth of the scanning sources). Packets are built in one reused buffer; the
 * generator refuses, with one line, when the folder's file system has less than twice the capture's size free.
 */
public final class SyntheticCapture {
  static final int TELESCOPE = 0xC612_0000; // 198.18.0.0
  static final int TELESCOPE_BITS = 17;
  static final int TELESCOPE_SIZE = 1 << TELESCOPE_BITS;
  static final int SNAPLEN = 96;
  static final int MAX_FRAME = 60;
  static final long RECORD_HEADER = 16;
  static final long FILE_HEADER = 24;
  static final long START_SECONDS = 1_735_689_600L; // 2025-01-01T00:00:00Z
  static final long OFFSET_EVERY = 1_000_000L;

  static final int SCANNERS = 64;
  static final int VICTIMS = 2_000;
  static final int NOISE = 50_000;
  static final int SCANNER_PERMILLE = 550;
  static final int BACKSCATTER_PERMILLE = 150;

  enum Tool { ZMAP, MASSCAN, FATHOM, NMAP, MIRAI, UNKNOWN }

  private static final Tool[] TOOL_MIX = {Tool.ZMAP, Tool.ZMAP, Tool.ZMAP, Tool.MASSCAN, Tool.MASSCAN,
      Tool.MASSCAN, Tool.FATHOM, Tool.NMAP, Tool.MIRAI, Tool.MIRAI, Tool.UNKNOWN, Tool.UNKNOWN};
  private static final int[] SCAN_PORTS = {22, 23, 80, 443, 445, 3389, 8080, 5900, 6379, 9200, 1433, 3306, 25,
      21, 53, 7547, 8443, 2222, 5555, 81};
  private static final int[] NOISE_PORTS = {22, 23, 80, 443, 445, 3389, 8080, 139, 1433, 5060, 2323, 8443};
  private static final int[] SERVICE_PORTS = {80, 443, 53, 25, 22, 8080, 27015, 3074};

  private final byte[] frame = new byte[MAX_FRAME];
  private long rng;

  // Scanners, struct of arrays.
  private final int[] sSrc = new int[SCANNERS];
  private final Tool[] sTool = new Tool[SCANNERS];
  private final int[][] sPorts = new int[SCANNERS][];
  private final long[] sSent = new long[SCANNERS];
  private final long[] sBudget = new long[SCANNERS];
  private final int[] sStride = new int[SCANNERS];
  private final int[] sOffset = new int[SCANNERS];
  private final int[] sHops = new int[SCANNERS];
  private final int[] sSport = new int[SCANNERS];
  private final int[] sSeq = new int[SCANNERS];
  private final int[] sIndex = new int[SCANNERS];
  private long scannersStarted;
  private int lastScanner = -1;

  private final int[] vSrc = new int[VICTIMS];
  private final int[] vPort = new int[VICTIMS];
  private final int[] vLeft = new int[VICTIMS];
  private final int[] vTtl = new int[VICTIMS];
  private long victimsStarted;

  private final int[] nSrc = new int[NOISE];
  private final int[] nLeft = new int[NOISE];
  private final int[] nTtl = new int[NOISE];
  private final int[] nWindow = new int[NOISE];
  private long noiseStarted;

  private final PrintWriter truth;

  private SyntheticCapture(long seed, PrintWriter truth) {
    this.rng = seed * 0x9E37_79B9_7F4A_7C15L + 1;
    this.truth = truth;
    truth.println("index,src,tool,ports,probes,first_packet");
    for (int i = 0; i < SCANNERS; i++) {
      newScanner(i, 0);
    }
    for (int i = 0; i < VICTIMS; i++) {
      newVictim(i);
    }
    for (int i = 0; i < NOISE; i++) {
      newNoise(i);
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = null;
    long packets = 50_000_000L;
    long seed = 1;
    double rate = 20_000;
    boolean nano = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--nanosecond" -> nano = true;
        case "-h", "--help" -> {
          System.out.println("usage: SyntheticCapture DIR [PACKETS] [--seed S] [--rate PPS] [--nanosecond]");
          return;
        }
        default -> {
          if (dir == null) {
            dir = Path.of(args[i]);
          } else {
            packets = Long.parseLong(args[i].replace("_", ""));
          }
        }
      }
    }
    if (dir == null || packets <= 0 || rate <= 0) {
      System.err.println("usage: SyntheticCapture DIR [PACKETS] [--seed S] [--rate PPS] [--nanosecond]");
      System.exit(2);
    }
    Files.createDirectories(dir);
    long worstCase = FILE_HEADER + packets * (RECORD_HEADER + MAX_FRAME);
    long free = Files.getFileStore(dir).getUsableSpace();
    if (free < 2 * worstCase) {
      System.err.printf(Locale.ROOT, "SyntheticCapture: refusing: %s has %.1f GB free, needs twice the capture's "
          + "%.1f GB%n", dir, free / 1e9, worstCase / 1e9);
      System.exit(1);
    }
    Path pcap = dir.resolve("synthetic-" + packets + ".pcap");
    Path partial = dir.resolve(pcap.getFileName() + ".partial");
    Path offsets = dir.resolve(pcap.getFileName() + ".offsets");
    Path scanners = dir.resolve("synthetic-" + packets + ".scanners.csv");
    long started = System.nanoTime();
    long bytes;
    try (PrintWriter truth = new PrintWriter(new BufferedWriter(Files.newBufferedWriter(scanners)));
         PrintWriter marks = new PrintWriter(Files.newBufferedWriter(offsets));
         PcapWriter out = PcapWriter.create(partial, LinkTypes.ETHERNET, SNAPLEN, nano, false)) {
      SyntheticCapture g = new SyntheticCapture(seed, truth);
      bytes = g.write(out, packets, rate, marks);
      g.summary(packets);
    }
    Files.move(partial, pcap, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "%s: %d packets, %d bytes, %.1f s (%.1f M packets/s)%n", pcap, packets, bytes,
        seconds, packets / seconds / 1e6);
  }

  private long write(PcapWriter out, long packets, double rate, PrintWriter marks) throws IOException {
    long meanGap = Math.max(2, Math.round(1e9 / rate));
    long time = START_SECONDS * 1_000_000_000L;
    long bytes = FILE_HEADER;
    for (long n = 0; n < packets; n++) {
      time += 1 + below(2 * meanGap - 1); // mean meanGap, always forward
      int length;
      int pick = below(1000);
      if (pick < SCANNER_PERMILLE) {
        length = scannerProbe(n);
      } else if (pick < SCANNER_PERMILLE + BACKSCATTER_PERMILLE) {
        length = backscatter();
      } else {
        length = noise();
      }
      out.write(time, frame, 0, length);
      bytes += RECORD_HEADER + length;
      if ((n + 1) % OFFSET_EVERY == 0 || n + 1 == packets) {
        marks.println((n + 1) + " " + bytes);
      }
    }
    return bytes;
  }

  private void summary(long packets) {
    System.out.printf(Locale.ROOT, "scanning sources %d, backscatter victims %d, noise sources %d (%d packets)%n",
        scannersStarted, victimsStarted, noiseStarted, packets);
  }

  // --- scanners ---

  private void newScanner(int i, long packetIndex) {
    int src;
    Tool tool;
    int[] ports;
    if (lastScanner >= 0 && below(4) == 0) { // a campaign: the next address of the same /24, same tool and ports
      src = (sSrc[lastScanner] & 0xFFFF_FF00) | (1 + ((sSrc[lastScanner] + below(16)) & 0xFF) % 254);
      tool = sTool[lastScanner];
      ports = sPorts[lastScanner];
    } else {
      src = publicAddress(next());
      src = (src & 0xFFFF_FF00) | (1 + (src & 0xFF) % 254); // .0 and .255 look spoofed (CAIDA's rules)
      tool = TOOL_MIX[below(TOOL_MIX.length)];
      int count = below(4) == 0 ? 2 + below(4) : 1;
      ports = new int[count];
      for (int k = 0; k < count; k++) {
        ports[k] = tool == Tool.MIRAI ? 23 : SCAN_PORTS[below(SCAN_PORTS.length)];
      }
    }
    sSrc[i] = src;
    sTool[i] = tool;
    sPorts[i] = ports;
    sSent[i] = 0;
    sBudget[i] = 20_000 + below(180_001);
    sStride[i] = (next32() | 1) & (TELESCOPE_SIZE - 1) | 1;
    sOffset[i] = below(TELESCOPE_SIZE);
    sHops[i] = 4 + below(20);
    sSport[i] = 32768 + below(28000);
    sSeq[i] = next32();
    sIndex[i] = 0;
    lastScanner = i;
    truth.printf(Locale.ROOT, "%d,%s,%s,%s,%d,%d%n", scannersStarted++, ip(src), tool.name().toLowerCase(Locale.ROOT),
        join(ports), sBudget[i], packetIndex);
  }

  private int scannerProbe(long packetIndex) {
    int i = below(SCANNERS);
    long k = sSent[i]++;
    int[] ports = sPorts[i];
    int dport = ports[(int) (k % ports.length)];
    int dst = TELESCOPE + (int) (((k / ports.length) * sStride[i] + sOffset[i]) & (TELESCOPE_SIZE - 1));
    int src = sSrc[i];
    int hops = sHops[i];
    int length;
    switch (sTool[i]) {
      case ZMAP -> {
        int seq = next32();
        length = tcp(src, dst, 32768 + (seq >>> 17) % 28232, dport, seq, 0, 0x02, 65535, 54321, 255 - hops, false,
            false);
      }
      case MASSCAN -> {
        int seq = next32();
        length = tcp(src, dst, sSport[i], dport, seq, 0, 0x02, 1024, (dst ^ dport ^ seq) & 0xFFFF, 255 - hops,
            false, false);
      }
      case FATHOM -> {
        int seq = next32();
        length = tcp(src, dst, 32768 + (seq & 0x7FFF), dport, seq, 0, 0x02, 64240,
            ((seq >>> 16) ^ dport ^ 0x4654) & 0xFFFF, 64 - hops, true, false);
      }
      case NMAP -> {
        // One phase per 2,000 probes; a probe in ten is a retry: try number 1 in both halves of seq and sport.
        if (k % 2000 == 0) {
          sSeq[i] = next32();
          sSport[i] = 33000 + below(30000);
        }
        int tryNumber = below(10) == 0 ? 1 : 0;
        int seq = ((tryNumber << 16) | tryNumber) ^ sSeq[i];
        length = tcp(src, dst, sSport[i] + tryNumber, dport, seq, 0, 0x02, 1024, next32() & 0xFFFF,
            37 + below(23) - Math.min(hops, 8), true, false);
      }
      case MIRAI -> length = tcp(src, dst, 1024 + below(60000), below(10) == 0 ? 2323 : 23, dst, 0, 0x02,
          1 + below(65535), next32() & 0xFFFF, 64 - hops, false, false);
      default -> length = tcp(src, dst, 32768 + below(28000), dport, next32(), 0, 0x02, 29200,
          next32() & 0xFFFF, 64 - hops, true, false);
    }
    if (sSent[i] >= sBudget[i]) {
      newScanner(i, packetIndex + 1);
    }
    return length;
  }

  // --- backscatter ---

  private void newVictim(int i) {
    vSrc[i] = publicAddress(next());
    vPort[i] = SERVICE_PORTS[below(SERVICE_PORTS.length)];
    // Most victims send a few packets, a few send many: 1 to 20,000, skewed small.
    int r = below(1000);
    vLeft[i] = r < 700 ? 1 + below(20) : r < 950 ? 20 + below(1000) : 1000 + below(19_001);
    vTtl[i] = (below(2) == 0 ? 64 : 128) - 3 - below(20);
    victimsStarted++;
  }

  private int backscatter() {
    int i = below(VICTIMS);
    int dst = TELESCOPE + below(TELESCOPE_SIZE);
    int dport = 1024 + below(64512);
    int r = below(10);
    int length;
    if (r < 6) { // SYN-ACK with MSS
      length = tcp(vSrc[i], dst, vPort[i], dport, next32(), next32(), 0x12, 64240, next32() & 0xFFFF, vTtl[i],
          true, false);
    } else if (r < 9) { // RST-ACK, padded to the Ethernet minimum
      length = tcp(vSrc[i], dst, vPort[i], dport, 0, next32(), 0x14, 0, next32() & 0xFFFF, vTtl[i], false, true);
    } else { // RST
      length = tcp(vSrc[i], dst, vPort[i], dport, next32(), 0, 0x04, 0, next32() & 0xFFFF, vTtl[i], false, true);
    }
    if (--vLeft[i] == 0) {
      newVictim(i);
    }
    return length;
  }

  // --- noise ---

  private void newNoise(int i) {
    // A bijection of a counter: a new address per noise source (save the rare remapped reserved ones).
    nSrc[i] = publicAddress(mix(0x5DEE_CE66DL + noiseStarted++));
    nLeft[i] = 1 + below(15);
    nTtl[i] = (below(3) == 0 ? 128 : 64) - 5 - below(20);
    nWindow[i] = below(2) == 0 ? 64240 : 29200;
  }

  private int noise() {
    int i = below(NOISE);
    int dst = TELESCOPE + below(TELESCOPE_SIZE);
    int dport = below(4) == 0 ? 1 + below(65535) : NOISE_PORTS[below(NOISE_PORTS.length)];
    int r = below(20);
    int length;
    if (r < 18) {
      length = tcp(nSrc[i], dst, 32768 + below(28000), dport, next32(), 0, 0x02, nWindow[i], next32() & 0xFFFF,
          nTtl[i], true, false);
    } else if (r == 18) {
      length = tcp(nSrc[i], dst, 32768 + below(28000), dport, next32(), next32(), 0x10, 502, next32() & 0xFFFF,
          nTtl[i], false, true);
    } else {
      length = tcp(nSrc[i], dst, 32768 + below(28000), dport, next32(), 0, 0x04, 0, next32() & 0xFFFF, nTtl[i],
          false, true);
    }
    if (--nLeft[i] == 0) {
      newNoise(i);
    }
    return length;
  }

  // --- the frame ---

  /** Builds an Ethernet/IPv4/TCP frame in {@link #frame}; returns its length (54, 58 with MSS, 60 padded). */
  private int tcp(int src, int dst, int sport, int dport, int seq, int ack, int flags, int window, int ipId,
      int ttl, boolean mss, boolean pad) {
    byte[] f = frame;
    // Ethernet: fixed addresses, IPv4.
    f[0] = 0x02; f[1] = 0x00; f[2] = 0x5e; f[3] = 0x10; f[4] = 0x00; f[5] = 0x01;
    f[6] = 0x02; f[7] = 0x00; f[8] = 0x5e; f[9] = 0x10; f[10] = 0x00; f[11] = 0x02;
    f[12] = 0x08; f[13] = 0x00;
    int tcpLength = mss ? 24 : 20;
    int ipLength = 20 + tcpLength;
    f[14] = 0x45; f[15] = 0;
    put16(f, 16, ipLength);
    put16(f, 18, ipId);
    put16(f, 20, 0);
    f[22] = (byte) Math.max(1, ttl);
    f[23] = 6;
    put16(f, 24, 0);
    put32(f, 26, src);
    put32(f, 30, dst);
    put16(f, 24, checksum(f, 14, 20, 0));
    put16(f, 34, sport);
    put16(f, 36, dport);
    put32(f, 38, seq);
    put32(f, 42, ack);
    f[46] = (byte) ((tcpLength / 4) << 4);
    f[47] = (byte) flags;
    put16(f, 48, window);
    put16(f, 50, 0);
    put16(f, 52, 0);
    if (mss) {
      f[54] = 2; f[55] = 4; f[56] = 0x05; f[57] = (byte) 0xb4;
    }
    long pseudo = (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + 6 + tcpLength;
    put16(f, 50, checksum(f, 34, tcpLength, pseudo));
    int length = 14 + ipLength;
    if (pad) {
      for (int k = length; k < MAX_FRAME; k++) {
        f[k] = 0;
      }
      length = MAX_FRAME;
    }
    return length;
  }

  private static int checksum(byte[] b, int offset, int length, long initial) {
    long sum = initial;
    for (int k = offset; k < offset + length; k += 2) {
      sum += ((b[k] & 0xFF) << 8) | (b[k + 1] & 0xFF);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  private static void put16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  private static void put32(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  // --- randomness and addresses ---

  /** SplitMix64's finalizer: a bijection of 64-bit values. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  private long next() {
    rng += 0x9E37_79B9_7F4A_7C15L;
    return mix(rng);
  }

  private int next32() {
    return (int) (next() >>> 32);
  }

  /** Uniform in [0, bound), by Lemire's multiply-shift (bias below 2^-32 here). */
  private int below(int bound) {
    return (int) (((next() >>> 32) * bound) >>> 32);
  }

  private long below(long bound) {
    return Math.floorMod(next(), bound);
  }

  /** A unicast address outside 0/8, 10/8, 127/8, 198.18/15 and 224/3, from 32 random bits. */
  static int publicAddress(long bits) {
    int a = (int) (bits ^ (bits >>> 32));
    int first = a >>> 24;
    if (first == 0 || first == 10 || first == 127 || first >= 224 || (a >>> 17) == (TELESCOPE >>> 17)) {
      a ^= 0x4000_0000; // e.g. 10/8 -> 74/8, 224/3 -> 160/3
      first = a >>> 24;
      if (first == 0 || first == 127 || first >= 224) {
        a = (a & 0x00FF_FFFF) | (45 << 24);
      }
    }
    return a;
  }

  private static String ip(int a) {
    return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
  }

  private static String join(int[] ports) {
    StringBuilder b = new StringBuilder();
    for (int p : ports) {
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(p);
    }
    return b.toString();
  }
}
