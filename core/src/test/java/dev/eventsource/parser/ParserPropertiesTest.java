package dev.eventsource.parser;

import static dev.eventsource.parser.Feeding.bytes;
import static dev.eventsource.parser.Feeding.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.parser.RecordingHandler.Event;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random event streams (every field, CR/LF/CRLF, non-ASCII and invalid UTF-8, an optional BOM) must
 * give the same callbacks under any chunking, raise nothing but {@link EventSizeLimitException},
 * and agree with a reference parser written from the spec text.
 */
class ParserPropertiesTest {
  private static final String TOO_LARGE = "EventSizeLimitException";

  @Property(tries = 300)
  void anyChunkingGivesTheSameCallbacksAsTheWholeStream(
      @ForAll("streams") byte[] input, @ForAll("chunkSizes") List<Integer> sizes) {
    List<Object> whole = outcome(input, new int[0], EventStreamParser.DEFAULT_MAX_EVENT_SIZE);
    List<Object> chunked =
        outcome(input, cuts(sizes, input.length), EventStreamParser.DEFAULT_MAX_EVENT_SIZE);

    assertThat(chunked).isEqualTo(whole);
    Statistics.label("has events").collect(whole.stream().anyMatch(Event.class::isInstance));
    Statistics.label("has events")
        .coverage(coverage -> coverage.check(true).percentage(p -> p >= 20));
  }

  @Property(tries = 300)
  void anyChunkingGivesTheSameOutcomeUnderASmallLimit(
      @ForAll("streams") byte[] input, @ForAll("chunkSizes") List<Integer> sizes) {
    List<Object> whole = outcome(input, new int[0], 64);
    List<Object> chunked = outcome(input, cuts(sizes, input.length), 64);

    assertThat(chunked).isEqualTo(whole);
    Statistics.label("too large").collect(whole.contains(TOO_LARGE));
    Statistics.label("too large")
        .coverage(coverage -> coverage.check(true).percentage(p -> p >= 5));
    Statistics.label("too large")
        .coverage(coverage -> coverage.check(false).percentage(p -> p >= 5));
  }

  @Property(tries = 500)
  void arbitraryBytesRaiseNothingButEventTooLarge(
      @ForAll("noise") byte[] input,
      @ForAll("chunkSizes") List<Integer> sizes,
      @ForAll @IntRange(min = 1, max = 128) int limit) {
    List<Object> whole = outcome(input, new int[0], limit);
    // outcome() lets every exception but EventSizeLimitException escape and fail the property.
    List<Object> chunked = outcome(input, cuts(sizes, input.length), limit);

    assertThat(chunked).isEqualTo(whole);
  }

  @Property(tries = 300)
  void validUtf8StreamsMatchTheReferenceParser(
      @ForAll("validUtf8Streams") byte[] input, @ForAll("chunkSizes") List<Integer> sizes) {
    assertThat(new String(input, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8))
        .as("generated as valid UTF-8")
        .isEqualTo(input);

    String text = new String(input, StandardCharsets.UTF_8);
    assertThat(outcome(input, cuts(sizes, input.length), EventStreamParser.DEFAULT_MAX_EVENT_SIZE))
        .isEqualTo(ReferenceParser.parse(text.startsWith("\uFEFF") ? text.substring(1) : text));
  }

  @Property(tries = 300)
  void streamsWithInvalidUtf8MatchTheReferenceParserDecodingTheWholeStream(
      @ForAll("streams") byte[] input, @ForAll("chunkSizes") List<Integer> sizes) {
    assertThat(outcome(input, cuts(sizes, input.length), EventStreamParser.DEFAULT_MAX_EVENT_SIZE))
        .isEqualTo(ReferenceParser.parse(ReferenceParser.decodeUtf8(input)));
  }

  /** The callbacks, then the last event ID after end(), or a marker if the event was too large. */
  private static List<Object> outcome(byte[] input, int[] cuts, int limit) {
    RecordingHandler handler = new RecordingHandler();
    EventStreamParser parser = new EventStreamParser(handler, limit);
    List<Object> outcome = new ArrayList<>();
    try {
      Feeding.feed(parser, input, cuts);
      parser.end();
      outcome.addAll(handler.callbacks());
      outcome.add("lastEventId=" + parser.lastEventId());
    } catch (EventSizeLimitException e) {
      outcome.addAll(handler.callbacks());
      outcome.add(TOO_LARGE);
      assertThat(e.maxEventSize()).isEqualTo(limit);
    }
    // Four buffers (open line and data, type, ID, last type), none grown past the limit.
    assertThat(parser.retainedBytes()).isLessThanOrEqualTo(4L * limit);
    return outcome;
  }

