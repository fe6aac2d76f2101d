package io.fathom.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** A packet as the tests compare it: a record's fields and a copy of its bytes. */
record Packet(long timestampNanos, int originalLength, int linkType, int interfaceId, byte[] bytes) {
  static Packet of(CaptureRecord record) {
    return new Packet(record.timestampNanos(), record.originalLength(), record.linkType(), record.interfaceId(),
        record.toByteArray());
  }

  /** Reads all of {@code reader}, then closes it. */
  static List<Packet> readAll(CaptureReader reader) {
    List<Packet> packets = new ArrayList<>();
    try (reader) {
      CaptureRecord record = new CaptureRecord();
      while (reader.next(record)) {
        packets.add(of(record));
      }
    }
    return packets;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Packet p && timestampNanos == p.timestampNanos && originalLength == p.originalLength
        && linkType == p.linkType && interfaceId == p.interfaceId && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestampNanos) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Packet[ts=" + timestampNanos + ", len=" + originalLength + ", lt=" + linkType + ", if=" + interfaceId
        + ", " + HexFormat.of().formatHex(bytes) + "]";
  }
}
