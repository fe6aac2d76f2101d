package io.fathom.engine.output;

import java.io.IOException;

/** Where findings go. Called only by the receiving thread; {@link #write} must not allocate. */
public interface ResultSink extends AutoCloseable {
  void write(Finding finding) throws IOException;

  /** Pushes buffered findings to the file or stream, so that nothing found is lost if the run is cut. */
  void flush() throws IOException;

  @Override
  void close() throws IOException;
}
