package dev.eventsource.parser;

import static dev.eventsource.parser.Feeding.everyChunking;
import static dev.eventsource.parser.Feeding.utf8;
import static dev.eventsource.parser.RecordingHandler.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.eventsource.parser.ConformanceVectorsTest.Vector;
import dev.eventsource.parser.RecordingHandler.Callback;
import dev.eventsource.parser.RecordingHandler.Comment;
import dev.eventsource.parser.RecordingHandler.Event;
import dev.eventsource.parser.RecordingHandler.Retry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The data streaming mode ({@link EventStreamParser.DataHandler}): the parts of each event put
 * together, with its end, give exactly what the default mode gives, under any chunking, and an
 * event's data takes no memory however large it is.
 */
class StreamingDataTest {
  private static final int RANDOM_CHUNKINGS = 30;

  @TestFactory
  Stream<DynamicTest> everyConformanceVectorGivesTheDefaultModesCallbacks() throws IOException {
    return ConformanceVectorsTest.loadVectors().stream()
        .map(vector -> dynamicTest(vector.name(), () -> checkVector(vector)));
  }

  private static void checkVector(Vector vector) throws EventSizeLimitException {
    byte[] input = vector.input();
    List<int[]> chunkings = new ArrayList<>();
    chunkings.add(new int[0]);
    int[] everyByte = new int[Math.max(0, input.length - 1)];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = i + 1;
    }
    chunkings.add(everyByte);
    for (int split = 0; split <= input.length && input.length < 2048; split++) {
      chunkings.add(new int[] {split});
    }
    Random random = new Random(vector.name().hashCode());
    for (int i = 0; i < RANDOM_CHUNKINGS; i++) {
      chunkings.add(Feeding.randomCuts(random, input.length));
    }
    for (int[] cuts : chunkings) {
      StreamingRecorder streaming = streamed(input, cuts);
      assertThat(streaming.callbacks())
          .as("%s cut at %s", vector.name(), java.util.Arrays.toString(cuts))
          .isEqualTo(Feeding.parse(input, cuts).callbacks());
      assertThat(events(streaming.callbacks())).isEqualTo(vector.expect());
    }
  }

  @Property(tries = 500)
  void randomStreamsGiveTheDefaultModesCallbacksUnderAnyChunking(
      @ForAll("streams") byte[] input, @ForAll("chunkSizes") List<Integer> sizes)
      throws EventSizeLimitException {
    int[] cuts = cuts(sizes, input.length);
    StreamingRecorder streaming = streamed(input, cuts);

    assertThat(streaming.callbacks()).isEqualTo(Feeding.parse(input, cuts).callbacks());
  }

  @Provide
  Arbitrary<byte[]> streams() {
    return ParserPropertiesTest.stream(true);
  }

  @Provide
  Arbitrary<List<Integer>> chunkSizes() {
    return Arbitraries.integers().between(0, 12).list().ofMinSize(1).ofMaxSize(8);
  }

  @Test
  void dataLineSplitAfterItsColonDecidesTheSpaceInTheNextChunk() throws EventSizeLimitException {
    assertThat(streamed(utf8("data: x\n\n"), 5).callbacks()).containsExactly(message("x"));
    assertThat(streamed(utf8("data:  x\n\n"), 5).callbacks()).containsExactly(message(" x"));
    assertThat(streamed(utf8("data:x\n\n"), 5).callbacks()).containsExactly(message("x"));
    assertThat(streamed(utf8("data:\n\n"), 5).callbacks()).containsExactly(message(""));
    assertThat(streamed(utf8("data: \r\n\r\n"), 5, 6, 7).callbacks()).containsExactly(message(""));
  }

  @Test
  void partsOfALineComeBeforeItsEndArrives() throws EventSizeLimitException {
    StreamingRecorder recorder = new StreamingRecorder();
    EventStreamParser parser = new EventStreamParser(recorder, 16);
    Feeding.feed(parser, "data: first part");
    assertThat(recorder.pending()).isEqualTo(utf8("first part"));
    Feeding.feed(parser, ", second\ndata: next");
    assertThat(recorder.pending()).isEqualTo(utf8("first part, second\nnext"));
    assertThat(recorder.callbacks()).isEmpty();
  }

  @Test
  void eventWithOnlyEmptyDataLinesEndsWithoutParts() throws EventSizeLimitException {
    for (String stream : new String[] {"data\n\n", "data:\n\n", "data: \n\n"}) {
      StreamingRecorder recorder = streamed(utf8(stream));
      assertThat(recorder.callbacks()).as(stream).containsExactly(message(""));
      assertThat(recorder.parts()).isZero();
    }
    assertThat(streamed(utf8("data\ndata\n\n")).callbacks()).containsExactly(message("\n"));
  }

  @Test
  void dispatchWithoutDataEndsNoEventButCommitsTheId() throws EventSizeLimitException {
    StreamingRecorder recorder = new StreamingRecorder();
    EventStreamParser parser = new EventStreamParser(recorder);
    Feeding.feed(parser, "id: 7\nevent: ignored\n\ndata: a\n\n");

    assertThat(recorder.callbacks()).containsExactly(message("a", "7"));
    assertThat(parser.lastEventId()).isEqualTo("7");
  }

  @Test
  void idAndEventAfterDataLinesApplyToTheEvent() throws EventSizeLimitException {
    byte[] input = utf8("data: a\nid: 3\nevent: t\ndata: b\n: note\nretry: 10\n\n");
    for (Map.Entry<String, int[]> chunking : everyChunking(input.length).entrySet()) {
      assertThat(streamed(input, chunking.getValue()).callbacks())
          .as(chunking.getKey())
          .containsExactly(new Comment(" note"), new Retry(10), new Event("t", "a\nb", "3"));
    }
  }

  @Test
  void byteOrderMarkAndLineBreaksSplitAcrossChunks() throws EventSizeLimitException {
    byte[] input = utf8("\uFEFFdata: a\r\ndata: b\rdata:\r\n\r\ndat\r\ndata: c\r\r");
    for (Map.Entry<String, int[]> chunking : everyChunking(input.length).entrySet()) {
      assertThat(streamed(input, chunking.getValue()).callbacks())
          .as(chunking.getKey())
          .containsExactly(message("a\nb\n"), message("c"));
    }
  }

  @Test
  void eventUnfinishedAtTheEndIsDiscarded() throws EventSizeLimitException {
    StreamingRecorder recorder = new StreamingRecorder();
    EventStreamParser parser = new EventStreamParser(recorder);
    Feeding.feed(parser, "data: a\n\ndata: b\ndata: c");
    parser.end();

    assertThat(recorder.callbacks()).containsExactly(message("a"));
    assertThat(recorder.discarded()).isEqualTo(1);

    Feeding.feed(parser, "data: d");
    parser.reset("");
    assertThat(recorder.discarded()).isEqualTo(2);

    Feeding.feed(parser, "data\nid: 1");
    parser.end();
    assertThat(recorder.discarded()).as("no parts went out: nothing to discard").isEqualTo(2);
  }

  @Test
  void otherLinesAreStillBoundedByTheLimit() throws EventSizeLimitException {
    StreamingRecorder recorder = new StreamingRecorder();
    EventStreamParser parser = new EventStreamParser(recorder, 64);
    Feeding.feed(parser, "data: " + "x".repeat(1000) + "\nevent: " + "t".repeat(40) + "\n");

    assertThatThrownBy(() -> Feeding.feed(parser, "id: " + "i".repeat(30)))
        .isInstanceOf(EventSizeLimitException.class);
    assertThat(recorder.discarded()).isEqualTo(1);
    assertThat(parser.retainedBytes()).isLessThanOrEqualTo(4L * 64);
    assertThatThrownBy(() -> Feeding.feed(parser, "\n")).isInstanceOf(IllegalStateException.class);

    parser.reset("");
    Feeding.feed(parser, ": " + "c".repeat(62) + "\n");
    assertThatThrownBy(() -> Feeding.feed(parser, ": " + "c".repeat(63) + "\n"))
        .isInstanceOf(EventSizeLimitException.class);
  }

  @Test
  void hugeEventStreamsThroughATinyLimitWithoutBeingHeld() throws EventSizeLimitException {
    int limit = 1024;
    long dataBytes = 256L * 1024 * 1024;
    byte[] chunk = new byte[64 * 1024];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) ('a' + i % 26);
    }
    CRC32 sent = new CRC32();
    CRC32 received = new CRC32();
    long[] receivedBytes = {0};
    List<String> ends = new ArrayList<>();
    EventStreamParser parser =
        new EventStreamParser(
            new EventStreamParser.DataHandler() {
              @Override
              public void onDataPart(byte[] bytes, int offset, int length) {
                received.update(bytes, offset, length);
                receivedBytes[0] += length;
              }

              @Override
              public void onEventEnd(String type, String lastEventId) {
                ends.add(type + "/" + lastEventId);
              }
            },
            limit);

    Feeding.feed(parser, "event: huge\nid: 42\ndata: ");
    for (long fed = 0; fed < dataBytes; fed += chunk.length) {
      parser.feed(chunk, 0, chunk.length);
      sent.update(chunk, 0, chunk.length);
      assertThat(parser.retainedBytes()).isLessThanOrEqualTo(4L * limit);
    }
    Feeding.feed(parser, "\n\n");

    assertThat(receivedBytes[0]).isEqualTo(dataBytes);
    assertThat(received.getValue()).isEqualTo(sent.getValue());
    assertThat(ends).containsExactly("huge/42");
  }

  @Test
  void handlerThatIsNotADataHandlerGetsWholeEvents() throws EventSizeLimitException {
    assertThat(Feeding.parse(utf8("data: a\ndata: b\n\n")).callbacks())
        .containsExactly(message("a\nb"));
  }

  private static StreamingRecorder streamed(byte[] input, int... cuts)
      throws EventSizeLimitException {
    StreamingRecorder recorder = new StreamingRecorder();
    EventStreamParser parser = new EventStreamParser(recorder);
    Feeding.feed(parser, input, cuts);
    parser.end();
    return recorder;
  }

  private static List<Event> events(List<Callback> callbacks) {
    List<Event> events = new ArrayList<>();
    for (Callback callback : callbacks) {
      if (callback instanceof Event event) {
        events.add(event);
      }
    }
    return events;
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
}