  /** Chunk sizes used in turn; all zeros mean one chunk. */
  private static int[] cuts(List<Integer> sizes, int length) {
    if (sizes.stream().allMatch(size -> size == 0)) {
      return new int[0];
    }
    List<Integer> cuts = new ArrayList<>();
    int position = sizes.get(0);
    for (int i = 1; position < length; i++) {
      cuts.add(position);
      position += sizes.get(i % sizes.size());
    }
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }

  @Provide
  Arbitrary<byte[]> streams() {
    return stream(true);
  }

  @Provide
  Arbitrary<byte[]> validUtf8Streams() {
    return stream(false);
  }

  @Provide
  Arbitrary<List<Integer>> chunkSizes() {
    return Arbitraries.integers().between(0, 12).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    Arbitrary<Byte> structural = Arbitraries.of((byte) '\n', (byte) '\r', (byte) ':', (byte) ' ');
    Arbitrary<Byte> letters =
        Arbitraries.of('d', 'a', 't', 'e', 'v', 'n', 'i', 'r', 'y').map(c -> (byte) c.charValue());
    Arbitrary<Byte> any = Arbitraries.bytes();
    return Arbitraries.frequencyOf(Tuple.of(3, structural), Tuple.of(1, letters), Tuple.of(4, any))
        .list()
        .ofMaxSize(400)
        .map(ParserPropertiesTest::toBytes);
  }

  static Arbitrary<byte[]> stream(boolean invalidUtf8) {
    Arbitrary<byte[]> blank = Arbitraries.of("\n", "\r", "\r\n").map(Feeding::utf8);
    Arbitrary<byte[]> lines =
        Arbitraries.frequencyOf(Tuple.of(3, line(invalidUtf8)), Tuple.of(1, blank));
    return Combinators.combine(
            Arbitraries.of(true, false), lines.list().ofMaxSize(40), value(invalidUtf8))
        .as(
            (bom, body, tail) ->
                join(List.of(bom ? utf8("\uFEFF") : new byte[0], join(body), tail)));
  }

  private static Arbitrary<byte[]> line(boolean invalidUtf8) {
    Arbitrary<String> name =
        Arbitraries.of("data", "data", "data", "event", "id", "retry", "", "Data", "dat", "x y");
    Arbitrary<String> colon = Arbitraries.of(":", ": ", ":  ", "", "::");
    Arbitrary<String> end = Arbitraries.of("\n", "\r", "\r\n");
    return Combinators.combine(name, colon, value(invalidUtf8), end)
        .as((n, c, v, e) -> join(List.of(utf8(n + c), v, utf8(e))));
  }

  /** A field value: ASCII, digits, non-ASCII characters and, if allowed, invalid UTF-8. */
  private static Arbitrary<byte[]> value(boolean invalidUtf8) {
    Arbitrary<byte[]> ascii =
        Arbitraries.strings().withChars("abz :\t\0").ofMaxLength(6).map(Feeding::utf8);
    Arbitrary<byte[]> digits =
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(22).map(Feeding::utf8);
    Arbitrary<byte[]> longer = Arbitraries.strings().alpha().ofMaxLength(80).map(Feeding::utf8);
    Arbitrary<byte[]> unicode =
        Arbitraries.of("\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "\u2028", "\u0085", "\uFEFF")
            .map(Feeding::utf8);
    Arbitrary<byte[]> invalid =
        Arbitraries.of(
            bytes(0x80),
            bytes(0xC3),
            bytes(0xE2, 0x82),
            bytes(0xF0, 0x9F, 0x98),
            bytes(0xFF),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xC0, 0xAF),
            bytes(0xF4, 0x90, 0x80),
            bytes(0xEF, 0xBB));
    Arbitrary<byte[]> piece =
        invalidUtf8
            ? Arbitraries.oneOf(ascii, digits, longer, unicode, invalid)
            : Arbitraries.oneOf(ascii, digits, longer, unicode);
    return piece.list().ofMaxSize(4).map(ParserPropertiesTest::join);
  }

  private static byte[] join(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] toBytes(List<Byte> list) {
    byte[] bytes = new byte[list.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = list.get(i);
    }
    return bytes;
  }
}
