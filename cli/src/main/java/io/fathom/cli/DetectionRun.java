package io.fathom.cli;

import io.fathom.capture.CaptureReader;
import io.fathom.capture.CaptureRecord;
import io.fathom.capture.LinkTypes;
import io.fathom.common.Version;
import io.fathom.detect.EntityRecord;
import io.fathom.detect.NotScanRecord;
import io.fathom.detect.PacketView;
import io.fathom.detect.ScanRecord;
import io.fathom.detect.campaign.CampaignGrouper;
import io.fathom.detect.campaign.CampaignGrouping;
import io.fathom.detect.campaign.CampaignSettings;
import io.fathom.detect.decode.PacketDecoder;
import io.fathom.detect.entity.EntityCatalogue;
import io.fathom.detect.entity.EntityClassification;
import io.fathom.detect.entity.EntityClassifier;
import io.fathom.detect.entity.ReverseDns;
import io.fathom.detect.report.DetectionReport;
import io.fathom.detect.scan.DetectionSettings;
import io.fathom.detect.scan.NotScanReason;
import io.fathom.detect.scan.ScanDetector;
import io.fathom.detect.scan.ScanListener;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One detection run: frames in (from capture files or a live ring), through the decoder and the scan
 * detector, then campaigns, entities and the report. The per-packet path allocates nothing.
 *
 * <p>Below-threshold candidates (at most the detector's {@code maxCandidates}) are grouped with the scans: those
 * that form a distributed campaign are reported as scans, and their below-threshold not-scan records are dropped.
 */
final class DetectionRun implements ScanListener {
  private static final Set<Integer> KNOWN_LINK_TYPES = Set.of(LinkTypes.NULL, LinkTypes.ETHERNET, LinkTypes.RAW,
      LinkTypes.LOOP, LinkTypes.LINUX_SLL, LinkTypes.IPV4, LinkTypes.LINUX_SLL2);

  private static final String BELOW_THRESHOLD = NotScanReason.BELOW_THRESHOLD.label();

  private final ScanDetector detector;
  private final PacketDecoder decoder = new PacketDecoder();
  /** Decoded packets handed to the detector together ({@link ScanDetector#acceptAll}). */
  private static final int BATCH = ScanDetector.READ_AHEAD;
  private final PacketView[] views = new PacketView[BATCH];
  private int pending;
  private final List<ScanRecord> scans = new ArrayList<>();
  private final List<ScanRecord> candidates = new ArrayList<>();
  private final CampaignGrouper grouper = new CampaignGrouper(CampaignSettings.defaults());
  private final List<NotScanRecord> notScans = new ArrayList<>();
  private final List<DetectionReport.Suspect> suspects = new ArrayList<>();
  private final Set<Integer> warnedLinkTypes = new HashSet<>();
  private final Consumer<String> warnings;
  private final Instant started = Instant.now();
  private long frames;
  private long notIpv4;
  private long unknownLinkType;
  private long latestNanos = Long.MIN_VALUE;
  private long outOfOrder;
  private final boolean keepNotScans;
  private final boolean keepSuspects;

  /**
   * @param keepNotScans keep every not-scan record for the report (else they are counted only, so that memory does
   *     not grow with the number of sources a long capture holds)
   * @param keepSuspects keep every suspect record for the report (else counted only)
   */
  DetectionRun(DetectionSettings settings, Consumer<String> warnings, boolean keepNotScans, boolean keepSuspects) {
    this.warnings = warnings;
    this.keepNotScans = keepNotScans;
    this.keepSuspects = keepSuspects;
    this.detector = new ScanDetector(settings, this); // asks keepsNotScans: set first
    for (int i = 0; i < BATCH; i++) {
      views[i] = new PacketView();
    }
  }

  /** Feeds every record of a capture. */
  void readAll(CaptureReader reader) {
    CaptureRecord record = new CaptureRecord();
    while (reader.next(record)) {
      accept(record.linkType(), record.segment(), record.offset(), record.capturedLength(), record.timestampNanos());
    }
    flush();
  }

  /** Hands the packets decoded so far to the detector: before time advances, at the end, after a live poll. */
  void flush() {
    if (pending > 0) {
      detector.acceptAll(views, pending);
      pending = 0;
    }
  }

  /** Feeds one frame of the given link type. */
  void accept(int linkType, MemorySegment segment, long offset, int capturedLength, long timestampNanos) {
    frames++;
    int ip = LinkTypes.networkLayerOffset(linkType, segment, offset, capturedLength);
    if (ip < 0) {
      if (KNOWN_LINK_TYPES.contains(linkType)) {
        notIpv4++;
      } else {
        unknownLinkType++;
        if (warnedLinkTypes.add(linkType)) {
          warnings.accept("skipping packets of unknown link type " + linkType);
        }
      }
      return;
    }
    if (decoder.decode(segment, offset + ip, capturedLength - ip, timestampNanos, views[pending])) {
      checkTimeOrder(timestampNanos);
      if (++pending == BATCH) {
        flush();
      }
    }
  }

  private void checkTimeOrder(long timestampNanos) {
    if (timestampNanos >= latestNanos) {
      latestNanos = timestampNanos;
    } else if (outOfOrder++ == 0) {
      // Merged or multi-interface captures can step back in time: such packets count, ending no episode early.
      warnings.accept("packet " + frames + " is earlier than the one before it: timestamps are out of order "
          + "(counted, processed as they come)");
    }
  }

  void advanceTime(long nowNanos) {
    flush();
    detector.advanceTime(nowNanos);
  }

  @Override
  public void onScan(ScanRecord scan) {
    scans.add(scan);
  }

  @Override
  public void onCandidate(ScanRecord candidate) {
    candidates.add(candidate);
  }

  @Override
  public void onNotScan(NotScanRecord notScan) {
    if (keepNotScans) {
      notScans.add(notScan);
    }
  }

  @Override
  public boolean keepsNotScans() {
    return keepNotScans;
  }

  @Override
  public void onSuspect(int src, long timeNanos, double likelihoodRatio) {
    if (keepSuspects) {
      suspects.add(new DetectionReport.Suspect(src, timeNanos, likelihoodRatio));
    }
  }

  /** Ends every open episode, groups campaigns, attributes and classifies entities, and builds the report. */
  DetectionReport finish(EntityCatalogue catalogue, ReverseDns rdns, List<String> inputs,
      Map<String, Object> extraStatistics) {
    flush();
    detector.finish();
    CampaignGrouping grouping = grouper.group(scans, candidates);
    List<NotScanRecord> reportedNotScans = withoutPromoted(notScans, grouping.promoted());
    EntityClassification classification =
        new EntityClassifier().classifyAll(grouping.scans(), grouping.campaigns(), catalogue, rdns);
    List<EntityRecord> entities = classification.entities();
    Map<String, Object> statistics = new LinkedHashMap<>();
    statistics.put("frames", frames);
    statistics.put("not_ipv4", notIpv4);
    statistics.put("unknown_link_type", unknownLinkType);
    statistics.put("out_of_order", outOfOrder);
    statistics.put("decoder", decoder.counters());
    statistics.putAll(detector.statistics());
    statistics.put("distributedScans", grouping.promoted().size());
    statistics.putAll(extraStatistics);
    Map<String, Object> settings = new LinkedHashMap<>(detector.settings().describe());
    settings.putAll(grouper.settings().describe());
    settings.put("catalogue_version", catalogue.version());
    settings.put("catalogue_date", String.valueOf(catalogue.date()));
    if (!keepSuspects) {
      settings.put("suspects_listed", false);
    }
    return DetectionReport.builder()
        .scans(classification.scans())
        .notScans(reportedNotScans)
        // each promoted candidate also made one below-threshold record, which it replaces
        .notScanCount(detector.notScanRecords() - grouping.promoted().size())
        .includeNotScans(keepNotScans)
        .campaigns(grouping.campaigns())
        .entities(entities)
        .suspects(suspects)
        .settings(settings)
        .statistics(statistics)
        .provenance(new DetectionReport.Provenance(Version.STRING, inputs, started, Instant.now()))
        .build();
  }

  /**
   * The not-scans less the below-threshold record of each promoted candidate: the detector reports a candidate's
   * episode as both, with the same source, packets, start and end.
   */
  private static List<NotScanRecord> withoutPromoted(List<NotScanRecord> notScans, List<ScanRecord> promoted) {
    if (promoted.isEmpty()) {
      return notScans;
    }
    Map<Episode, Integer> remaining = new HashMap<>();
    promoted.forEach(s -> remaining.merge(new Episode(s.src(), s.packets(), s.startNanos(), s.endNanos()), 1,
        Integer::sum));
    List<NotScanRecord> kept = new ArrayList<>(notScans.size());
    for (NotScanRecord n : notScans) {
      Episode episode = new Episode(n.src(), n.packets(), n.startNanos(), n.endNanos());
      if (n.reason().equals(BELOW_THRESHOLD) && remaining.getOrDefault(episode, 0) > 0) {
        remaining.merge(episode, -1, Integer::sum);
      } else {
        kept.add(n);
      }
    }
    return kept;
  }

  private record Episode(int src, long packets, long startNanos, long endNanos) {}
}
