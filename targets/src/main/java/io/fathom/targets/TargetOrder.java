package io.fathom.targets;

import java.util.Map;

/**
 * A seeded, reproducible pseudo-random order over the target indices [0, size), split into shards. The same name,
 * size and seed always give the same order, so a scan can be resumed or repeated from its metadata.
 */
public interface TargetOrder {
  /** The order's name as given on the command line ("cyclic", "blackrock"). */
  String name();

  /** The number of target indices the order permutes. */
  long size();

  /** The seed the order was derived from. */
  long seed();

  /**
   * A fresh cursor over shard {@code shard} of {@code shards}: the shards of one order are disjoint and together
   * visit every index exactly once.
   *
   * @throws io.fathom.common.UsageException when shards < 1 or shard is outside [0, shards)
   */
  ShardCursor cursor(int shard, int shards);

  /** The derived values that fix the order, for the scan's metadata (in a stable iteration order). */
  Map<String, Object> parameters();
}
