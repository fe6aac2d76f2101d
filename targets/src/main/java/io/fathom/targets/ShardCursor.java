package io.fathom.targets;

/**
 * A walk over one shard of a {@link TargetOrder}. Not thread-safe: each sender thread owns its cursor.
 *
 * <p>Resuming: {@link #position()} counts the steps taken so far; a fresh cursor of the same order and shard,
 * after {@code seek(position)}, continues exactly after the last index this one returned.
 */
public interface ShardCursor {
  /** The next target index of this shard, or -1 when the shard is done. Allocates nothing. */
  long next();

  /** The number of steps taken so far: the resume point. */
  long position();

  /**
   * Moves to the given resume point (0 restarts the shard).
   *
   * @throws IllegalArgumentException when the position is negative or beyond the shard's last step
   */
  void seek(long position);

  /** How many indices this shard yields in all; each implementation says whether it is exact or an estimate. */
  long expectedCount();
}
