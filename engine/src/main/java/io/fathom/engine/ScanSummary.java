package io.fathom.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a finished (or stopped) scan reports back.
 *
 * @param complete every target of this shard was sent
 * @param interrupted sending was stopped by a signal (not by {@code --max-runtime})
 * @param resumeFile where the resume point was written when not complete, else null
 */
public record ScanSummary(String scanId, boolean complete, boolean interrupted, Path resumeFile, Map<String, Long> counters,
    double sendSeconds, double sendRate) {}
