package io.fathom.engine;

/**
 * A moment's view of a running scan, as the monitor shows it once a second.
 *
 * @param elapsedSeconds time since sending began
 * @param sendRate packets per second over the last interval
 * @param fractionDone targets sent over targets planned for this shard (0..1)
 * @param etaSeconds estimated seconds of sending left (-1 when unknown)
 */
public record ScanProgress(double elapsedSeconds, double sendRate, double fractionDone, double etaSeconds,
    long sent, long received, long found, long invalid, long kernelDrops, boolean cooling) {}
