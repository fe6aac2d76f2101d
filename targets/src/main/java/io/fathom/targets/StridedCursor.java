package io.fathom.targets;

/**
 * A cursor over the inputs shard, shard + shards, shard + 2 shards, ... below a bound: the residue class that
 * makes shards disjoint and together complete. Position counts the inputs stepped past, so a seek is one
 * multiplication away from the input to restart at.
 */
abstract class StridedCursor implements ShardCursor {
  protected final int shard;
  protected final int shards;
  /** How many inputs of the class lie below the bound: the last position. */
  protected final long steps;
  protected long step;

  StridedCursor(int shard, int shards, long bound) {
    this.shard = shard;
    this.shards = shards;
    this.steps = shard < bound ? (bound - 1 - shard) / shards + 1 : 0;
  }

  /** Makes {@code input} the next one this cursor walks from. */
  abstract void startAt(long input);

  @Override
  public long position() {
    return step;
  }

  @Override
  public final void seek(long position) {
    Shards.checkPosition(position, steps);
    step = position;
    startAt(shard + position * shards); // below bound + shards, far below 2^63
  }
}
