package io.fathom.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Capture bytes built by hand in either byte order, independently of the writers under test. */
final class Bytes {
  private final ByteOrder order;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Bytes(ByteOrder order) {
    this.order = order;
  }

  Bytes i8(int v) {
    out.write(v);
    return this;
  }

  Bytes i16(int v) {
    out.writeBytes(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
    return this;
  }

  Bytes i32(long v) {
    out.writeBytes(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
    return this;
  }

  Bytes i64(long v) {
    out.writeBytes(ByteBuffer.allocate(8).order(order).putLong(v).array());
    return this;
  }

  Bytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  Bytes pad() {
    while (out.size() % 4 != 0) {
      out.write(0);
    }
    return this;
  }

  byte[] array() {
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  static byte[] pcapHeader(ByteOrder order, int magic, int major, int minor, int snaplen, int linkTypeField) {
    return new Bytes(order).i32(magic).i16(major).i16(minor).i32(0).i32(0).i32(snaplen).i32(linkTypeField).array();
  }

  static byte[] pcapRecord(ByteOrder order, long seconds, long fraction, byte[] data, int original) {
    return new Bytes(order).i32(seconds).i32(fraction).i32(data.length).i32(original).raw(data).array();
  }

  /** A pcapng block: type, total length, body padded to 4 bytes, total length again. */
  static byte[] block(ByteOrder order, int type, byte[] body) {
    int length = 12 + ((body.length + 3) & ~3);
    return new Bytes(order).i32(type).i32(length).raw(body).pad().i32(length).array();
  }

  static byte[] sectionHeader(ByteOrder order) {
    return block(order, 0x0a0d0d0a, new Bytes(order).i32(0x1a2b3c4d).i16(1).i16(0).i64(-1).array());
  }

  static byte[] option(ByteOrder order, int code, byte[] value) {
    return new Bytes(order).i16(code).i16(value.length).raw(value).pad().array();
  }

  static byte[] interfaceBlock(ByteOrder order, int linkType, int snaplen, byte[]... options) {
    Bytes body = new Bytes(order).i16(linkType).i16(0).i32(snaplen);
    for (byte[] option : options) {
      body.raw(option);
    }
    if (options.length > 0) {
      body.i32(0);
    }
    return block(order, 1, body.array());
  }

  static byte[] enhancedPacket(ByteOrder order, int id, long units, byte[] data, int original) {
    return block(order, 6, new Bytes(order).i32(id).i32(units >>> 32).i32(units).i32(data.length).i32(original)
        .raw(data).array());
  }

  static byte[] obsoletePacket(ByteOrder order, int id, long units, byte[] data, int original) {
    return block(order, 2, new Bytes(order).i16(id).i16(0).i32(units >>> 32).i32(units).i32(data.length)
        .i32(original).raw(data).array());
  }

  static byte[] simplePacket(ByteOrder order, int original, byte[] data) {
    return block(order, 3, new Bytes(order).i32(original).raw(data).array());
  }
}
