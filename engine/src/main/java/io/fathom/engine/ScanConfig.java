package io.fathom.engine;

import io.fathom.common.UsageException;
import io.fathom.engine.output.OutputField;
import io.fathom.engine.output.TextSink;
import io.fathom.targets.TargetSpace;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one scan needs, filled in by the command line and checked once by {@link #conclude()} before
 * any thread starts (Aeron's context pattern). Fields left at zero or null are discovered or defaulted.
 */
public final class ScanConfig {
  public static final long DEFAULT_RATE = 10_000;
  public static final int DEFAULT_COOLDOWN_SECONDS = 8;

  // What to scan, in which order.
  public TargetSpace space;
  public String probeModule = "syn";
  public String order = "cyclic";
  public long seed;
  public int shard;
  public int shards = 1;
  public int senderThreads = 1;
  public int probesPerTarget = 1;

  // How fast and for how long.
  public long rate = DEFAULT_RATE;
  /** Bits per second on the wire; when positive it sets the packet rate instead of {@link #rate}. */
  public long bandwidth;
  public double cooldownSeconds = DEFAULT_COOLDOWN_SECONDS;
  /** Seconds after which sending stops; 0 for no limit. */
  public double maxRuntimeSeconds;
  public boolean dryRun;

  // The link.
  public String interfaceName;
  public int sourceIp;
  public long gatewayMac = -1;
  public int sourcePortFirst = 32768;
  public int sourcePortLast = 61000;
  public int ttl = 64;
  /** {@code mmsg} (sendmmsg batches) or {@code ring} (PACKET_TX_RING). */
  public String sendMethod = "mmsg";
  public int batchSize = 512;

  // Outputs.
  public TextSink.Format format = TextSink.Format.JSON;
  public List<OutputField> fields;
  public Path outputFile;
  /** Add to an existing output file instead of replacing it (a resumed scan keeps the first run's findings). */
  public boolean appendOutput;
  public boolean reportClosed;
  public Path metadataFile;
  public Path statusFile;
  public boolean statusLine = true;
  public Path resumeFile;

  // Provenance and resumption.
  public List<String> commandLine = List.of();
  public String scanId;
  /** Cursor positions to continue from, one per sender thread; null for a fresh scan. */
  public long[] resumePositions;

  /** Checks the configuration and fills in derived defaults; a bad value is a one-line usage error. */
  public ScanConfig conclude() {
    if (space == null || space.size() == 0) {
      throw new UsageException("no targets");
    }
    if (shards < 1 || shard < 0 || shard >= shards) {
      throw new UsageException("--shard must be between 0 and --shards - 1 (got shard " + shard + " of " + shards + ")");
    }
    if (senderThreads < 1 || senderThreads > 64) {
      throw new UsageException("--sender-threads must be 1-64");
    }
    if (probesPerTarget < 1 || probesPerTarget > 16) {
      throw new UsageException("--probes must be 1-16");
    }
    if (rate <= 0) {
      throw new UsageException("--rate must be positive");
    }
    if (bandwidth < 0) {
      throw new UsageException("--bandwidth must be positive");
    }
    if (cooldownSeconds < 0 || maxRuntimeSeconds < 0) {
      throw new UsageException("--cooldown and --max-runtime cannot be negative");
    }
    if (ttl < 1 || ttl > 255) {
      throw new UsageException("--ttl must be 1-255");
    }
    if (sourcePortFirst < 1 || sourcePortLast > 65535 || sourcePortFirst > sourcePortLast) {
      throw new UsageException("--source-port must be a range inside 1-65535");
    }
    if (!sendMethod.equals("mmsg") && !sendMethod.equals("ring")) {
      throw new UsageException("--send-method must be mmsg or ring");
    }
    if (batchSize < 1 || batchSize > 4096) {
      throw new UsageException("--batch must be 1-4096");
    }
    if (resumePositions != null && resumePositions.length != senderThreads) {
      throw new UsageException("the resume file was written with " + resumePositions.length + " sender threads");
    }
    if (fields == null) {
      fields = switch (format) {
        case JSON -> OutputField.DEFAULT_JSON;
        case CSV -> OutputField.DEFAULT_CSV;
        case LIST -> OutputField.DEFAULT_LIST;
      };
    }
    return this;
  }

  /** The packet rate actually aimed at: the bandwidth turned into frames per second when one was given. */
  public long effectiveRate(int frameLength) {
    if (bandwidth <= 0) {
      return rate;
    }
    // Preamble (8), frame check sequence (4) and inter-frame gap (12) take wire time too, and frames are
    // padded to the Ethernet minimum of 60 bytes before the FCS.
    long wireBits = 8L * (Math.max(frameLength, 60) + 24);
    return Math.max(1, bandwidth / wireBits);
  }
}
