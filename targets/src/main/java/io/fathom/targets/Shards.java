package io.fathom.targets;

import io.fathom.common.UsageException;

/** Checks of the shard arguments and of order sizes, shared by the orders. */
final class Shards {
  private Shards() {}

  static void check(int shard, int shards) {
    if (shards < 1) {
      throw new UsageException("invalid shard count " + shards + ": must be at least 1");
    }
    if (shard < 0 || shard >= shards) {
      throw new UsageException("invalid shard " + shard + ": must be 0-" + (shards - 1) + " for " + shards + " shards");
    }
  }

  static void checkSize(long size) {
    if (size <= 0) {
      throw new UsageException("no targets");
    }
    if (size > PrimeLadder.MAX_SIZE) {
      throw new UsageException("target space too large: " + size + " targets (the limit is " + PrimeLadder.MAX_SIZE
          + ")");
    }
  }

  static void checkPosition(long position, long lastPosition) {
    if (position < 0 || position > lastPosition) {
      throw new IllegalArgumentException("position " + position + " outside the shard's 0-" + lastPosition);
    }
  }
}
