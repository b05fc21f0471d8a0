package dev.eventsource.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.parser.RecordingHandler.Callback;
import dev.eventsource.parser.RecordingHandler.Comment;
import dev.eventsource.parser.RecordingHandler.Event;
import dev.eventsource.parser.RecordingHandler.Retry;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a parser in data streaming mode reports, in the shape a {@link RecordingHandler}
 * records the default mode: each event's parts are put together and decoded at its end, so the two
 * modes can be compared callback for callback.
 */
final class StreamingRecorder implements EventStreamParser.DataHandler {
  private final List<Callback> callbacks = new ArrayList<>();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private int parts;
  private int discarded;

  @Override
  public void onDataPart(byte[] bytes, int offset, int length) {
    assertThat(length).as("part length").isPositive();
    data.write(bytes, offset, length);
    parts++;
  }

  @Override
  public void onEventEnd(String type, String lastEventId) {
    callbacks.add(new Event(type, decode(data.toByteArray()), lastEventId));
    data.reset();
  }

  @Override
  public void onEventDiscarded() {
    assertThat(data.size()).as("bytes of the discarded event").isPositive();
    data.reset();
    discarded++;
  }

  @Override
  public void onRetry(long reconnectionTimeMillis) {
    callbacks.add(new Retry(reconnectionTimeMillis));
  }

  @Override
  public void onComment(String comment) {
    callbacks.add(new Comment(comment));
  }

  /** Every callback so far, events put together from their parts. */
  List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }

  /** How many parts were handed out. */
  int parts() {
    return parts;
  }

  /** How many events were discarded after parts of them went out. */
  int discarded() {
    return discarded;
  }

  /** The bytes of the event under way. */
  byte[] pending() {
    return data.toByteArray();
  }

  /** WHATWG UTF-8 decode, keeping a leading U+FEFF: data is never stripped of one. */
  static String decode(byte[] bytes) {
    return ReferenceParser.decodeUtf8(Feeding.concat(new byte[] {'a'}, bytes)).substring(1);
  }
}
