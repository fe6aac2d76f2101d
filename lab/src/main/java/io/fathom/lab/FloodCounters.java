package io.fathom.lab;

import io.fathom.lab.Flooder.Category;
import io.fathom.lab.Flooder.Defect;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a flooder has sent, written by its one sending thread and read by any other. Frames are counted by
 * category (and malformed ones by defect) when they are handed to the kernel; the kernel's verdicts are the
 * totals of frames sent and frames refused.
 */
final class FloodCounters {
  private static final int FRAMES = 0;
  private static final int ERRORS = 1;

  private final AtomicLongArray categories = new AtomicLongArray(Category.values().length);
  private final AtomicLongArray defects = new AtomicLongArray(Defect.values().length);
  private final AtomicLongArray totals = new AtomicLongArray(2);

  /** Counts one frame handed to the kernel; {@code defect} is null unless the category is MALFORMED. */
  void handed(Category category, Defect defect) {
    // One writer: a release store of the incremented value is enough, and cheaper than an atomic add.
    categories.setRelease(category.ordinal(), categories.getPlain(category.ordinal()) + 1);
    if (defect != null) {
      defects.setRelease(defect.ordinal(), defects.getPlain(defect.ordinal()) + 1);
    }
  }

  /** Publishes the sender's running totals. */
  void totals(long sentFrames, long sendErrors) {
    totals.setRelease(FRAMES, sentFrames);
    totals.setRelease(ERRORS, sendErrors);
  }

  long handed(Category category) {
    return categories.getAcquire(category.ordinal());
  }

  long handed(Defect defect) {
    return defects.getAcquire(defect.ordinal());
  }

  long sentFrames() {
    return totals.getAcquire(FRAMES);
  }

  long sendErrors() {
    return totals.getAcquire(ERRORS);
  }
}
