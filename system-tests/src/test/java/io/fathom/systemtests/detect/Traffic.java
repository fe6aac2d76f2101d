package io.fathom.systemtests.detect;

import io.fathom.common.Ipv4;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates what a darknet telescope (198.19.0.0/16) sees: the SYN probes of known scanners as their sources
 * build them (see detect/FINGERPRINTS.md), and traffic that is not scanning. Seeded, so every capture is the same
 * from run to run. Probes arrive {@link #HOPS} routers away, so their TTLs are lower than sent.
 */
final class Traffic {
  static final String TELESCOPE = "198.19.0.0/16";
  static final int TELESCOPE_BASE = Ipv4.parse("198.19.0.0");
  static final int TELESCOPE_SIZE = 1 << 16;
  /** Routers between every generated source and the telescope. */
  static final int HOPS = 12;

  private static final int ZMAP_LEGACY_IP_ID = 54321;
  private static final int ZMAP_FIRST_PORT = 32768;
  private static final int ZMAP_LAST_PORT = 61000;

  private final SyntheticCapture capture;
  private final SplittableRandom random;

  Traffic(SyntheticCapture capture, long seed) {
    this.capture = capture;
    this.random = new SplittableRandom(seed);
  }

  SplittableRandom random() {
    return random;
  }

  /** {@code n} distinct telescope addresses in random order. */
  int[] telescopeTargets(int n) {
    int[] all = new int[TELESCOPE_SIZE];
    for (int i = 0; i < all.length; i++) {
      all[i] = TELESCOPE_BASE + i;
    }
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(all.length - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, n);
  }

  /** A random telescope address. */
  int telescopeAddress() {
    return TELESCOPE_BASE + random.nextInt(TELESCOPE_SIZE);
  }

  /**
   * A random unicast address outside private, reserved and multicast space and outside the telescope, ending in
   * neither .0 nor .255 (which CAIDA's rules would call spoofed).
   */
  int publicAddress() {
    while (true) {
      int a = random.nextInt();
      int first = a >>> 24;
      int last = a & 0xFF;
      boolean reserved = first == 0 || first == 10 || first == 100 || first == 127 || first >= 224
          || (a >>> 16) == 0xA9FE || (a >>> 20) == 0xAC1 || (a >>> 16) == 0xC0A8 || (a >>> 17) == (0xC612 >>> 1);
      if (!reserved && last != 0 && last != 255) {
        return a;
      }
    }
  }

  /** The time of probe {@code i} of a source sending {@code pps} probes per second from {@code start}. */
  static long at(long start, int i, double pps) {
    return start + (long) (i * 1e9 / pps);
  }

  /**
   * ZMap 4.1.1 and later, TCP SYN module defaults: TTL 64, window 65535, Windows-style options, a random IP ID
   * and a random source port in 32768-61000 per probe, and a sequence number that validates the answer.
   */
  void zmapModern(int src, int[] targets, int port, long start, double pps) {
    zmapRandomIpId(src, targets, port, start, pps, 64, Frame.WINDOWS_OPTIONS);
  }

  /** ZMap 4.1.0 alone: random IP ID already, but TTL 255 and Linux-style options (MSS, SACK, timestamps, WS). */
  void zmap410(int src, int[] targets, int port, long start, double pps) {
    byte[] linux = {2, 4, 0x05, (byte) 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};
    zmapRandomIpId(src, targets, port, start, pps, 255, linux);
  }

  private void zmapRandomIpId(int src, int[] targets, int port, long start, double pps, int ttl, byte[] options) {
    for (int i = 0; i < targets.length; i++) {
      int ipId;
      do {
        ipId = random.nextInt(1 << 16);
      } while (ipId == ZMAP_LEGACY_IP_ID);
      capture.add(at(start, i, pps), Frame.tcp(src, targets[i], zmapPort(), port, Frame.SYN)
          .ttl(ttl - HOPS).ipId(ipId).seq(random.nextInt()).window(65535).options(options));
    }
  }

  /** ZMap up to 4.0: IP ID 54321, window 65535, TTL 255, no options. */
  void zmapLegacy(int src, int[] targets, int port, long start, double pps) {
    for (int i = 0; i < targets.length; i++) {
      capture.add(at(start, i, pps), Frame.tcp(src, targets[i], zmapPort(), port, Frame.SYN)
          .ttl(255 - HOPS).ipId(ZMAP_LEGACY_IP_ID).seq(random.nextInt()).window(65535));
    }
  }

  private int zmapPort() {
    return ZMAP_FIRST_PORT + random.nextInt(ZMAP_LAST_PORT - ZMAP_FIRST_PORT + 1);
  }

  /**
   * Mirai's telnet scanner ({@code bot/scanner.c}): sequence number = destination address, port 23 and one probe
   * in ten to 2323; random IP ID, window and source port.
   */
  void mirai(int src, int[] targets, long start, double pps) {
    for (int i = 0; i < targets.length; i++) {
      int port = i % 10 == 9 ? 2323 : 23;
      capture.add(at(start, i, pps), Frame.tcp(src, targets[i], 1024 + random.nextInt(64512), port, Frame.SYN)
          .ttl(64 - HOPS).ipId(random.nextInt(1 << 16)).seq(targets[i]).window(random.nextInt(1 << 16)));
    }
  }

  /**
   * unicornscan: one secret key per scan, {@code seq = key ^ dst ^ ((dport << 16) + sport)}; one source port for
   * the scan; every target on every port.
   */
  void unicornscan(int src, int[] targets, int[] ports, long start, double pps) {
    int key = random.nextInt();
    int srcPort = 1024 + random.nextInt(64512);
    int i = 0;
    for (int target : targets) {
      for (int port : ports) {
        int seq = key ^ target ^ ((port << 16) + srcPort);
        capture.add(at(start, i++, pps), Frame.tcp(src, target, srcPort, port, Frame.SYN)
            .ttl(64 - HOPS).ipId(random.nextInt(1 << 16)).seq(seq).window(4096));
      }
    }
  }

  /** One UDP datagram to each target, {@code intervalNanos} apart, from one source port. */
  void udpSweep(int src, int[] targets, int port, byte[] payload, long start, long intervalNanos) {
    int srcPort = 1024 + random.nextInt(64512);
    for (int i = 0; i < targets.length; i++) {
      capture.add(start + i * intervalNanos, Frame.udp(src, targets[i], srcPort, port)
          .ttl(64 - HOPS).ipId(random.nextInt(1 << 16)).payload(payload));
    }
  }

  /** A DoS victim answering spoofed SYNs: SYN-ACKs and RSTs from its port 80 to random telescope addresses. */
  void backscatter(int victim, int count, long start, long intervalNanos) {
    for (int i = 0; i < count; i++) {
      int flags = i % 3 == 2 ? Frame.RST | Frame.ACK : Frame.SYN | Frame.ACK;
      capture.add(start + i * intervalNanos, Frame.tcp(victim, telescopeAddress(), 80, 1024 + random.nextInt(64512),
          flags).ttl(64 - HOPS).seq(random.nextInt()).ack(random.nextInt()).window(flags == (Frame.SYN | Frame.ACK)
          ? 29200 : 0));
    }
  }

  /**
   * A SYN flood on one destination from {@code sources} random spoofed addresses, one or two SYNs each; returns
   * the spoofed addresses.
   */
  int[] spoofedSynFlood(int victim, int port, int sources, long start, long intervalNanos) {
    int[] spoofed = new int[sources];
    long t = start;
    for (int s = 0; s < sources; s++) {
      int src = publicAddress();
      spoofed[s] = src;
      int syns = 1 + random.nextInt(2);
      for (int k = 0; k < syns; k++) {
        capture.add(t, Frame.tcp(src, victim, 1024 + random.nextInt(64512), port, Frame.SYN)
            .ttl(random.nextInt(30, 250)).ipId(random.nextInt(1 << 16)).seq(random.nextInt()).window(512));
        t += intervalNanos;
      }
    }
    return spoofed;
  }

  /** One source sending {@code count} SYNs (new port and sequence each) to one destination port. */
  void hammer(int src, int victim, int port, int count, long start, long intervalNanos) {
    for (int i = 0; i < count; i++) {
      capture.add(start + i * intervalNanos, Frame.tcp(src, victim, 1024 + random.nextInt(64512), port, Frame.SYN)
          .ttl(64 - HOPS).ipId(random.nextInt(1 << 16)).seq(random.nextInt()).options(Frame.MSS_1460));
    }
  }

  /** DNS answers from a resolver's port 53 to random telescope addresses (someone spoofed them in queries). */
  void dnsReplies(int resolver, int count, long start, long intervalNanos) {
    byte[] answer = {0x1a, 0x2b, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0};
    for (int i = 0; i < count; i++) {
      capture.add(start + i * intervalNanos, Frame.udp(resolver, telescopeAddress(), 53, 1024 + random.nextInt(64512))
          .ttl(64 - HOPS).ipId(random.nextInt(1 << 16)).payload(answer));
    }
  }

  /**
   * A client retrying connections that get no answer: each SYN sent {@code tries} times with the same port and
   * sequence, after 1, 2, 4... seconds (Linux's doubling retransmission timer).
   */
  void retransmittedSyns(int src, int[] targets, int port, int tries, long start) {
    long t = start;
    for (int target : targets) {
      int srcPort = 32768 + random.nextInt(28232);
      int seq = random.nextInt();
      long backoff = SyntheticCapture.SECOND;
      long sent = t;
      for (int k = 0; k < tries; k++) {
        capture.add(sent, Frame.tcp(src, target, srcPort, port, Frame.SYN).ttl(64 - HOPS)
            .ipId(random.nextInt(1 << 16)).seq(seq).options(Frame.WINDOWS_OPTIONS));
        sent += backoff;
        backoff *= 2;
      }
      t += 100_000_000L;
    }
  }

  /** SYNs from {@code src} to each target one second apart, with the given ports: a plain probe stream. */
  void syns(int src, int[] targets, int srcPort, int dstPort, long start) {
    for (int i = 0; i < targets.length; i++) {
      capture.add(start + i * SyntheticCapture.SECOND, Frame.tcp(src, targets[i], srcPort, dstPort, Frame.SYN)
          .ttl(64 - HOPS).ipId(random.nextInt(1 << 16)).seq(random.nextInt()).options(Frame.MSS_1460));
    }
  }

  /** First fragments (more-fragments set) of large UDP datagrams, one per target, one second apart. */
  void udpFirstFragments(int src, int[] targets, int dstPort, long start) {
    byte[] chunk = new byte[64];
    for (int i = 0; i < targets.length; i++) {
      capture.add(start + i * SyntheticCapture.SECOND, Frame.udp(src, targets[i], 40000 + i, dstPort)
          .ttl(64 - HOPS).ipId(random.nextInt(1 << 16)).payload(chunk).fragment(true, 0));
    }
  }
}
