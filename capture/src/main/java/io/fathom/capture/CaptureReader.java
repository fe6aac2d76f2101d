package io.fathom.capture;

/**
 * A stream of packets from one capture file or several in turn. {@link #next} never throws on bad data: it
 * reports problems to the {@link CaptureWarnings} given at opening and goes on where the format allows.
 * Not thread-safe: one thread reads a reader.
 */
public interface CaptureReader extends AutoCloseable {
  /**
   * Fills {@code record} with the next packet and returns true, or returns false at the end of the capture.
   * The record's memory stays valid until the next call or {@link #close()}.
   */
  boolean next(CaptureRecord record);

  /** How many packets {@link #next} has delivered so far. */
  long packets();

  /** The name of the capture being read, as used in warnings ("stdin" for standard input). */
  String name();

  /** Releases the file, mapping or stream; records read before become invalid. */
  @Override
  void close();
}
