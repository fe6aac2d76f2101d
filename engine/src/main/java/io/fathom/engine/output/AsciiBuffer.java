package io.fathom.engine.output;

import java.io.IOException;
import java.io.OutputStream;

/** A growable byte buffer for ASCII text that formats numbers and addresses without allocating. */
public final class AsciiBuffer {
  private byte[] bytes = new byte[512];
  private int length;

  public AsciiBuffer clear() {
    length = 0;
    return this;
  }

  public int length() {
    return length;
  }

  public AsciiBuffer append(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Appends a string that is known to be ASCII (field names, constants). */
  public AsciiBuffer append(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Appends a string as the body of a JSON string literal (quotes not included), escaping as needed. */
  public AsciiBuffer appendJsonEscaped(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        append('\\').append(c);
      } else if (c < 0x20 || c > 0x7E) {
        append("\\u");
        appendHex(c, 4);
      } else {
        append(c);
      }
    }
    return this;
  }

  public AsciiBuffer append(long value) {
    if (value == Long.MIN_VALUE) {
      return append("-9223372036854775808");
    }
    if (value < 0) {
      append('-');
      value = -value;
    }
    ensure(20);
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + (value % 10));
      value /= 10;
    } while (value != 0);
    reverse(start, length - 1);
    return this;
  }

  /** Appends {@code value} in decimal, left-padded with zeros to {@code width} digits. */
  public AsciiBuffer appendPadded(long value, int width) {
    ensure(width + 20);
    int start = length;
    append(value);
    int digits = length - start;
    if (digits < width) {
      int pad = width - digits;
      System.arraycopy(bytes, start, bytes, start + pad, digits);
      for (int i = 0; i < pad; i++) {
        bytes[start + i] = '0';
      }
      length += pad;
    }
    return this;
  }

  public AsciiBuffer appendHex(long value, int digits) {
    ensure(digits);
    for (int i = digits - 1; i >= 0; i--) {
      bytes[length++] = (byte) "0123456789abcdef".charAt((int) (value >>> (4 * i)) & 0xF);
    }
    return this;
  }

  public AsciiBuffer appendIpv4(int address) {
    append(address >>> 24).append('.').append((address >>> 16) & 0xFF).append('.');
    return append((address >>> 8) & 0xFF).append('.').append(address & 0xFF);
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private void reverse(int from, int to) {
    while (from < to) {
      byte t = bytes[from];
      bytes[from++] = bytes[to];
      bytes[to--] = t;
    }
  }

  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }
  }
}
