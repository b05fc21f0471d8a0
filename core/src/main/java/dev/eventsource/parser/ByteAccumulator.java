package dev.eventsource.parser;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A growable byte array for the parser's line and data buffers.
 *
 * <p>It starts empty (an idle stream costs no buffer), doubles as it grows so a long line fed in
 * tiny chunks stays linear, and gives a large array back after use so one huge event does not pin
 * its memory for the life of the stream.
 */
final class ByteAccumulator {
  private static final byte[] EMPTY = new byte[0];
  private static final int MIN_CAPACITY = 128;

  /**
   * Arrays larger than this are dropped on {@link #clear()} instead of being reused: large enough
   * that a feed of 64 KiB events keeps its 128 KiB buffer, small enough that one huge event does
   * not pin its memory.
   */
  static final int RETAINED_CAPACITY = 256 * 1024;

  private final int maxCapacity;
  private byte[] bytes = EMPTY;
  private int length;

  /**
   * A word view of {@code bytes} for decoding, made on first use; null whenever it would be stale.
   */
  private @Nullable ByteBuffer words;

  /**
   * Bytes copied to grow the array or to move its content to the front: the copies that would make
   * work quadratic if growth did not double. Lets tests count work instead of timing it; not kept
   * on the append path, which copies each byte it is given once.
   */
  long bytesMoved;

  /**
   * Creates an empty buffer.
   *
   * @param maxCapacity the array never grows past this many bytes; callers check their limit before
   *     appending
   */
  ByteAccumulator(int maxCapacity) {
    this.maxCapacity = maxCapacity;
  }

  int length() {
    return length;
  }

  byte[] array() {
    return bytes;
  }

  void append(byte[] source, int offset, int count) {
    ensureCapacity(length + count);
    System.arraycopy(source, offset, bytes, length, count);
    length += count;
  }

  void append(byte b) {
    ensureCapacity(length + 1);
    bytes[length++] = b;
  }

  /** Replaces the content with a copy of the given range. */
  void set(byte[] source, int offset, int count) {
    clear();
    append(source, offset, count);
  }

  /** Drops the first {@code count} bytes, moving the rest to the front of the array. */
  void removeFront(int count) {
    System.arraycopy(bytes, count, bytes, 0, length - count);
    length -= count;
    bytesMoved += length;
  }

  /** Drops every byte from {@code newLength} on, keeping the array. */
  void truncate(int newLength) {
    length = newLength;
  }

  /** The bytes this buffer holds on to, used or not. */
  int capacity() {
    return bytes.length;
  }

  boolean contentEquals(byte[] other, int offset, int count) {
    if (count != length) {
      return false;
    }
    // From the end: successive IDs ("41", "42") share their start and differ at the end.
    for (int i = count - 1; i >= 0; i--) {
      if (bytes[i] != other[offset + i]) {
        return false;
      }
    }
    return true;
  }

  String decode(int count) {
    return decode(0, count);
  }

  String decode(int offset, int count) {
    return count == 0 ? "" : Utf8.decode(bytes, words(count), offset, count);
  }

  /** Decodes bytes that a scan found not to be all ASCII. */
  String decodeNonAscii(int offset, int count) {
    return Utf8.decodeNonAscii(bytes, words(count), offset, count);
  }

  /** The word view of the array, for ranges long enough to use it; else null. */
  private @Nullable ByteBuffer words(int count) {
    if (count < ByteScan.MIN_WORD_SCAN) {
      return null;
    }
    ByteBuffer view = words;
    if (view == null) {
      view = words = ByteScan.words(bytes);
    }
    return view;
  }

  void clear() {
    length = 0;
    if (bytes.length > RETAINED_CAPACITY) {
      bytes = EMPTY;
      words = null; // the view must not keep the large array alive
    }
  }

  private void ensureCapacity(int needed) {
    if (needed <= bytes.length) {
      return;
    }
    // Doubling keeps a line fed byte by byte linear; the cap keeps the array within the limit.
    long doubled = Math.max(MIN_CAPACITY, 2L * bytes.length);
    int grown = (int) Math.max(needed, Math.min(doubled, maxCapacity));
    bytes = Arrays.copyOf(bytes, grown);
    words = null;
    bytesMoved += length;
  }
}
