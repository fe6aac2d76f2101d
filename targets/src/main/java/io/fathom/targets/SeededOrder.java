package io.fathom.targets;

/** What every order keeps: its name, the number of indices it permutes, and the seed it came from. */
abstract class SeededOrder implements TargetOrder {
  protected final long size;
  protected final long seed;
  private final String name;

  SeededOrder(String name, long size, long seed) {
    this.name = name;
    this.size = size;
    this.seed = seed;
  }

  /** A cursor over shard {@code shard} of {@code shards}, which {@link #cursor} has already checked. */
  abstract ShardCursor checkedCursor(int shard, int shards);

  @Override
  public final ShardCursor cursor(int shard, int shards) {
    Shards.check(shard, shards);
    return checkedCursor(shard, shards);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long seed() {
    return seed;
  }
}
