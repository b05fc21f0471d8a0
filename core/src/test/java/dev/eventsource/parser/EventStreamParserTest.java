package dev.eventsource.parser;

import static dev.eventsource.parser.Feeding.assertCallbacksUnderEveryChunking;
import static dev.eventsource.parser.Feeding.bytes;
import static dev.eventsource.parser.Feeding.concat;
import static dev.eventsource.parser.Feeding.feed;
import static dev.eventsource.parser.Feeding.utf8;
import static dev.eventsource.parser.RecordingHandler.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsource.parser.RecordingHandler.Comment;
import dev.eventsource.parser.RecordingHandler.Event;
import dev.eventsource.parser.RecordingHandler.Retry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventStreamParserTest {
  private final RecordingHandler handler = new RecordingHandler();
  private final EventStreamParser parser = new EventStreamParser(handler);

  @Test
  void byteOrderMarkSplitAcrossChunksIsStripped() throws Exception {
    assertCallbacksUnderEveryChunking(utf8("\uFEFFdata: a\n\n"), message("a"));
  }

  @Test
  void partialByteOrderMarkIsContent() throws Exception {
    // EF BB then "data": the field name is U+FFFD + "data", an unknown field, so nothing fires.
    assertCallbacksUnderEveryChunking(concat(bytes(0xEF, 0xBB), utf8("data: a\n\n")));
    // The byte that broke the match is parsed too: here it ends the first line.
    assertCallbacksUnderEveryChunking(
        concat(bytes(0xEF, 0xBB), utf8("\ndata: a\n\n")), message("a"));
  }

  @Test
  void crAtEndOfChunkDispatchesBeforeTheNextFeed() throws Exception {
    feed(parser, "data: a\r\r");
    assertThat(handler.events()).containsExactly(message("a"));

    feed(parser, "\ndata: b\r");
    assertThat(handler.events()).containsExactly(message("a"));
    feed(parser, "\r");
    assertThat(handler.events()).containsExactly(message("a"), message("b"));
  }

  @Test
  void retryAndCommentAreReportedAsSoonAsTheirLineEnds() throws Exception {
    feed(parser, "retry: 5\r");
    assertThat(handler.callbacks()).containsExactly(new Retry(5));
    feed(parser, ": hi\r");
    assertThat(handler.callbacks()).containsExactly(new Retry(5), new Comment(" hi"));
  }

  @Test
  void crlfSplitAcrossChunksIsOneLineBreak() throws Exception {
    feed(parser, "data: a\r");
    feed(parser, "");
    feed(parser, "\ndata: b\r");
    feed(parser, "\n\r");
    assertThat(handler.events()).containsExactly(message("a\nb"));

    feed(parser, "\ndata: c\r\n\r\n");
    assertThat(handler.events()).containsExactly(message("a\nb"), message("c"));
  }

  @Test
  void commentsAreDeliveredWithTheTextAfterTheColon() throws Exception {
    assertCallbacksUnderEveryChunking(
        utf8(": hello\r\n:\r\n::x\r: \u00e9t\u00e9\n:data: no\n\n"),
        new Comment(" hello"),
        new Comment(""),
        new Comment(":x"),
        new Comment(" \u00e9t\u00e9"),
        new Comment("data: no"));
  }

  @Test
  void commentInsideAnEventIsReportedInOrderAndKeepsTheEvent() throws Exception {
    assertCallbacksUnderEveryChunking(
        utf8("data: a\n: ping\ndata: b\n\n"), new Comment(" ping"), message("a\nb"));
  }

  @Test
  void unicodeLineSeparatorsDoNotEndLines() throws Exception {
    String data = "a\u0085b\u2028c\u2029d\u000be\u000cf";
    assertCallbacksUnderEveryChunking(utf8("data: " + data + "\n\n"), message(data));
  }

  @Test
  void resetSeedsTheLastEventIdOfTheNewStream() throws Exception {
    feed(parser, "id: 1\ndata: a\n\n");
    parser.reset("\u2026");
    assertThat(parser.lastEventId()).isEqualTo("\u2026");

    feed(parser, "data: b\n\nid\ndata: c\n\n");
    assertThat(handler.events())
        .containsExactly(message("a", "1"), message("b", "\u2026"), message("c", ""));
    assertThat(parser.lastEventId()).isEmpty();
  }

  @Test
  void resetToNoIdForgetsTheIdSoTheSameIdSentAgainIsTakenAgain() throws Exception {
    feed(parser, "id: 1\ndata: a\n\n");
    parser.reset("");
    feed(parser, "data: b\n\nid: 1\ndata: c\n\nid\ndata: d\n\n");

    assertThat(handler.events())
        .containsExactly(message("a", "1"), message("b", ""), message("c", "1"), message("d", ""));
  }

  @Test
  void resetDiscardsTheOpenEventAndExpectsAByteOrderMarkAgain() throws Exception {
    feed(parser, "\uFEFFdata: a\n\nevent: foo\ndata: half\n");
    parser.reset("seed");
    feed(parser, "\uFEFFdata: b\n\n");

    assertThat(handler.events()).containsExactly(message("a"), message("b", "seed"));
  }

  @Test
  void endDiscardsTheUnfinishedEventButKeepsTheLastEventId() throws Exception {
    feed(parser, "id: 1\ndata: a\n\nid: 2\ndata: b\n");
    parser.end();
    assertThat(parser.lastEventId()).isEqualTo("1");

    feed(parser, "data: c\n\ndata: unfinished");
    parser.end();
    assertThat(handler.events()).containsExactly(message("a", "1"), message("c", "1"));

    feed(parser, "id: 5\n\n"); // a dispatch without data still commits the ID
    parser.end();
    assertThat(parser.lastEventId()).isEqualTo("5");
  }

  @Test
  void idContainingNulIsIgnored() throws Exception {
    assertCallbacksUnderEveryChunking(
        utf8("id: 1\ndata: a\n\nid: x\u0000y\ndata: b\n\n"), message("a", "1"), message("b", "1"));
  }

  @ParameterizedTest(name = "retry: {0} gives {1}")
  @CsvSource({
    "99999999999999999999, 9223372036854775807",
    "9223372036854775808, 9223372036854775807",
    "18446744073709551616, 9223372036854775807",
    "9223372036854775807, 9223372036854775807",
    "9223372036854775806, 9223372036854775806",
    "0000000000000000000000000042, 42",
  })
  void retryBeyondLongRangeClampsToMaxValue(String value, long expected) throws Exception {
    assertCallbacksUnderEveryChunking(utf8("retry: " + value + "\n"), new Retry(expected));
  }

  @Test
  void aReadOnlyBufferFedFromInsideAHandlerLeavesTheOuterFeedsBytesAlone() throws Exception {
    // Both feeds copy read-only buffers on one thread: the nested one must not use the same array.
    RecordingHandler inner = new RecordingHandler();
    EventStreamParser innerParser = new EventStreamParser(inner);
    List<String> outer = new ArrayList<>();
    EventStreamParser outerParser =
        new EventStreamParser(
            (type, data, id) -> {
              outer.add(data);
              try {
                innerParser.feed(
                    ByteBuffer.wrap(utf8("data: " + "z".repeat(5_000) + "\n\n"))
                        .asReadOnlyBuffer());
              } catch (EventSizeLimitException e) {
                throw new AssertionError(e);
              }
            });
    String second = "y".repeat(3_000);
    outerParser.feed(
        ByteBuffer.wrap(utf8("data: first\n\ndata: " + second + "\n\n")).asReadOnlyBuffer());
    assertThat(outer).containsExactly("first", second);
    assertThat(inner.events()).hasSize(2);
  }

  @Test
  void readOnlyBuffersFedByTurnsFromTwoThreadsParseAsOneStream() throws Exception {
    // java.net.http hands out read-only buffers, and a busy stream is parsed on whichever thread
    // drains it: each thread copies through its own array.
    String first = "A".repeat(20_000) + "\u00e9";
    String second = "B".repeat(30_000);
    byte[] stream = utf8("data: " + first + "\n\ndata: " + second + "\n\n");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      for (int at = 0, turn = 0; at < stream.length; turn++) {
        int count = Math.min(7_000, stream.length - at);
        ByteBuffer piece = ByteBuffer.wrap(stream, at, count).asReadOnlyBuffer();
        if (turn % 2 == 0) {
          parser.feed(piece);
        } else {
          other
              .submit(
                  () -> {
                    parser.feed(piece);
                    return null;
                  })
              .get();
        }
        at += count;
      }
    } finally {
      other.shutdown();
    }
    assertThat(handler.events()).containsExactly(message(first), message(second));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"heap", "heap slice", "read-only heap", "direct"})
  void byteBufferIsReadFromPositionToLimitAndAdvanced(String kind) throws Exception {
    // The event is larger than the parser's 16 KiB copy buffer, with an "é" across its boundary.
    String data = "x".repeat(16_383 - "data: ".length()) + "\u00e9" + "y".repeat(40_000);
    byte[] outside = utf8("data: outside\n\n");
    byte[] event = utf8("data: " + data + "\n\n");
    byte[] all = concat(outside, outside, event, outside);
    ByteBuffer buffer = ByteBuffer.allocate(0);
    switch (kind) {
      case "heap" -> buffer = ByteBuffer.wrap(all);
      case "heap slice" -> buffer = ByteBuffer.wrap(all).position(outside.length).slice();
      case "read-only heap" -> buffer = ByteBuffer.wrap(all).asReadOnlyBuffer();
      case "direct" -> buffer = ByteBuffer.allocateDirect(all.length).put(all).flip();
      default -> throw new AssertionError(kind);
    }
    int start = 2 * outside.length - (kind.equals("heap slice") ? outside.length : 0);
    buffer.position(start).limit(start + event.length);

    parser.feed(buffer);

    assertThat(buffer.position()).isEqualTo(start + event.length);
    assertThat(buffer.limit()).isEqualTo(start + event.length);
    assertThat(handler.events()).containsExactly(message(data));
  }

  @Test
  void lambdaHandlerIgnoresRetryAndComments() throws Exception {
    List<String> data = new ArrayList<>();
    EventStreamParser lambdaParser = new EventStreamParser((type, d, id) -> data.add(d));

    feed(lambdaParser, "retry: 5\n: hi\ndata: a\n\n");

    assertThat(data).containsExactly("a");
  }

  @Test
  void constructorsRejectNullHandlerAndNonPositiveLimit() {
    assertThatNullPointerException()
        .isThrownBy(() -> new EventStreamParser(null))
        .withMessageContaining("handler");
    assertThatNullPointerException()
        .isThrownBy(() -> new EventStreamParser(null, 10))
        .withMessageContaining("handler");
    for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> new EventStreamParser(handler, limit))
          .withMessageContaining(String.valueOf(limit));
    }
    assertThat(new EventStreamParser(handler, 1).maxEventSize()).isEqualTo(1);
  }

  @Test
  void feedRejectsRangesOutsideTheArrayAndStaysUsable() throws Exception {
    byte[] ten = utf8("data: a\n\n!");
    int[][] badRanges = {
      {-1, 1}, {0, -1}, {0, 11}, {11, 0}, {10, 1}, {1, Integer.MAX_VALUE}, {Integer.MAX_VALUE, 1}
    };
    for (int[] range : badRanges) {
      assertThatExceptionOfType(IndexOutOfBoundsException.class)
          .as("offset %d, length %d", range[0], range[1])
          .isThrownBy(() -> parser.feed(ten, range[0], range[1]));
    }
    assertThatNullPointerException().isThrownBy(() -> parser.feed(null, 0, 0));
    assertThatNullPointerException().isThrownBy(() -> parser.feed((ByteBuffer) null));
    assertThatNullPointerException().isThrownBy(() -> parser.reset(null));
    assertThat(handler.callbacks()).isEmpty();

    parser.feed(ten, 10, 0);
    parser.feed(ten, 0, 9);
    assertThat(handler.events()).containsExactly(message("a"));
  }

  @Test
  void feedFailsWithIllegalStateAfterEventTooLargeUntilReset() throws Exception {
    EventStreamParser small = new EventStreamParser(handler, 16);
    assertThatThrownBy(() -> feed(small, "data: 0123456789abcdef\n"))
        .isInstanceOf(EventSizeLimitException.class);

    assertThatIllegalStateException()
        .isThrownBy(() -> feed(small, "data: a\n\n"))
        .withMessageContaining("reset");
    assertThatIllegalStateException().isThrownBy(() -> small.feed(new byte[0], 0, 0));
    assertThatIllegalStateException().isThrownBy(() -> small.feed(ByteBuffer.wrap(utf8("\n"))));
    assertThat(handler.callbacks()).isEmpty();

    small.reset("7");
    feed(small, "data: a\n\n");
    assertThat(handler.events()).containsExactly(message("a", "7"));
  }

  @Test
  void handlerExceptionDoesNotLeakTheDispatchedDataIntoTheNextEvent() throws Exception {
    List<Event> events = new ArrayList<>();
    EventStreamParser throwing =
        new EventStreamParser(
            (type, data, id) -> {
              events.add(new Event(type, data, id));
              if (events.size() == 1) {
                throw new IllegalStateException("listener failed");
              }
            });
    assertThatIllegalStateException().isThrownBy(() -> feed(throwing, "data: a\n\n"));

    feed(throwing, "data: b\n\n");

    assertThat(events).containsExactly(message("a"), message("b"));
  }
}
