package io.fathom.bench;

import io.fathom.common.Ipv4;
import io.fathom.packet.TcpHeader;
import io.fathom.packet.TcpProbeTemplate;
import io.fathom.probe.ProbeCookies;
import io.fathom.probe.ProbeModule;
import io.fathom.probe.ProbeModules;
import io.fathom.probe.ProbeSetup;
import io.fathom.probe.SipHash;
import io.fathom.targets.AddressSet;
import io.fathom.targets.PortSet;
import io.fathom.targets.ShardCursor;
import io.fathom.targets.SpecialPurposeBlocks;
import io.fathom.targets.TargetOrder;
import io.fathom.targets.TargetOrders;
import io.fathom.targets.TargetSpace;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one probe costs the sending thread before the kernel sees it, in ns per packet: the permutation step,
 * the index-to-target mapping, the SipHash cookie and the template copy with its incremental checksums. The
 * parts are also timed alone, so that a change in {@code packet} can be traced to the part that moved.
 *
 * <p>{@code targets=lab} is the lab's 198.18.0.0/16 x 22,80,443 (one address range, three ports);
 * {@code targets=internet} is 0.0.0.0/0 less the special-purpose blocks x 80 (about 3.7 G targets in a few
 * dozen ranges), where mapping an index to an address searches the ranges.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GeneratorBenchmark {
  private static final long SOURCE_MAC = 0x02_00_00_00_00_01L;
  private static final long GATEWAY_MAC = 0x02_00_00_00_00_02L;
  private static final int SOURCE_IP = Ipv4.parse("198.19.255.254");

  /** A target space, its order and a SYN module, as one sender thread holds them. */
  @State(Scope.Thread)
  public static class Generator {
    @Param({"cyclic", "blackrock"})
    public String order;

    @Param({"lab", "internet"})
    public String targets;

    TargetSpace space;
    TargetOrder targetOrder;
    ShardCursor cursor;
    ProbeModule probe;
    Arena arena;
    MemorySegment frame;

    @Setup
    public void setUp() {
      space = switch (targets) {
        case "lab" -> new TargetSpace(AddressSet.cidr(Ipv4.parse("198.18.0.0"), 16), PortSet.parse("22,80,443"));
        case "internet" -> new TargetSpace(AddressSet.cidr(0, 0).subtract(SpecialPurposeBlocks.all()),
            PortSet.parse("80"));
        default -> throw new IllegalArgumentException("unknown targets " + targets);
      };
      targetOrder = TargetOrders.create(order, space.size(), 0x5EED_F00DL);
      cursor = targetOrder.cursor(0, 1);
      ProbeCookies cookies =
          new ProbeCookies(0x0123_4567_89AB_CDEFL, 0x0FED_CBA9_8765_4321L, SOURCE_IP, 32768, 61000);
      probe = ProbeModules.create("syn");
      probe.prepare(new ProbeSetup(SOURCE_MAC, GATEWAY_MAC, SOURCE_IP, cookies, 64));
      arena = Arena.ofShared();
      frame = arena.allocate(probe.frameLength(), 64);
    }

    @TearDown
    public void tearDown() {
      arena.close();
    }

    /** The next index of the permutation; when the order is exhausted, a fresh cursor starts it over. */
    long nextIndex() {
      long i = cursor.next();
      if (i < 0) {
        cursor = targetOrder.cursor(0, 1);
        i = cursor.next();
      }
      return i;
    }
  }

  /** The parts that do not depend on the targets: a template, a SipHash key and a counter for varying inputs. */
  @State(Scope.Thread)
  public static class Parts {
    TcpProbeTemplate template;
    SipHash sipHash;
    Arena arena;
    MemorySegment frame;
    long counter;

    @Setup
    public void setUp() {
      // The SYN module's frame, built directly, so that the template is timed without the cookie.
      template = new TcpProbeTemplate(TcpProbeTemplate.Spec.builder()
          .sourceMac(SOURCE_MAC)
          .gatewayMac(GATEWAY_MAC)
          .sourceIp(SOURCE_IP)
          .ttl(64)
          .window(64240)
          .flags(TcpHeader.SYN)
          .build());
      sipHash = new SipHash(0x0706_0504_0302_0100L, 0x0F0E_0D0C_0B0A_0908L);
      arena = Arena.ofShared();
      frame = arena.allocate(template.frameLength(), 64);
    }

    @TearDown
    public void tearDown() {
      arena.close();
    }
  }

  /** The whole generator, as a sender thread runs it: next index, target, cookie, frame. */
  @Benchmark
  public long packet(Generator g) {
    long i = g.nextIndex();
    g.probe.write(g.frame, 0, g.space.addressOf(i), g.space.portOf(i), 0);
    return i;
  }

  /** The permutation and the index-to-target mapping alone (no frame). */
  @Benchmark
  public long permutation(Generator g) {
    long i = g.nextIndex();
    return g.space.addressOf(i) ^ ((long) g.space.portOf(i) << 32);
  }

  /** The template alone: copy the prebuilt frame, patch the varying fields and both checksums. */
  @Benchmark
  public void template(Parts p) {
    long c = p.counter++;
    int sequence = (int) (c * 0x9E37_79B9L);
    p.template.write(p.frame, 0, (int) c, 32768 + (int) (c & 0x3FFF), 80, sequence, (int) c & 0xFFFF);
  }

  /** One SipHash-2-4 of an 8-byte word: the cookie of one probe. */
  @Benchmark
  public long sipHash(Parts p) {
    return p.sipHash.hashWord(p.counter++);
  }
}
