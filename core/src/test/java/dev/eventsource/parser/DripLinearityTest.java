package dev.eventsource.parser;

import static dev.eventsource.parser.Feeding.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.parser.RecordingHandler.Comment;
import dev.eventsource.parser.RecordingHandler.Event;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long lines fed in tiny chunks must cost linear work. Work is counted, not timed: {@code
 * bytesCopied()} counts every byte copied into the parser's buffers, growth included. Doubling
 * growth copies under twice the final size, appending copies each byte once, and a data line's
 * value moves once more, from the open line into the data buffer: under four copies per byte. An
 * event type is copied twice after its line ends (the type buffer, then the last-type cache).
 */
class DripLinearityTest {
  private static final int COPIES_PER_DATA_BYTE = 4;
  private static final int COPIES_PER_FIELD_BYTE = 5;

  private final RecordingHandler handler = new RecordingHandler();
  private final EventStreamParser parser = new EventStreamParser(handler);

  @Test
  void tenMegabyteLineFedOneByteAtATimeCopiesLinearly() throws Exception {
    String data = pattern(10_000_000);
    byte[] input = utf8("data: " + data + "\n\n");

    for (int i = 0; i < input.length; i++) {
      parser.feed(input, i, 1);
    }

    assertSingleEvent(data);
    assertLinear(input.length, data.length(), COPIES_PER_DATA_BYTE);
  }

  @Test
  void twentyHalfMegabyteLinesFedIn16ByteChunksCopyLinearly() throws Exception {
    String line = pattern(512 * 1024);
    String data = String.join("\n", Collections.nCopies(20, line));
    byte[] input = utf8(("data: " + line + "\n").repeat(20) + "\n");

    for (int i = 0; i < input.length; i += 16) {
      parser.feed(input, i, Math.min(16, input.length - i));
    }

    assertSingleEvent(data);
    assertLinear(input.length, data.length(), COPIES_PER_DATA_BYTE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"event:", "id:", ":"})
  void longEventTypeIdOrCommentFedOneByteAtATimeCopiesLinearly(String prefix) throws Exception {
    String value = pattern(2_000_000);
    byte[] input = utf8(prefix + value + "\ndata: a\n\n");

    for (int i = 0; i < input.length; i++) {
      parser.feed(input, i, 1);
    }

    if (prefix.equals(":")) {
      assertThat(handler.callbacks()).hasSize(2).first().isInstanceOf(Comment.class);
      assertThat(handler.comments().get(0).equals(value)).as("the comment arrived whole").isTrue();
    } else {
      assertThat(handler.events()).hasSize(1);
      Event event = handler.events().get(0);
      String received = prefix.equals("event:") ? event.type() : event.lastEventId();
      assertThat(received.equals(value)).as("the %s value arrived whole", prefix).isTrue();
    }
    assertLinear(input.length, value.length(), COPIES_PER_FIELD_BYTE);
  }

  @Test
  void manySmallEventsFedOneByteAtATimeCopyLinearly() throws Exception {
    byte[] input = utf8("event: tick\nid: 12345\ndata: some data\n\n".repeat(100_000));

    for (int i = 0; i < input.length; i++) {
      parser.feed(input, i, 1);
    }

    assertThat(handler.events()).hasSize(100_000);
    assertLinear(input.length, input.length / 2, COPIES_PER_FIELD_BYTE);
  }

  private void assertSingleEvent(String data) {
    assertThat(handler.events()).hasSize(1);
    String received = handler.events().get(0).data();
    assertThat(received.length()).isEqualTo(data.length());
    assertThat(received.equals(data)).as("the event arrived whole").isTrue();
  }

  /**
   * Asserts a constant number of copies per input byte; the lower bound shows that the counter
   * counts at all (bytes that span feed calls must be copied at least once).
   */
  private void assertLinear(int inputLength, int mustBeCopied, int copiesPerByte) {
    assertThat(parser.bytesCopied())
        .isGreaterThanOrEqualTo(mustBeCopied)
        .isLessThanOrEqualTo((long) copiesPerByte * inputLength);
  }

  /** ASCII text of the given length that is not one repeated byte. */
  private static String pattern(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + i % 26));
    }
    return text.toString();
  }
}
