package dev.eventsource.parser;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The two scans that touch every byte of a stream, done eight bytes at a time: finding the next CR
 * or LF, and telling whether a range is all ASCII.
 *
 * <p>Bytes are read as {@code long}s through a little-endian {@link ByteBuffer} view of the array
 * (Java 8 and Android have no other way to read a word from a {@code byte[]}; HotSpot compiles
 * {@code getLong} to one load). Callers make no view for ranges shorter than {@link
 * #MIN_WORD_SCAN}: those are scanned a byte at a time, which is faster for them.
 */
final class ByteScan {
  /** Shorter ranges are scanned byte by byte (16 lets the drip case of 16-byte reads use words). */
  static final int MIN_WORD_SCAN = 16;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final long ONES = 0x0101010101010101L;
  static final long HIGH_BITS = 0x8080808080808080L;

  /** Subtracting this sets the high bit of every byte below 0x0E, the first of them exactly. */
  private static final long BELOW_SO = ONES * 0x0E;

  private ByteScan() {}

  /** A little-endian view of {@code bytes} for the word scans. */
  static ByteBuffer words(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Finds the first CR or LF in {@code bytes[from, end)} and tells whether the bytes before it are
   * all ASCII, in one pass.
   *
   * @param words a view of {@code bytes} from {@link #words}, or null to scan byte by byte
   * @return the index of the first CR or LF, or {@code end} if there is none; bitwise inverted
   *     ({@code ~index}, negative) if a byte at or above 0x80 comes before it
   */
  static int lineEnd(byte[] bytes, @Nullable ByteBuffer words, int from, int end) {
    int i = from;
    long highBits = 0;
    if (words != null) {
      // Two words a turn while no control byte shows up: most of a long line goes this way.
      int lastPair = end - 16;
      while (i <= lastPair) {
        long first = words.getLong(i);
        long second = words.getLong(i + 8);
        long controls = ((first - BELOW_SO) & ~first) | ((second - BELOW_SO) & ~second);
        if ((controls & HIGH_BITS) != 0) {
          break;
        }
        highBits |= first | second;
        i += 16;
      }
      int lastWord = end - 8;
      while (i <= lastWord) {
        long word = words.getLong(i);
        // Flags every byte below 0x0E (bytes at or above 0x80 never); a borrow can flag bytes
        // above a true one, never below, so the lowest flag is exact.
        long controls = (word - BELOW_SO) & ~word & HIGH_BITS;
        if (controls == 0) {
          highBits |= word;
          i += 8;
          continue;
        }
        int bits = Long.numberOfTrailingZeros(controls) - 7; // the flagged byte's first bit
        highBits |= word & ((1L << bits) - 1); // only the bytes before it belong to this line
        int first = i + (bits >>> 3);
        byte b = bytes[first];
        if (b == LF || b == CR) {
          return (highBits & HIGH_BITS) == 0 ? first : ~first;
        }
        i = first + 1; // a tab or another control character: text, go on after it
      }
    }
    int ascii = 0;
    for (; i < end; i++) {
      byte b = bytes[i];
      // Most bytes are above CR (non-ASCII bytes are negative): one comparison for those.
      if (b <= CR && (b == LF || b == CR)) {
        break;
      }
      ascii |= b;
    }
    return ascii >= 0 && (highBits & HIGH_BITS) == 0 ? i : ~i;
  }

  /**
   * Tells whether {@code bytes[offset, offset + length)} holds only bytes below 0x80.
   *
   * @param words a view of {@code bytes} from {@link #words}, or null to scan byte by byte
   */
  static boolean isAscii(byte[] bytes, @Nullable ByteBuffer words, int offset, int length) {
    int i = offset;
    int end = offset + length;
    if (words != null) {
      int lastWord = end - 8;
      long highBits = 0;
      for (; i <= lastWord; i += 8) {
        highBits |= words.getLong(i);
      }
      if ((highBits & HIGH_BITS) != 0) {
        return false;
      }
    }
    for (; i < end; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
