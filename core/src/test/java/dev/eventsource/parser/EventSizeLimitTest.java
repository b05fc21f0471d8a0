package dev.eventsource.parser;

import static dev.eventsource.parser.Feeding.everyChunking;
import static dev.eventsource.parser.Feeding.feed;
import static dev.eventsource.parser.Feeding.utf8;
import static dev.eventsource.parser.RecordingHandler.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventSizeLimitTest {
  /** What the parser may hold beyond the limit itself. */
  private static final int SLACK = 1024;

  private static final int LIMIT = 64 * 1024;

  private final RecordingHandler handler = new RecordingHandler();

  @ParameterizedTest(name = "chunks of {0} bytes")
  @ValueSource(ints = {1, 100, 1000, 8192})
  void lineWithoutNewlineFailsOnTheChunkThatPassesTheLimit(int chunkSize) {
    byte[] line = utf8("data: " + "x".repeat(2 * LIMIT));

    EventSizeLimitException thrown = feedUntilTooLarge(line, chunkSize);

    assertMessageNamesLimit(thrown, LIMIT);
    assertThat(handler.callbacks()).isEmpty();
  }

  @ParameterizedTest(name = "chunks of {0} bytes")
  @ValueSource(ints = {1, 16, 4096, Integer.MAX_VALUE})
  void eventOfManyDataLinesFailsOnTheChunkThatPassesTheLimit(int chunkSize) {
    byte[] lines = utf8(("data: " + "x".repeat(100) + "\n").repeat(2 * LIMIT / 100));

    EventSizeLimitException thrown = feedUntilTooLarge(lines, chunkSize);

    assertMessageNamesLimit(thrown, LIMIT);
    assertThat(handler.callbacks()).isEmpty();
  }

  /**
   * Feeds {@code input} in chunks until the parser throws, checking its memory after every chunk,
   * and that it threw on the very chunk where the event (its data plus the open line) first went
   * over the limit.
   */
  private EventSizeLimitException feedUntilTooLarge(byte[] input, int chunkSize) {
    EventStreamParser parser = new EventStreamParser(handler, LIMIT);
    int overflowAt = firstByteOverLimit(input, LIMIT);
    int start = 0;
    while (start < input.length) {
      int length = Math.min(chunkSize, input.length - start);
      try {
        parser.feed(input, start, length);
      } catch (EventSizeLimitException e) {
        assertThat(overflowAt).as("first byte over the limit").isBetween(start, start + length - 1);
        assertThat(parser.retainedBytes()).isLessThanOrEqualTo(LIMIT + SLACK);
        return e;
      }
      assertThat(parser.retainedBytes()).isLessThanOrEqualTo(LIMIT + SLACK);
      start += length;
    }
    throw new AssertionError("no EventSizeLimitException; the event passed " + overflowAt);
  }

  /** The index of the byte with which an event's data plus its open line first exceed the limit. */
  private static int firstByteOverLimit(byte[] dataLines, int limit) {
    long data = 0;
    long openLine = 0;
    for (int i = 0; i < dataLines.length; i++) {
      if (dataLines[i] == '\n') {
        data += openLine - "data: ".length() + 1; // the value plus the LF that joins lines
        openLine = 0;
      } else if (data + ++openLine > limit) {
        return i;
      }
    }
    return -1;
  }

  private static void assertMessageNamesLimit(EventSizeLimitException thrown, int limit) {
    assertThat(thrown.maxEventSize()).isEqualTo(limit);
    assertThat(thrown)
        .hasMessageContaining(String.valueOf(limit))
        .hasMessageContaining("raise the limit")
        .hasMessageContaining("maxEventSize");
  }

  @Test
  void eventExactlyAtTheLimitIsDeliveredUnderEveryChunking() throws Exception {
    int limit = 40;
    String data = "x".repeat(limit - "data: ".length());
    byte[] input = utf8("data: " + data + "\n\n");

    for (Map.Entry<String, int[]> chunking : everyChunking(input.length).entrySet()) {
      RecordingHandler recorder = new RecordingHandler();
      EventStreamParser parser = new EventStreamParser(recorder, limit);
      feed(parser, input, chunking.getValue());
      assertThat(recorder.events()).as(chunking.getKey()).containsExactly(message(data));
    }
  }

  @Test
  void eventOneByteOverTheLimitFailsUnderEveryChunking() {
    int limit = 40;
    byte[] input = utf8("data: " + "x".repeat(limit - "data: ".length() + 1) + "\n\n");

    for (Map.Entry<String, int[]> chunking : everyChunking(input.length).entrySet()) {
      EventStreamParser parser = new EventStreamParser(handler, limit);
      assertThatThrownBy(() -> feed(parser, input, chunking.getValue()))
          .as(chunking.getKey())
          .isInstanceOf(EventSizeLimitException.class);
    }
    assertThat(handler.callbacks()).isEmpty();
  }

  @Test
  void multiLineEventCountsItsDataPlusTheOpenLine() throws Exception {
    // After "data: aaaa\n" the data is "aaaa\n" (5 bytes); the open line "data: bbbb" adds 10.
    byte[] input = utf8("data: aaaa\ndata: bbbb\n\n");
    EventStreamParser atLimit = new EventStreamParser(handler, 15);
    feed(atLimit, input);
    assertThat(handler.events()).containsExactly(message("aaaa\nbbbb"));

    EventStreamParser belowLimit = new EventStreamParser(handler, 14);
    assertThatThrownBy(() -> feed(belowLimit, input)).isInstanceOf(EventSizeLimitException.class);
  }

  @Test
  void eventsBeforeTheOversizedOneAreDelivered() {
    EventStreamParser parser = new EventStreamParser(handler, 32);

    assertThatThrownBy(() -> feed(parser, "data: a\n\ndata: " + "x".repeat(40) + "\n\n"))
        .isInstanceOf(EventSizeLimitException.class);
    assertThat(handler.events()).containsExactly(message("a"));
  }

  @Test
  void idOfAnEarlierEventDoesNotCountTowardTheLimit() throws Exception {
    // The limit covers one event: its data plus the line still open (EventSizeLimitException docs).
    EventStreamParser parser = new EventStreamParser(handler, 64);
    String id = "i".repeat(40);
    String data = "d".repeat(30);

    feed(parser, "id: " + id + "\n\n"); // a 44-byte line: fits
    feed(parser, "data: " + data + "\n\n"); // a 36-byte event: fits

    assertThat(handler.events()).containsExactly(message(data, id));
  }

  @Test
  void bufferIsReleasedAfterEventTooLarge() throws Exception {
    EventStreamParser parser = new EventStreamParser(handler, 4 * 1024 * 1024);
    assertThatThrownBy(() -> feed(parser, "data: " + "x".repeat(5 * 1024 * 1024)))
        .isInstanceOf(EventSizeLimitException.class);

    parser.reset("");
    feed(parser, "data: a\n\n");

    assertThat(handler.events()).containsExactly(message("a"));
    assertThat(parser.retainedBytes()).isLessThanOrEqualTo(64 * 1024 + SLACK);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"data: ", ": ", "unknown: ", "event: "})
  void hugeFieldIsReleasedAfterTheNextEvent(String prefix) throws Exception {
    EventStreamParser parser = new EventStreamParser(handler);
    byte[] huge = utf8(prefix + "x".repeat(10_000_000) + "\n");
    feed(parser, huge, 1 << 16, 1 << 20); // in chunks, so the line is buffered
    feed(parser, "data: a\n\ndata: b\n\n");

    assertThat(handler.events()).last().isEqualTo(message("b"));
    // Arrays over 64 KiB are given back after use (ByteAccumulator), so 4 buffers hold 256 KiB.
    assertThat(parser.retainedBytes()).isLessThanOrEqualTo(4 * 64 * 1024 + SLACK);
  }

  @Test
  void defaultLimitIsAtLeast64MiB() {
    EventStreamParser parser = new EventStreamParser(handler);

    assertThat(parser.maxEventSize())
        .isGreaterThanOrEqualTo(64 * 1024 * 1024)
        .isEqualTo(EventStreamParser.DEFAULT_MAX_EVENT_SIZE);
  }

  @ParameterizedTest(name = "in {0} chunk(s)")
  @ValueSource(ints = {1, 2})
  void fourteenMegabyteEventIsDeliveredWholeWithTheDefaultLimit(int chunks) throws Exception {
    String half = "0123456789abcdef".repeat(7_000_000 / 16);
    String data = half + "\u00e9" + half; // the two-byte "é" straddles the split
    byte[] input = utf8("data: " + data + "\n\n");
    EventStreamParser parser = new EventStreamParser(handler);

    if (chunks == 1) {
      feed(parser, input);
    } else {
      feed(parser, input, "data: ".length() + half.length() + 1);
    }

    assertThat(handler.events()).hasSize(1);
    String received = handler.events().get(0).data();
    assertThat(received.length()).isEqualTo(data.length());
    assertThat(received.equals(data)).as("the 14 MB arrived unchanged").isTrue();
  }
}
