package io.fathom.capture;

/** A capture with no packets: what a file cut before its header was complete reads as. */
final class EmptyCapture implements CaptureReader {
  private final String name;

  EmptyCapture(String name) {
    this.name = name;
  }

  @Override
  public boolean next(CaptureRecord record) {
    return false;
  }

  @Override
  public long packets() {
    return 0;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    // Nothing is held.
  }
}
