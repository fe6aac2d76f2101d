package io.fathom.lab;

import io.fathom.common.UsageException;
import io.fathom.rawio.FrameSender;
import io.fathom.rawio.MmsgSender;
import io.fathom.rawio.NetInterfaces;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An adversary on the target side of a lab: floods the scanner with forged SYN-ACKs and RSTs, malformed segments,
 * replays and out-of-scope answers (a seeded mix, at a steady rate), so that tests can show a scanner still finds
 * exactly the ground truth. Every frame goes to the scanner's MAC and address; every source lies in 198.18.0.0/15.
 *
 * <p>In a test: {@code try (Flooder flooder = Flooder.start(lab.info(), seed, 20_000)) {...}} floods from the lab's
 * target namespace on a thread of its own until closed. As a process, run inside the target namespace:
 * {@code ip netns exec NAME-tgt java ... io.fathom.lab.Flooder --interface NAME-t --dst-mac MAC
 * --dst-ip 198.19.255.254 --seed N --rate PPS --seconds S} (run it without options for all of them); it prints
 * one line of counts when it ends.
 */
public final class Flooder implements AutoCloseable {
  /** What a frame forges. Ports "of the lab" are the configured ports; answers go to ports 32768-61000. */
  public enum Category {
    /** SYN-ACKs from random live-prefix addresses with random acknowledgement numbers, failing validation. */
    FORGED_SYN_ACK,
    /** RSTs and RST+ACKs from random live-prefix addresses. */
    FORGED_RST,
    /** A forged SYN-ACK or RST carrying one {@link Defect}. */
    MALFORMED,
    /** A recent forged SYN-ACK again (same addresses, ports and sequence) with a new wrong acknowledgement. */
    REPLAYED_SYN_ACK,
    /** Well-formed SYN-ACKs from 198.18.0.0/15 outside the live prefix (the dark prefix included). */
    OUT_OF_SCOPE_SYN_ACK
  }

  /** How a {@link Category#MALFORMED} frame is broken; each names the verdict of {@code FrameParser}. */
  public enum Defect {
    /** TCP data offset 0-4 words: BAD_TCP_HEADER. */
    TCP_DATA_OFFSET_BELOW_FIVE,
    /** TCP data offset 6-15 words in a 20-byte segment: BAD_TCP_HEADER. */
    TCP_DATA_OFFSET_BEYOND_SEGMENT,
    /** IP total length leaves 1-19 bytes of TCP, and the frame ends there: BAD_TCP_HEADER. */
    TCP_HEADER_TRUNCATED,
    /** IP total length 20 (no TCP at all), the old TCP header left behind as padding: BAD_TCP_HEADER. */
    EMPTY_TCP_SEGMENT,
    /** IPv4 header length 0-4 words: BAD_IP_HEADER. */
    IP_HEADER_LENGTH_BELOW_FIVE,
    /** Version 6 in an IPv4 EtherType: BAD_IP_HEADER. */
    IP_VERSION_6,
    /** IP total length 0-19, below the header's own length: BAD_IP_HEADER. */
    IP_TOTAL_LENGTH_BELOW_HEADER,
    /** IP total length longer than the frame: BAD_IP_HEADER. */
    IP_TOTAL_LENGTH_BEYOND_FRAME,
    /** The frame ends 0-19 bytes into the IPv4 header: TRUNCATED. */
    IP_HEADER_TRUNCATED,
    /** Wrong IPv4 header checksum: BAD_CHECKSUM when checksums are verified. */
    BAD_IP_CHECKSUM,
    /** Wrong TCP checksum: BAD_CHECKSUM when checksums are verified. */
    BAD_TCP_CHECKSUM,
    /** A non-zero fragment offset (with or without More Fragments): FRAGMENT. */
    NON_FIRST_FRAGMENT,
    /** More Fragments set at offset 0, a first fragment that looks like a whole SYN-ACK or RST: FRAGMENT. */
    MORE_FRAGMENTS,
    /** 20-100 random bytes after the Ethernet header, IP version never 4: BAD_IP_HEADER. */
    GARBAGE_AFTER_ETHERNET
  }

  static final int BATCH_CAPACITY = 64;
  static final int MAX_FRAME_LENGTH = 128;

