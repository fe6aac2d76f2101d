package io.fathom.detect.fingerprint;

import io.fathom.detect.PacketView;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic SYN probe streams, written from each tool's documented behaviour (see FINGERPRINTS.md). */
final class ProbeStreams {
  static final int SOURCE = 0xC6336401;
  static final long LINUX_OPTIONS = 0x03_01_08_04_02L;

  /** Each kind makes one scanning source's stream; {@code tool} is what the verdict should say. */
  enum Kind {
    ZMAP_OLD("zmap", "zmap-ipid/1"),
    ZMAP_NEW("zmap", "zmap-options/1"),
    MASSCAN("masscan", "masscan/1"),
    MASSCAN_OLD("masscan", "masscan/1"),
    NMAP("nmap", "nmap/1"),
    MIRAI("mirai", "mirai/1"),
    UNICORNSCAN("unicornscan", "unicornscan/1"),
    UNICORNSCAN_SWAPPED("unicornscan", "unicornscan/1"),
    HPING3("hping3", "hping3/1"),
    FATHOM("fathom", "fathom/1");

    final String tool;
    final String fingerprint;

    Kind(String tool, String fingerprint) {
      this.tool = tool;
      this.fingerprint = fingerprint;
    }
  }

  private ProbeStreams() {}

  static List<PacketView> stream(Kind kind, int count, long seed) {
    return stream(kind, count, seed, 0);
  }

