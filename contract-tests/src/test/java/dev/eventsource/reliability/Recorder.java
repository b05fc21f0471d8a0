package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Records a source's open, event and error callbacks with the ready state seen inside each, for a
 * test to read back in order with bounded waits. Every error and the source's {@code toString()} go
 * through {@link Secrets#scan}; two listeners of the source running at once are counted.
 */
final class Recorder {
  enum Kind {
    OPEN,
    EVENT,
    ERROR
  }

  /** One callback as seen from inside it; {@code nanos} is {@link System#nanoTime()} at entry. */
  record Call(
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

  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private final List<MessageEvent> events = new ArrayList<>();
  private final List<Call> errors = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final CountDownLatch closedByError = new CountDownLatch(1);

  /** Registers the open, any-event and error listeners. */
  EventSource.Builder attach(EventSource.Builder builder) {
    return builder
        .onOpen(s -> record(Kind.OPEN, s, null, null))
        .onAnyEvent((s, e) -> record(Kind.EVENT, s, e, null))
        .onError((s, e) -> record(Kind.ERROR, s, null, e));
  }

  private void record(
      Kind kind,
      EventSource source,
      @Nullable MessageEvent event,
      @Nullable EventSourceException error) {
    long now = System.nanoTime();
    if (running.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
    ReadyState state = source.readyState();
    Call call = new Call(kind, state, event, error, now);
    synchronized (this) {
      if (event != null) {
        events.add(event);
      }
      if (error != null) {
        errors.add(call);
        Secrets.scan(error);
        Secrets.scan("EventSource.toString()", source.toString());
      }
    }
    calls.add(call);
    if (error != null && state == ReadyState.CLOSED) {
      closedByError.countDown();
    }
    running.decrementAndGet();
  }

  /** The next callback; fails if none comes in time. */
  Call next(long millis) throws InterruptedException {
    Call next = calls.poll(millis, TimeUnit.MILLISECONDS);
    if (next == null) {
      fail("expected a callback within %d ms but there was none", millis);
    }
    return next;
  }

  /** The next callback, which must be of the kind. */
  Call next(Kind kind, long millis) throws InterruptedException {
    Call next = next(millis);
    assertThat(next.kind()).as("callback %s", next).isEqualTo(kind);
    return next;
  }

  /** The next callback is an error seen with the ready state; returns the error. */
  EventSourceException nextError(ReadyState state, long millis) throws InterruptedException {
    Call error = next(Kind.ERROR, millis);
    assertThat(error.state()).as("readyState inside %s", error).isEqualTo(state);
    return error.error();
  }

  /** The next callback is an event seen while OPEN. */
  MessageEvent nextEvent(long millis) throws InterruptedException {
    Call event = next(Kind.EVENT, millis);
    assertThat(event.state()).as("readyState inside %s", event).isEqualTo(ReadyState.OPEN);
    return event.event();
  }

  /** The next callback if there is one within the time, else null. */
  @Nullable Call poll(long millis) throws InterruptedException {
    return calls.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Waits for an error seen with readyState CLOSED; true if it came in time. */
  boolean awaitClosedByError(long millis) throws InterruptedException {
    return closedByError.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Every event so far, in the order the listener saw them. */
  synchronized List<MessageEvent> events() {
    return new ArrayList<>(events);
  }

  /** Every error callback so far. */
  synchronized List<Call> errors() {
    return new ArrayList<>(errors);
  }

  /** Times two listeners of the source ran at once (must be 0). */
  int overlaps() {
    return overlaps.get();
  }
}
