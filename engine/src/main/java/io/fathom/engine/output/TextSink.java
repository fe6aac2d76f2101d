package io.fathom.engine.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** A line per finding in one of the text formats; the format only decides how a line is laid out. */
public final class TextSink implements ResultSink {
  /** The line layouts. */
  public enum Format {
    JSON,
    CSV,
    LIST
  }

  private final Format format;
  private final OutputField[] fields;
  private final OutputStream out;
  private final boolean closeStream;
  private final AsciiBuffer line = new AsciiBuffer();

  /** @param header whether a CSV output starts with its header line (not when adding to an existing file) */
  public TextSink(Format format, List<OutputField> fields, OutputStream out, boolean header, boolean closeStream)
      throws IOException {
    this.format = format;
    this.fields = fields.toArray(new OutputField[0]);
    this.out = out;
    this.closeStream = closeStream;
    if (format == Format.CSV && header) {
      for (int i = 0; i < this.fields.length; i++) {
        line.append(i == 0 ? "" : ",").append(this.fields[i].key());
      }
      line.append('\n').writeTo(out);
      line.clear();
    }
  }

  @Override
  public void write(Finding finding) throws IOException {
    line.clear();
    switch (format) {
      case JSON -> writeJson(finding);
      case CSV -> writeSeparated(finding, ',');
      case LIST -> writeSeparated(finding, ' ');
    }
    line.append('\n').writeTo(out);
  }

  private void writeJson(Finding finding) {
    line.append('{');
    for (int i = 0; i < fields.length; i++) {
      OutputField field = fields[i];
      line.append(i == 0 ? "\"" : ",\"").append(field.key()).append("\":");
      if (field.quotedInJson()) {
        line.append('"');
        field.write(finding, line);
        line.append('"');
      } else {
        field.write(finding, line);
      }
    }
    line.append('}');
  }

  private void writeSeparated(Finding finding, char separator) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line.append(separator);
      }
      fields[i].write(finding, line);
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
    if (closeStream) {
      out.close();
    }
  }
}
