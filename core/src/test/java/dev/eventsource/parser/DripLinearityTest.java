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
 * bytesMoved()} counts the bytes copied to grow a buffer or move its content, the only copies that
 * can add up to more than the input (every other copy takes bytes as they are fed, once each).
 * Growth by doubling copies under the final capacity, which is under twice the bytes held: under
 * two moved bytes per input byte. Growth by a fixed step would move a quadratic number.
 */
class DripLinearityTest {
  private static final int MOVES_PER_BYTE = 2;

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
    assertLinear(input.length, data.length() / 2);
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
    assertLinear(input.length, data.length() / 2);
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
    assertLinear(input.length, value.length() / 2);
  }

  @Test
  void manySmallEventsFedOneByteAtATimeCopyLinearly() throws Exception {
    byte[] input = utf8("event: tick\nid: 12345\ndata: some data\n\n".repeat(100_000));

    for (int i = 0; i < input.length; i++) {
      parser.feed(input, i, 1);
    }

    assertThat(handler.events()).hasSize(100_000);
    // The buffers reach their first size with the first event and never grow again.
    assertThat(parser.bytesMoved()).isLessThanOrEqualTo(1024);
  }

  private void assertSingleEvent(String data) {
    assertThat(handler.events()).hasSize(1);
    String received = handler.events().get(0).data();
    assertThat(received.length()).isEqualTo(data.length());
    assertThat(received.equals(data)).as("the event arrived whole").isTrue();
  }

  /**
   * Asserts a constant number of moved bytes per input byte; the lower bound shows that the counter
   * counts at all (the last growth of a buffer that ends up holding n bytes moves at least n / 2).
   */
  private void assertLinear(int inputLength, int mustBeMoved) {
    assertThat(parser.bytesMoved())
        .isGreaterThanOrEqualTo(mustBeMoved)
        .isLessThanOrEqualTo((long) MOVES_PER_BYTE * inputLength);
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
