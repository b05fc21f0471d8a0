package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import org.jspecify.annotations.Nullable;

/**
 * Records every callback of a source, with the {@link ReadyState} seen inside it, so a test reads
 * them back in order with the {@code take...} methods and {@link #assertNoMoreCallbacks()} fails on
 * anything it did not expect (as OkHttp's {@code EventSourceRecorder} does).
 *
 * <p>Core's own, beside the fake transport and scheduler: the state-machine tests record per-type
 * listeners and run without threads, and {@code eventsource-testing}'s recording listener (for real
 * servers) lives in a module that depends on core, which core's tests cannot use.
 */
final class RecordingListener {
  enum Kind {
    OPEN,
    /** A listener for one event type: {@code onMessage} or {@code on(type, ...)}. */
    MESSAGE,
    /** The {@code onAnyEvent} listener. */
    ANY,
    ERROR,
    COMMENT,
    /** The {@code onComplete} listener of a one-shot source. */
    COMPLETE
  }

  /** One callback as seen from inside it. */
  record Callback(
      Kind kind,
      ReadyState state,
      @Nullable MessageEvent event,
      @Nullable EventSourceException error,
      @Nullable String comment,
      Thread thread) {
    @Override
    public String toString() {
      Object what = event != null ? event : error != null ? error : comment;
      return kind + "(" + state + (what == null ? "" : ", " + what) + ")";
    }
  }

  private final LinkedBlockingDeque<Callback> callbacks = new LinkedBlockingDeque<>();

  /** Registers open, message, error and comment listeners on the builder. */
  EventSource.Builder attach(EventSource.Builder builder) {
    return builder
        .onOpen(s -> record(Kind.OPEN, s, null, null, null))
        .onMessage(messages())
        .onError((s, e) -> record(Kind.ERROR, s, null, e, null))
        .onComment((s, c) -> record(Kind.COMMENT, s, null, null, c))
        .onComplete(s -> record(Kind.COMPLETE, s, null, null, null));
  }

  /** A listener that records events as {@link Kind#MESSAGE}, for {@code on(type, ...)}. */
  MessageListener messages() {
    return (s, e) -> record(Kind.MESSAGE, s, e, null, null);
  }

  /** A listener that records events as {@link Kind#ANY}, for {@code onAnyEvent}. */
  MessageListener anyEvents() {
    return (s, e) -> record(Kind.ANY, s, e, null, null);
  }

  private void record(
      Kind kind,
      EventSource source,
      @Nullable MessageEvent event,
      @Nullable EventSourceException error,
      @Nullable String comment) {
    callbacks.add(
        new Callback(kind, source.readyState(), event, error, comment, Thread.currentThread()));
  }

  /** The next callback, which must exist. */
  Callback take() {
    Callback next = callbacks.poll();
    if (next == null) {
      fail("expected another callback but there was none");
    }
    return next;
  }

  private Callback take(Kind kind) {
    Callback next = take();
    assertThat(next.kind()).as("kind of callback %s", next).isEqualTo(kind);
    return next;
  }

  /** The next callback is {@code open}, seen with readyState OPEN. */
  void takeOpen() {
    Callback c = take(Kind.OPEN);
    assertThat(c.state()).as("readyState inside open").isEqualTo(ReadyState.OPEN);
  }

  /** The next callback is an event at a type listener, seen while OPEN. */
  MessageEvent takeMessage() {
    Callback c = take(Kind.MESSAGE);
    assertThat(c.state()).as("readyState inside a message listener").isEqualTo(ReadyState.OPEN);
    return c.event();
  }

  /** The next callback is an event of this type and data at a type listener. */
  MessageEvent takeMessage(String type, String data) {
    MessageEvent event = takeMessage();
    assertThat(event.type()).as("type of %s", event).isEqualTo(type);
    assertThat(event.data()).as("data of %s", event).isEqualTo(data);
    return event;
  }

  /** The next callback is an event of type message with this data. */
  MessageEvent takeMessage(String data) {
    return takeMessage("message", data);
  }

  /** The next callback is an event at the any-event listener. */
  MessageEvent takeAny(String type, String data) {
    Callback c = take(Kind.ANY);
    assertThat(c.event().type()).isEqualTo(type);
    assertThat(c.event().data()).isEqualTo(data);
    return c.event();
  }

  /** The next callback is {@code error} seen with this readyState; returns its cause. */
  EventSourceException takeError(ReadyState expectedState) {
    Callback c = take(Kind.ERROR);
    assertThat(c.state()).as("readyState inside error (%s)", c.error()).isEqualTo(expectedState);
    return c.error();
  }

  /** The next callback is an error of this type, seen with this readyState. */
  <T extends EventSourceException> T takeError(ReadyState expectedState, Class<T> type) {
    EventSourceException error = takeError(expectedState);
    assertThat(error).isInstanceOf(type);
    return type.cast(error);
  }

  /** The next callback is {@code complete}, seen with readyState CLOSED. */
  void takeComplete() {
    Callback c = take(Kind.COMPLETE);
    assertThat(c.state()).as("readyState inside complete").isEqualTo(ReadyState.CLOSED);
  }

  /** The next callback is a comment; returns its text. */
  String takeComment() {
    return take(Kind.COMMENT).comment();
  }

  /** Every callback not taken yet, leaving them recorded. */
  List<Callback> remaining() {
    return new ArrayList<>(callbacks);
  }

  /** Fails if any callback was recorded and not taken. */
  void assertNoMoreCallbacks() {
    assertThat(remaining()).as("unexpected callbacks").isEmpty();
  }
}
