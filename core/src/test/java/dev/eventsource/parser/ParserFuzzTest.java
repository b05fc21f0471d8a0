package dev.eventsource.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link EventStreamParser} (Jazzer). The input is a {@link ParserPlan}:
 * a few header bytes choose the event size limit, how chunks are handed over and the chunk sizes;
 * the rest is the stream. For every input:
 *
 * <ul>
 *   <li>fed whole and fed in the chosen chunks, the parser makes the same callbacks (events, retry
 *       values, comments) and ends with the same last event ID, or both runs throw {@link
 *       EventSizeLimitException} after the same callbacks;
 *   <li>nothing but {@link EventSizeLimitException} escapes, and after it {@code feed} refuses more
 *       input with the documented {@link IllegalStateException};
 *   <li>the memory held ({@code retainedBytes()}) stays within four buffers of at most the limit,
 *       and of at most twice what the stream could have put in them; the bytes moved to grow or
 *       compact them ({@code bytesMoved()}) stay linear in the stream's length;
 *   <li>the callbacks agree with {@link ReferenceParser}, written from the spec text: exactly when
 *       the stream fits the limit, as a prefix when it does not. Valid UTF-8 is decoded by the JDK
 *       for the reference, anything else by the reference's own WHATWG decoder.
 * </ul>
 *
 * <p>Runs on the seeds in {@code ParserFuzzTestInputs} as an ordinary test; {@code JAZZER_FUZZ=1}
 * fuzzes (see {@code docs/fuzzing.md}).
 */
class ParserFuzzTest {
  private static final String TOO_LARGE = "EventSizeLimitException";

  /** Moved bytes per input byte that still count as linear work: under two per buffer, four. */
  private static final int MOVES_PER_BYTE = 8;

  private static final int MOVE_SLACK = 512;

  @FuzzTest(maxDuration = "30s")
  void anyChunkingGivesTheSameCallbacks(byte[] input) {
    ParserPlan plan = ParserPlan.of(input);
    byte[] stream = plan.stream();

    List<Object> whole = outcome(plan, new int[0]);
    List<Object> chunked = outcome(plan, plan.cuts());

    assertThat(chunked).as("callbacks fed in chunks %s vs whole", plan).isEqualTo(whole);
    List<Object> reference = ReferenceParser.parse(referenceText(stream));
    if (whole.contains(TOO_LARGE)) {
      List<Object> before = whole.subList(0, whole.size() - 1);
      assertThat(reference.subList(0, Math.min(before.size(), reference.size())))
          .as("callbacks before the limit was hit are the reference's first ones")
          .isEqualTo(before);
    } else {
      assertThat(whole).as("callbacks vs the reference parser").isEqualTo(reference);
    }
  }

  /**
   * Parses the plan's stream cut at {@code cuts}: the callbacks, then either the last event ID
   * after {@code end()} or {@link #TOO_LARGE}. Checks memory and work after every chunk.
   */
  private static List<Object> outcome(ParserPlan plan, int[] cuts) {
    byte[] stream = plan.stream();
    RecordingHandler handler = new RecordingHandler();
    EventStreamParser parser = new EventStreamParser(handler, plan.maxEventSize());
    List<Object> outcome = new ArrayList<>();
    int start = 0;
    try {
      for (int i = 0; i <= cuts.length; i++) {
        int end = i < cuts.length ? cuts[i] : stream.length;
        feed(parser, plan.feeding(), stream, start, end - start);
        start = end;
        assertBounded(parser, plan, end);
      }
      parser.end();
      outcome.addAll(handler.callbacks());
      outcome.add("lastEventId=" + parser.lastEventId());
    } catch (EventSizeLimitException e) {
      assertThat(e.maxEventSize()).isEqualTo(plan.maxEventSize());
      assertBounded(parser, plan, stream.length);
      outcome.addAll(handler.callbacks());
      outcome.add(TOO_LARGE);
      // Documented: after the limit was hit, feed refuses input until reset().
      assertThatThrownBy(() -> parser.feed(new byte[] {'\n'}, 0, 1))
          .isInstanceOf(IllegalStateException.class);
    }
    return outcome;
  }

  /** Hands one chunk over the way the plan says: array, heap buffer, read-only or direct buffer. */
  private static void feed(
      EventStreamParser parser, int feeding, byte[] bytes, int from, int length)
      throws EventSizeLimitException {
    if (feeding == ParserPlan.ARRAY) {
      parser.feed(bytes, from, length);
      return;
    }
    ByteBuffer buffer;
    if (feeding == ParserPlan.DIRECT_BUFFER) {
      buffer = ByteBuffer.allocateDirect(length + 3);
      buffer.position(3); // not at offset 0, so the parser must honour the position
      buffer.put(bytes, from, length).flip().position(3);
    } else {
      buffer = ByteBuffer.wrap(bytes, from, length).slice(); // an arrayOffset() other than 0
      if (feeding == ParserPlan.READ_ONLY_BUFFER) {
        buffer = buffer.asReadOnlyBuffer(); // hasArray() is false: the copying path
      }
    }
    parser.feed(buffer);
    assertThat(buffer.hasRemaining()).as("feed(ByteBuffer) consumed the chunk").isFalse();
  }

  /**
   * Four buffers (the data with the open line, type, ID, cached type), none past the limit, none
   * past twice the bytes read so far (doubling from 128); copies linear in the bytes read.
   */
  private static void assertBounded(EventStreamParser parser, ParserPlan plan, int bytesRead) {
    long perBuffer = Math.min(plan.maxEventSize(), Math.max(128, 2L * bytesRead + 2));
    assertThat(parser.retainedBytes())
        .as("retainedBytes after %d bytes, limit %d", bytesRead, plan.maxEventSize())
        .isLessThanOrEqualTo(4 * perBuffer);
    assertThat(parser.bytesMoved())
        .as("bytesMoved after %d bytes", bytesRead)
        .isLessThanOrEqualTo((long) MOVES_PER_BYTE * bytesRead + MOVE_SLACK);
  }

  /**
   * The decoded stream for the reference: valid UTF-8 through the JDK's strict decoder (a check
   * independent of both hand-written decoders), then one BOM stripped; anything else through the
   * reference's WHATWG decoder.
   */
  private static String referenceText(byte[] stream) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(stream))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException invalidUtf8) {
      return ReferenceParser.decodeUtf8(stream);
    }
  }
}
