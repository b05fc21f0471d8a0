package dev.eventsource;

import java.util.Arrays;

/** Reads a fuzz input front to back; once it runs out, every read gives zero. */
final class FuzzBytes {
  private final byte[] bytes;
  private int position;

  FuzzBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  boolean hasMore() {
    return position < bytes.length;
  }

  /** The next byte, 0 to 255. */
  int next() {
    return position < bytes.length ? bytes[position++] & 0xFF : 0;
  }

  /** The next byte modulo {@code n}. */
  int pick(int n) {
    return next() % n;
  }

  /** An element of {@code table} chosen by the next byte. */
  <T> T pick(T[] table) {
    return table[next() % table.length];
  }

  /** An element of {@code table} chosen by the next byte. */
  long pick(long[] table) {
    return table[next() % table.length];
  }

  /** Up to {@code count} bytes as they are, fewer at the end of the input. */
  byte[] take(int count) {
    int end = Math.min(bytes.length, position + count);
    byte[] taken = Arrays.copyOfRange(bytes, position, end);
    position = end;
    return taken;
  }
}
