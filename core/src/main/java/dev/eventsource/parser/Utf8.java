package dev.eventsource.parser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * WHATWG Encoding "UTF-8 decode" without BOM handling (the parser strips the one BOM itself).
 *
 * <p>Written out rather than left to {@code new String(bytes, UTF_8)}: the JDK replaces an encoded
 * surrogate such as {@code ED A0 80} with one U+FFFD where the standard's maximal-subpart rule
 * gives three, and Android's decoder is another implementation again. Text is decoded one line or
 * one data buffer at a time; that is exact because CR, LF and the colon are ASCII and always end a
 * malformed sequence, as they would in a decoder that saw the whole stream.
 */
final class Utf8 {
  private static final char REPLACEMENT = '\uFFFD';

  /** Chars decoded at most into one reused array; longer text gets an array of its own. */
  private static final int REUSED_CHARS = 16 * 1024;

  /** A decoding array per thread, reused: a fresh one per string was most of the garbage. */
  private static final ThreadLocal<char[]> CHARS =
      new ThreadLocal<char[]>() {
        @Override
        protected char[] initialValue() {
          return new char[256];
        }
      };

  private Utf8() {}

  private static char[] chars(int needed) {
    char[] reused = CHARS.get();
    if (needed <= reused.length) {
      return reused;
    }
    if (needed > REUSED_CHARS) {
      return new char[needed];
    }
    char[] grown = new char[Math.max(needed, Math.min(REUSED_CHARS, 2 * reused.length))];
    CHARS.set(grown);
    return grown;
  }

  /** Decodes {@code bytes[offset, offset + length)}, known to hold only ASCII. */
  static String ascii(byte[] bytes, int offset, int length) {
    // Latin-1 decoding is the same for ASCII and the fastest path the JDK has.
    return length == 0 ? "" : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes {@code bytes[offset, offset + length)}.
   *
   * @param words a {@link ByteScan#words} view of {@code bytes} for the ASCII check, or null
   */
  static String decode(byte[] bytes, @Nullable ByteBuffer words, int offset, int length) {
    boolean ascii =
        ByteScan.isAscii(bytes, length >= ByteScan.MIN_WORD_SCAN ? words : null, offset, length);
    // All ASCII: Latin-1 decoding is the same and the fastest path the JDK has.
    return ascii
        ? new String(bytes, offset, length, StandardCharsets.ISO_8859_1)
        : decodeNonAscii(
            bytes, length >= ByteScan.MIN_WORD_SCAN ? words : null, offset, offset + length);
  }

  /**
   * One code point at a time: a lead byte, then its continuation bytes checked against the ranges
   * the standard gives for that lead. A sequence that breaks off becomes one U+FFFD and the byte
   * that broke it is read again (the maximal-subpart rule).
   */
  private static String decodeNonAscii(
      byte[] bytes, @Nullable ByteBuffer words, int offset, int end) {
    char[] out = chars(end - offset);
    int n = 0;
    int i = offset;
    int lastWord = words == null ? offset - 1 : end - 8;
    while (i < end) {
      // Text that is mostly ASCII goes a word at a time until the next non-ASCII byte.
      while (i <= lastWord) {
        long word = words.getLong(i);
        if ((word & ByteScan.HIGH_BITS) != 0) {
          break;
        }
        out[n] = (char) (word & 0xFF);
        out[n + 1] = (char) ((word >>> 8) & 0xFF);
        out[n + 2] = (char) ((word >>> 16) & 0xFF);
        out[n + 3] = (char) ((word >>> 24) & 0xFF);
        out[n + 4] = (char) ((word >>> 32) & 0xFF);
        out[n + 5] = (char) ((word >>> 40) & 0xFF);
        out[n + 6] = (char) ((word >>> 48) & 0xFF);
        out[n + 7] = (char) (word >>> 56);
        n += 8;
        i += 8;
      }
      if (i == end) {
        break;
      }
      int lead = bytes[i];
      if (lead >= 0) {
        out[n++] = (char) lead;
        i++;
        continue;
      }
      lead &= 0xFF;
      if (lead < 0xC2 || lead > 0xF4) {
        out[n++] = REPLACEMENT;
        i++;
      } else if (lead <= 0xDF) {
        if (continues(bytes, i + 1, end, 0x80, 0xBF)) {
          out[n++] = (char) (((lead & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
          i += 2;
        } else {
          out[n++] = REPLACEMENT;
          i++;
        }
      } else if (lead <= 0xEF) {
        int lower = lead == 0xE0 ? 0xA0 : 0x80;
        int upper = lead == 0xED ? 0x9F : 0xBF;
        if (!continues(bytes, i + 1, end, lower, upper)) {
          out[n++] = REPLACEMENT;
          i++;
        } else if (!continues(bytes, i + 2, end, 0x80, 0xBF)) {
          out[n++] = REPLACEMENT;
          i += 2;
        } else {
          out[n++] =
              (char) (((lead & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
          i += 3;
        }
      } else {
        int lower = lead == 0xF0 ? 0x90 : 0x80;
        int upper = lead == 0xF4 ? 0x8F : 0xBF;
        if (!continues(bytes, i + 1, end, lower, upper)) {
          out[n++] = REPLACEMENT;
          i++;
        } else if (!continues(bytes, i + 2, end, 0x80, 0xBF)) {
          out[n++] = REPLACEMENT;
          i += 2;
        } else if (!continues(bytes, i + 3, end, 0x80, 0xBF)) {
          out[n++] = REPLACEMENT;
          i += 3;
        } else {
          int codePoint =
              ((lead & 0x07) << 18)
                  | ((bytes[i + 1] & 0x3F) << 12)
                  | ((bytes[i + 2] & 0x3F) << 6)
                  | (bytes[i + 3] & 0x3F);
          out[n++] = Character.highSurrogate(codePoint);
          out[n++] = Character.lowSurrogate(codePoint);
          i += 4;
        }
      }
    }
    return new String(out, 0, n);
  }

  /** Whether {@code bytes[index]} exists and lies in {@code [lower, upper]}. */
  private static boolean continues(byte[] bytes, int index, int end, int lower, int upper) {
    if (index >= end) {
      return false;
    }
    int b = bytes[index] & 0xFF;
    return b >= lower && b <= upper;
  }
}