  private final FloodConfig config;
  private final FloodCounters counters = new FloodCounters();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final CountDownLatch opened = new CountDownLatch(1);
  private final Thread thread;
  private volatile Throwable failure;
  private boolean failureReported;

  private Flooder(FloodConfig config, String namespace) {
    this.config = config;
    this.thread = Thread.ofPlatform().name("fathom-flooder").daemon().unstarted(() -> run(namespace));
  }

  /** Floods the lab's scanner from its target namespace until closed; the sender is open when this returns. */
  public static Flooder start(LabInfo info, long seed, int packetsPerSecond) {
    long scannerMac = LabSetup.readMac(info.scannerNamespace(), info.scannerInterface());
    return start(FloodConfig.forLab(info, scannerMac, seed, packetsPerSecond), info.targetNamespace());
  }

  /** Floods as configured from network namespace {@code namespace} (as named by {@code ip netns}). */
  public static Flooder start(FloodConfig config, String namespace) {
    return started(new Flooder(config, Objects.requireNonNull(namespace, "namespace")));
  }

  /** Floods as configured from the caller's own network namespace. */
  public static Flooder start(FloodConfig config) {
    return started(new Flooder(config, null));
  }

  private static Flooder started(Flooder flooder) {
    flooder.thread.start();
    flooder.awaitOpened();
    return flooder;
  }

  private void run(String namespace) {
    try {
      if (namespace != null) {
        io.fathom.rawio.Namespaces.enterNetworkNamespace(namespace);
      }
      try (FrameSender sender = MmsgSender.open(config.interfaceName(), BATCH_CAPACITY, MAX_FRAME_LENGTH, true)) {
        if (sender.maxFrameLength() < MalformedFrames.MAX_FRAME_LENGTH) {
          throw new LabException("interface " + config.interfaceName() + " takes frames of at most "
              + sender.maxFrameLength() + " bytes; the flooder needs " + MalformedFrames.MAX_FRAME_LENGTH);
        }
        FloodLoop loop = new FloodLoop(config, sender, counters);
        opened.countDown();
        loop.run(stop);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      opened.countDown();
    }
  }

  private void awaitOpened() {
    try {
      opened.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new LabException("interrupted while starting the flooder", e);
    }
    if (failure != null) {
      close();
    }
  }

  public FloodConfig config() {
    return config;
  }

  /** Frames of this category handed to the kernel so far. */
  public long sent(Category category) {
    return counters.handed(category);
  }

  /** Malformed frames with this defect handed to the kernel so far. */
  public long sent(Defect defect) {
    return counters.handed(defect);
  }

  /** Frames the kernel accepted so far, all categories together. */
  public long sent() {
    return counters.sentFrames();
  }

  /** Frames the kernel refused so far. */
  public long sendErrors() {
    return counters.sendErrors();
  }

  /** True until the flooder is closed or fails. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Stops flooding and waits for the sending thread to end; throws if it failed (once). */
  @Override
  public synchronized void close() {
    stop.set(true);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // the loop notices the stop within milliseconds: wait for it anyway
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable cause = failure;
    if (cause != null && !failureReported) {
      failureReported = true;
      throw new LabException("flooder on " + config.interfaceName() + " failed: " + cause.getMessage(), cause);
    }
  }

  /** One line of counts: totals, then each category and each defect. */
  public String summary() {
    StringBuilder line = new StringBuilder("flooder: sent ").append(sent()).append(" frames, ")
        .append(sendErrors()).append(" refused;");
    for (Category category : Category.values()) {
      line.append(' ').append(category.name().toLowerCase()).append('=').append(sent(category));
    }
    line.append(';');
    for (Defect defect : Defect.values()) {
      line.append(' ').append(defect.name().toLowerCase()).append('=').append(sent(defect));
    }
    return line.toString();
  }

  /** The command line (see the class comment); exits 0, 1 when flooding failed, or 2 on a usage error. */
  public static void main(String[] args) {
    int status;
    try {
      status = FloodCommand.run(FloodOptions.parse(args, NetInterfaces::mac));
    } catch (UsageException e) {
      System.err.println("flooder: " + e.getMessage());
      status = 2;
    } catch (RuntimeException e) {
      System.err.println("flooder: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }
}