  /** {@code hops}: routers crossed before the observer, each taking one off the TTL. */
  static List<PacketView> stream(Kind kind, int count, long seed, int hops) {
    SplittableRandom random = new SplittableRandom(seed);
    Session session = new Session(random);
    List<PacketView> probes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PacketView p = syn(random);
      switch (kind) {
        case ZMAP_OLD -> zmapOld(p, random);
        case ZMAP_NEW -> zmapNew(p, random);
        case MASSCAN -> masscan(p, random, session, 1025, true);
        case MASSCAN_OLD -> masscan(p, random, session, 1024, false);
        case NMAP -> nmap(p, random, session);
        case MIRAI -> mirai(p, i, session);
        case UNICORNSCAN -> unicornscan(p, random, session, false);
        case UNICORNSCAN_SWAPPED -> unicornscan(p, random, session, true);
        case HPING3 -> hping3(p, random, session, i);
        case FATHOM -> fathom(p, random);
      }
      p.ttl = Math.max(1, p.ttl - hops);
      probes.add(p);
    }
    return probes;
  }

  /** An ordinary Linux client opening connections: random IP ID and sequence, full Linux options, TTL 64. */
  static List<PacketView> linuxClient(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] servers = {random.nextInt(), random.nextInt(), random.nextInt()};
    List<PacketView> probes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PacketView p = syn(random);
      p.dstIp = servers[random.nextInt(servers.length)];
      p.dstPort = random.nextBoolean() ? 443 : 80;
      p.srcPort = 32768 + random.nextInt(28232);
      p.ttl = 64;
      p.window = 64240;
      options(p, LINUX_OPTIONS, 20, 1460);
      probes.add(p);
    }
    return probes;
  }

  /** Two streams, one probe of each in turn. */
  static List<PacketView> interleave(List<PacketView> a, List<PacketView> b) {
    List<PacketView> mixed = new ArrayList<>(a.size() + b.size());
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < a.size()) {
        mixed.add(a.get(i));
      }
      if (i < b.size()) {
        mixed.add(b.get(i));
      }
    }
    return mixed;
  }

  /** What a tool keeps for a whole scan. */
  private static final class Session {
    final int key;
    final int sourcePort;
    final int basePort;
    final int[] hosts;

    Session(SplittableRandom random) {
      key = random.nextInt();
      sourcePort = 1024 + random.nextInt(64511);
      basePort = 33000 + random.nextInt(65536 - 256 - 33000);
      hosts = new int[] {random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt()};
    }
  }

  private static PacketView syn(SplittableRandom random) {
    PacketView p = new PacketView().clear();
    p.protocol = PacketView.PROTO_TCP;
    p.tcpFlags = 0x02;
    p.srcIp = SOURCE;
    p.dstIp = random.nextInt();
    p.dstPort = 1 + random.nextInt(65535);
    p.srcPort = 1024 + random.nextInt(64511);
    p.seq = random.nextInt();
    p.ipId = random.nextInt(65536);
    p.ipLength = 40;
    return p;
  }

  private static void options(PacketView p, long kinds, int length, int mss) {
    p.tcpOptionKinds = kinds;
    p.tcpOptionsLength = length;
    p.mss = mss;
    p.ipLength = 40 + length;
  }

  private static void zmapOld(PacketView p, SplittableRandom random) {
    p.ipId = 54321;
    p.ttl = 255;
    p.window = 65535;
    p.srcPort = 32768 + random.nextInt(61000 - 32768 + 1);
    p.dstPort = 443;
    options(p, 0x02, 4, 1460);
  }

  private static void zmapNew(PacketView p, SplittableRandom random) {
    p.ttl = 64;
    p.window = 65535;
    p.srcPort = 32768 + random.nextInt(61000 - 32768 + 1);
    p.dstPort = random.nextBoolean() ? 80 : 8080;
    options(p, 0x04_01_01_03_01_02L, 12, 1460);
  }

  private static void masscan(PacketView p, SplittableRandom random, Session s, int window, boolean mss) {
    p.srcPort = s.sourcePort;
    p.dstPort = new int[] {22, 80, 443, 3389, 8080}[random.nextInt(5)];
    p.ipId = (p.dstIp ^ p.dstPort ^ p.seq) & 0xFFFF;
    p.ttl = 255;
    p.window = window;
    if (mss) {
      options(p, 0x02, 4, 1460);
    }
  }

  /** Nmap -sS over a few hosts: one seqmask and base port, with one probe in twenty a retransmission. */
  private static void nmap(PacketView p, SplittableRandom random, Session s) {
    int tryNumber = random.nextInt(20) == 0 ? 1 : 0;
    p.seq = ((tryNumber << 16) | tryNumber) ^ s.key;
    p.srcPort = s.basePort + tryNumber;
    p.dstIp = s.hosts[random.nextInt(s.hosts.length)];
    p.dstPort = 1 + random.nextInt(1024);
    p.ttl = 37 + random.nextInt(23);
    p.window = 1024;
    options(p, 0x02, 4, 1460);
  }

  private static void mirai(PacketView p, int index, Session s) {
    p.seq = p.dstIp;
    p.dstPort = index % 10 == 0 ? 2323 : 23;
    p.srcPort = s.sourcePort;
    p.window = p.ipId ^ 0x5A5A;
    p.ttl = 64;
  }

  private static void unicornscan(PacketView p, SplittableRandom random, Session s, boolean swapped) {
    p.dstIp = 0x0A000000 | random.nextInt(1 << 16);
    p.srcPort = s.sourcePort;
    int address = swapped ? Integer.reverseBytes(p.dstIp) : p.dstIp;
    p.seq = s.key ^ address ^ ((p.dstPort << 16) + p.srcPort);
    p.window = 4096;
    p.ttl = 64;
  }

  private static void hping3(PacketView p, SplittableRandom random, Session s, int index) {
    p.dstIp = s.hosts[0];
    p.dstPort = 80;
    p.srcPort = (s.sourcePort + index) & 0xFFFF;
    p.ack = random.nextInt() | 1;
    p.window = 512;
    p.ttl = 64;
  }

  private static void fathom(PacketView p, SplittableRandom random) {
    p.srcPort = 32768 + random.nextInt(28232);
    p.ipId = ((p.seq >>> 16) ^ p.dstPort ^ 0x4654) & 0xFFFF;
    p.ttl = 64;
    p.window = 64240;
    options(p, 0x02, 4, 1460);
  }
}
