package dev.eventsource.transportsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Records the open, event, error and complete callbacks of a source, with the ready state and time
 * seen inside each, for a test to read back in order with bounded waits. It also notices two
 * listeners of the source running at once, which must never happen.
 */
final class RecordingListener {
  /** How long a test waits for something that must happen. */
  static final long WAIT_MILLIS = 5_000;

  enum Kind {
    OPEN,
    MESSAGE,
    ERROR,
    COMPLETE
  }

  /** One callback as seen from inside it; {@code nanos} is {@link System#nanoTime()} at entry. */
  record Callback(
      Kind kind,
      ReadyState state,
      @Nullable MessageEvent event,
      @Nullable EventSourceException error,
      long nanos) {
    @Override
    public String toString() {
      Object what = event != null ? event : error;
      return kind + "(" + state + (what == null ? "" : ", " + what) + ")";
    }
  }

  private final BlockingQueue<Callback> callbacks = new LinkedBlockingQueue<>();
  private final AtomicInteger running = new AtomicInteger();
  private final List<String> overlaps = new ArrayList<>();
  private volatile boolean closeOnError;

  /** Registers the open, any-event and error listeners, ahead of any the test adds later. */
  EventSource.Builder attach(EventSource.Builder builder) {
    return builder
        .onOpen(s -> record(Kind.OPEN, s, null, null))
        .onAnyEvent((s, e) -> record(Kind.MESSAGE, s, e, null))
        .onError((s, e) -> record(Kind.ERROR, s, null, e))
        .onComplete(s -> record(Kind.COMPLETE, s, null, null));
  }

  /**
   * From now on, the error listener closes the source, after noting the ready state and before the
   * test can see the error.
   */
  void closeOnError() {
    closeOnError = true;
  }

  private void record(
      Kind kind,
      EventSource source,
      @Nullable MessageEvent event,
      @Nullable EventSourceException error) {
    long now = System.nanoTime();
    if (running.incrementAndGet() != 1) {
      synchronized (overlaps) {
        overlaps.add(kind + " ran while another listener of the source was running");
      }
    }
    ReadyState state = source.readyState();
    if (kind == Kind.ERROR && closeOnError) {
      source.close();
    }
    callbacks.add(new Callback(kind, state, event, error, now));
    running.decrementAndGet();
  }

  /** The next callback; fails if none comes within 5 seconds. */
  Callback next() throws InterruptedException {
    Callback next = callbacks.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    if (next == null) {
      fail("expected another callback within %d ms but there was none", WAIT_MILLIS);
    }
    return next;
  }

  private Callback next(Kind kind) throws InterruptedException {
    Callback next = next();
    assertThat(next.kind()).as("kind of callback %s", next).isEqualTo(kind);
    return next;
  }

  /** The next callback is {@code open}, seen with ready state OPEN. */
  Callback takeOpen() throws InterruptedException {
    Callback open = next(Kind.OPEN);
    assertThat(open.state()).as("readyState inside open").isEqualTo(ReadyState.OPEN);
    return open;
  }

  /** The next callback is an event, seen while OPEN. */
  MessageEvent takeMessage() throws InterruptedException {
    Callback message = next(Kind.MESSAGE);
    assertThat(message.state()).as("readyState inside %s", message).isEqualTo(ReadyState.OPEN);
    return message.event();
  }

  /** The next callback is an event of type {@code message} with this data. */
  MessageEvent takeMessage(String data) throws InterruptedException {
    MessageEvent event = takeMessage();
    assertThat(event.type()).as("type of %s", event).isEqualTo("message");
    assertThat(event.data()).as("data of %s", event).isEqualTo(data);
    return event;
  }

  /** The next callback is an error seen with the given ready state. */
  EventSourceException takeError(ReadyState state) throws InterruptedException {
    return takeErrorCallback(state).error();
  }

  Callback takeErrorCallback(ReadyState state) throws InterruptedException {
    Callback error = next(Kind.ERROR);
    assertThat(error.state()).as("readyState inside %s", error).isEqualTo(state);
    return error;
  }

  /** The next callback is {@code complete}, seen with ready state CLOSED. */
  void takeComplete() throws InterruptedException {
    Callback complete = next(Kind.COMPLETE);
    assertThat(complete.state()).as("readyState inside complete").isEqualTo(ReadyState.CLOSED);
  }

  /** The next callback if one was recorded already, else null; does not wait. */
  @Nullable Callback pollNow() {
    return callbacks.poll();
  }

  /** No callback comes within the time. */
  void assertSilentFor(long millis) throws InterruptedException {
    Callback next = callbacks.poll(millis, TimeUnit.MILLISECONDS);
    assertThat(next).as("a callback within %d ms", millis).isNull();
  }

  /** Every callback recorded so far was read by the test. */
  void assertNoMoreCallbacks() {
    assertThat(callbacks).as("callbacks the test did not expect").isEmpty();
  }

  /** No two listeners of the source ran at once. */
  void assertSerial() {
    synchronized (overlaps) {
      assertThat(overlaps).as("listeners running concurrently").isEmpty();
    }
  }
}
