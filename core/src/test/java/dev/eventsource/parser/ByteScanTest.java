package dev.eventsource.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time scans must answer exactly as a byte-by-byte loop would, for every position of
 * the line break and of the first non-ASCII byte relative to the eight-byte words, and with control
 * characters (which the word test flags too) in the way.
 */
class ByteScanTest {
  @Test
  void findsEveryBreakAtEveryOffsetWithAndWithoutNonAsciiBeforeIt() {
    byte[][] fillers = {{'a'}, {'\t'}, {0}, {(byte) 0x8D}, {0x0E}, {(byte) 0xFF}, {0x0C}};
    for (byte terminator : new byte[] {'\n', '\r'}) {
      for (int length = 0; length <= 40; length++) {
        for (int at = 0; at <= length; at++) {
          for (byte[] filler : fillers) {
            for (int from = 0; from <= Math.min(at, 9); from++) {
              byte[] bytes = new byte[length];
              Arrays.fill(bytes, (byte) 'x');
              if (at < length) {
                bytes[at] = terminator;
              }
              if (at > from) {
                bytes[(from + at) / 2] = filler[0];
              }
              assertScansAgree(bytes, from, length);
            }
          }
        }
      }
    }
  }

  @Test
  void aNonAsciiByteAfterTheBreakInTheSameWordDoesNotCount() {
    byte[] bytes = "abc\n\u00e9defghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.UTF_8);

    assertThat(ByteScan.lineEnd(bytes, ByteScan.words(bytes), 0, bytes.length)).isEqualTo(3);
  }

  @Property(tries = 2000)
  void agreesWithAByteLoopOnRandomBytes(
      @ForAll("textWithBreaks") byte[] bytes, @ForAll @IntRange(max = 16) int from) {
    int start = Math.min(from, bytes.length);
    assertScansAgree(bytes, start, bytes.length);
  }

  @Provide
  Arbitrary<byte[]> textWithBreaks() {
    Arbitrary<Byte> text = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E);
    Arbitrary<Byte> rare =
        Arbitraries.of(
            (byte) '\n',
            (byte) '\r',
            (byte) '\t',
            (byte) 0,
            (byte) 0x80,
            (byte) 0xC3,
            (byte) 0xFF,
            (byte) 0x0D,
            (byte) 0x0E);
    return Arbitraries.frequencyOf(Tuple.of(40, text), Tuple.of(1, rare))
        .array(byte[].class)
        .ofMaxSize(300);
  }

  private static void assertScansAgree(byte[] bytes, int from, int end) {
    int expectedEnd = from;
    boolean expectedAscii = true;
    while (expectedEnd < end && bytes[expectedEnd] != '\n' && bytes[expectedEnd] != '\r') {
      expectedAscii &= bytes[expectedEnd] >= 0;
      expectedEnd++;
    }
    int expected = expectedAscii ? expectedEnd : ~expectedEnd;
    ByteBuffer words = ByteScan.words(bytes);

    assertThat(ByteScan.lineEnd(bytes, words, from, end)).as("word scan").isEqualTo(expected);
    assertThat(ByteScan.lineEnd(bytes, null, from, end)).as("byte scan").isEqualTo(expected);
    boolean ascii = true;
    for (int i = from; i < end; i++) {
      ascii &= bytes[i] >= 0;
    }
    assertThat(ByteScan.isAscii(bytes, words, from, end - from)).isEqualTo(ascii);
    assertThat(ByteScan.isAscii(bytes, null, from, end - from)).isEqualTo(ascii);
  }
}
