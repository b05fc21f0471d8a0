package dev.eventsource.parser;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Records every callback of an {@link EventStreamParser}, in order, for assertions. */
final class RecordingHandler implements EventStreamParser.Handler {
  /** One callback the parser made. */
  sealed interface Callback permits Event, Retry, Comment {}

  /** An {@code onEvent} call. */
  record Event(String type, String data, String lastEventId) implements Callback {}

  /** An {@code onRetry} call. */
  record Retry(long millis) implements Callback {}

  /** An {@code onComment} call. */
  record Comment(String text) implements Callback {}

  private final List<Callback> callbacks = new ArrayList<>();

  /** An unnamed event ({@code message}) with an empty last event ID. */
  static Event message(String data) {
    return new Event("message", data, "");
  }

  /** An unnamed event ({@code message}) with the given last event ID. */
  static Event message(String data, String lastEventId) {
    return new Event("message", data, lastEventId);
  }

  @Override
  public void onEvent(String type, String data, String lastEventId) {
    callbacks.add(new Event(type, data, lastEventId));
  }

  @Override
  public void onRetry(long reconnectionTimeMillis) {
    callbacks.add(new Retry(reconnectionTimeMillis));
  }

  @Override
  public void onComment(String comment) {
    callbacks.add(new Comment(comment));
  }

  /** Every callback so far, in order. */
  List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }

  /** The events so far, in order. */
  List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (Callback callback : callbacks) {
      if (callback instanceof Event event) {
        events.add(event);
      }
    }
    return events;
  }

  /** The comments so far, in order. */
  List<String> comments() {
    List<String> comments = new ArrayList<>();
    for (Callback callback : callbacks) {
      if (callback instanceof Comment comment) {
        comments.add(comment.text());
      }
    }
    return comments;
  }

  /** The value of the last {@code onRetry} call, or null if there was none. */
  @Nullable Long lastRetry() {
    Long last = null;
    for (Callback callback : callbacks) {
      if (callback instanceof Retry retry) {
        last = retry.millis();
      }
    }
    return last;
  }
}
