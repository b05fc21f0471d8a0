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
    boolean ascii = ByteScan.isAscii(bytes, words, offset, length);
    return ascii ? ascii(bytes, offset, length) : decodeNonAscii(bytes, words, offset, length);
  }

  /**
   * Decodes {@code bytes[offset, offset + length)}, which the caller's scan found not to be all
   * ASCII.
   *
   * <p>One code point at a time: a lead byte, then its continuation bytes checked against the
   * ranges the standard gives for that lead. A sequence that breaks off becomes one U+FFFD and the
   * byte that broke it is read again (the maximal-subpart rule). Runs of ASCII between them are
   * measured a word at a time and copied in a plain counted loop, which the JIT compiles best.
   *
   * <p>The chars go into a reused array and become the string in one step. Besides the string, the
   * one allocation left is the JDK's: its string constructors first compress into a new Latin-1
   * array as long as the text and drop it when a char lies above U+00FF, and no public API avoids
   * that. Decoding the ASCII ends apart and joining the pieces, tried before, left a copy of every
   * piece behind as well.
   *
   * @param words a {@link ByteScan#words} view of {@code bytes}, or null
   */
  static String decodeNonAscii(byte[] bytes, @Nullable ByteBuffer words, int offset, int length) {
    int end = offset + length;
    char[] out = chars(length);
    int n = 0;
    int i = offset;
    int lastWord = words == null ? offset - 1 : end - 8;
    while (i < end) {
      int run = i;
      while (run <= lastWord && (words.getLong(run) & ByteScan.HIGH_BITS) == 0) {
        run += 8;
      }
      if (run > i) {
        int count = run - i;
        for (int k = 0; k < count; k++) {
          out[n + k] = (char) bytes[i + k];
        }
        n += count;
        i = run;
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
        continue;
      }
      // The continuation bytes the lead calls for; the first must lie in a narrower range after
      // E0, ED, F0 and F4 (no overlong forms, surrogates or code points past U+10FFFF).
      int needed = lead <= 0xDF ? 1 : lead <= 0xEF ? 2 : 3;
      int lower = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
      int upper = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
      int codePoint = lead & (0x3F >> needed);
      int seen = 0;
      while (seen < needed && continues(bytes, i + 1 + seen, end, lower, upper)) {
        codePoint = (codePoint << 6) | (bytes[i + 1 + seen] & 0x3F);
        seen++;
        lower = 0x80;
        upper = 0xBF;
      }
      i += 1 + seen;
      if (seen < needed) {
        out[n++] = REPLACEMENT; // the lead and the continuations that fit: one maximal subpart
      } else if (codePoint >= 0x10000) {
        out[n++] = Character.highSurrogate(codePoint);
        out[n++] = Character.lowSurrogate(codePoint);
      } else {
        out[n++] = (char) codePoint;
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
