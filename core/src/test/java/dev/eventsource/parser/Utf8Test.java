package dev.eventsource.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The decoder must give exactly what the step-by-step WHATWG decoder in {@link ReferenceParser}
 * gives: for every sequence of up to three bytes from the interesting ranges, at every position
 * relative to the eight-byte words of the ASCII fast path, and for random mixed text.
 */
class Utf8Test {
  /** Leads, continuations of every sub-range and the ASCII that breaks a sequence. */
  private static final int[] INTERESTING = {
    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
    0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF
  };

  @Test
  void everyShortSequenceAtEveryWordPositionMatchesTheReference() {
    for (int a : INTERESTING) {
      for (int b : INTERESTING) {
        for (int c : INTERESTING) {
          for (int d : new int[] {-1, 0x41, 0x80, 0xBF, 0xC2}) {
            byte[] sequence =
                d < 0
                    ? new byte[] {(byte) a, (byte) b, (byte) c}
                    : new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
            for (int before = 0; before < 9; before++) {
              assertDecodesAsReference(surround(sequence, before, 12));
              assertDecodesAsReference(surround(sequence, before, 0)); // truncated at the end
            }
            // Long ASCII on either side: decoded as Latin-1 ends and a middle, then joined.
            for (int before : new int[] {0, 5, 70}) {
              assertDecodesAsReference(surround(sequence, before, 70));
              assertDecodesAsReference(surround(sequence, before + 64, 3));
            }
          }
        }
      }
    }
  }

  @Property(tries = 2000)
  void randomTextMatchesTheReference(@ForAll("mixed") byte[] bytes) {
    assertDecodesAsReference(surround(bytes, 1, 0));
    assertDecodesAsReference(surround(bytes, 100, 37)); // long ASCII ends
  }

  @Test
  void aSurrogatePairInTheMiddleOfLongAsciiKeepsBothHalves() {
    byte[] bytes =
        ("x".repeat(100) + "\uD83D\uDE00 \u00e9" + "y".repeat(90)).getBytes(StandardCharsets.UTF_8);

    String decoded = Utf8.decode(bytes, ByteScan.words(bytes), 0, bytes.length);

    assertThat(decoded).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<byte[]> mixed() {
    Arbitrary<byte[]> ascii =
        Arbitraries.strings()
            .ascii()
            .ofMaxLength(20)
            .map(s -> s.getBytes(StandardCharsets.US_ASCII));
    Arbitrary<byte[]> valid =
        Arbitraries.strings().all().ofMaxLength(4).map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(4);
    return Arbitraries.oneOf(ascii, valid, noise).list().ofMaxSize(30).map(Utf8Test::concat);
  }

  /** {@code before} ASCII bytes, the sequence, {@code after} ASCII bytes. */
  private static byte[] surround(byte[] sequence, int before, int after) {
    byte[] bytes = new byte[before + sequence.length + after];
    Arrays.fill(bytes, (byte) 'x');
    System.arraycopy(sequence, 0, bytes, before, sequence.length);
    return bytes;
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(p -> out.write(p, 0, p.length));
    return out.toByteArray();
  }

  /** Starts with an ASCII byte, so the reference has no BOM to strip. */
  private static void assertDecodesAsReference(byte[] bytes) {
    String expected = ReferenceParser.decodeUtf8(bytes);
    ByteBuffer words = ByteScan.words(bytes);

    assertThat(Utf8.decode(bytes, words, 0, bytes.length)).isEqualTo(expected);
    assertThat(Utf8.decode(bytes, null, 0, bytes.length)).isEqualTo(expected);
  }
}
