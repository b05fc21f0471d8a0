package dev.eventsource.parser;

import java.nio.charset.StandardCharsets;

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

  static String decode(byte[] bytes, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] < 0) {
        return decodeNonAscii(bytes, offset, end);
      }
    }
    // All ASCII: Latin-1 decoding is the same and the fastest path the JDK has.
    return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }

  private static String decodeNonAscii(byte[] bytes, int offset, int end) {
    char[] out = chars(end - offset);
    int n = 0;
    int needed = 0;
    int seen = 0;
    int codePoint = 0;
    int lower = 0x80;
    int upper = 0xBF;
    int i = offset;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (needed == 0) {
        i++;
        if (b <= 0x7F) {
          out[n++] = (char) b;
        } else if (b >= 0xC2 && b <= 0xDF) {
          needed = 1;
          codePoint = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
          lower = b == 0xE0 ? 0xA0 : 0x80;
          upper = b == 0xED ? 0x9F : 0xBF;
          needed = 2;
          codePoint = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
          lower = b == 0xF0 ? 0x90 : 0x80;
          upper = b == 0xF4 ? 0x8F : 0xBF;
          needed = 3;
          codePoint = b & 0x07;
        } else {
          out[n++] = REPLACEMENT;
        }
        continue;
      }
      if (b < lower || b > upper) {
        // Maximal subpart: the bytes so far become one U+FFFD and this byte is read again.
        needed = 0;
        seen = 0;
        lower = 0x80;
        upper = 0xBF;
        out[n++] = REPLACEMENT;
        continue;
      }
      i++;
      lower = 0x80;
      upper = 0xBF;
      codePoint = (codePoint << 6) | (b & 0x3F);
      if (++seen == needed) {
        if (codePoint >= 0x10000) {
          out[n++] = Character.highSurrogate(codePoint);
          out[n++] = Character.lowSurrogate(codePoint);
        } else {
          out[n++] = (char) codePoint;
        }
        needed = 0;
        seen = 0;
      }
    }
    if (needed != 0) {
      out[n++] = REPLACEMENT;
    }
    return new String(out, 0, n);
  }
}
