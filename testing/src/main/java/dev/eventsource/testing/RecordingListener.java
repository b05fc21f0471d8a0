package dev.eventsource.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Records the open, event, error and complete callbacks of a source, with the ready state and time
 * seen inside each, for a test to read back in order with bounded waits. It also notices two
 * listeners of the source running at once, which must never happen.
 *
 * <p>Attach it with {@link #attach} before building the source. The {@code take} methods wait at
 * most {@link #WAIT_MILLIS} (or the time given) and fail the test if the callback does not come or
 * is not the one expected. Thread-safe: callbacks arrive on the source's listener thread while the
 * test reads on its own.
 */
public final class RecordingListener {
  /** How long a test waits for something that must happen, in milliseconds. */
  public static final long WAIT_MILLIS = 5_000;

  /** The kind of a callback. */
  public enum Kind {
    /** {@code onOpen}. */
    OPEN,
    /** An event of any type ({@code onAnyEvent}). */
    MESSAGE,
    /** {@code onError}. */
    ERROR,
    /** {@code onComplete}: a one-shot stream ended. */
    COMPLETE
  }

  /**
   * One callback as seen from inside it.
   *
   * @param kind which callback
   * @param state {@code readyState()} inside the callback
   * @param event the event, for {@link Kind#MESSAGE}
   * @param error the error, for {@link Kind#ERROR}
   * @param nanos {@link System#nanoTime()} when the callback was entered
   */
  public record Callback(
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
  private final List<MessageEvent> events = new ArrayList<>();
  private final List<Callback> errors = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final List<String> overlaps = new ArrayList<>();
  private final CountDownLatch closedByError = new CountDownLatch(1);
  private volatile boolean closeOnError;
  private volatile @Nullable BiConsumer<EventSource, EventSourceException> errorCheck;

  /** A listener that records and checks nothing else. */
  public RecordingListener() {}

  /**
   * Registers the open, any-event and error listeners, ahead of any the test adds later.
   *
   * @param builder the builder of the source to record
   * @return the same builder
   */
  public EventSource.Builder attach(EventSource.Builder builder) {
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
  public void closeOnError() {
    closeOnError = true;
  }

  /**
   * Runs a check on every error, inside the error callback and before the test can see it (for
   * example, that no secret appears in the message or in the source's {@code toString()}).
   *
   * @param check called with the source and the error; what it throws fails the callback
   * @return this listener
   */
  public RecordingListener checkEachError(BiConsumer<EventSource, EventSourceException> check) {
    this.errorCheck = Objects.requireNonNull(check, "check");
    return this;
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
    Callback callback = new Callback(kind, state, event, error, now);
    synchronized (this) {
      if (event != null) {
        events.add(event);
      }
      if (error != null) {
        errors.add(callback);
        BiConsumer<EventSource, EventSourceException> check = errorCheck;
        if (check != null) {
          check.accept(source, error);
        }
      }
    }
    callbacks.add(callback);
    if (error != null && state == ReadyState.CLOSED) {
      closedByError.countDown();
    }
    running.decrementAndGet();
  }

  /**
   * The next callback.
   *
   * @return it
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if none comes within {@link #WAIT_MILLIS}
   */
  public Callback next() throws InterruptedException {
    return next(WAIT_MILLIS);
  }

  /**
   * The next callback.
   *
   * @param millis how long to wait for it
   * @return it
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if none comes in time
   */
  public Callback next(long millis) throws InterruptedException {
    Callback next = callbacks.poll(millis, TimeUnit.MILLISECONDS);
    if (next == null) {
      fail("expected another callback within %d ms but there was none", millis);
    }
    return next;
  }

  /**
   * The next callback, which must be of the kind.
   *
   * @param kind the kind expected
   * @param millis how long to wait for it
   * @return it
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if none comes in time or it is of another kind
   */
  public Callback next(Kind kind, long millis) throws InterruptedException {
    Callback next = next(millis);
    assertThat(next.kind()).as("kind of callback %s", next).isEqualTo(kind);
    return next;
  }

  /**
   * The next callback is {@code open}, seen with ready state OPEN.
   *
   * @return it
   * @throws InterruptedException if interrupted while waiting
   */
  public Callback takeOpen() throws InterruptedException {
    Callback open = next(Kind.OPEN, WAIT_MILLIS);
    assertThat(open.state()).as("readyState inside open").isEqualTo(ReadyState.OPEN);
    return open;
  }

  /**
   * The next callback is an event, seen while OPEN.
   *
   * @return the event
   * @throws InterruptedException if interrupted while waiting
   */
  public MessageEvent takeMessage() throws InterruptedException {
    return takeMessage(WAIT_MILLIS);
  }

  /**
   * The next callback is an event, seen while OPEN.
   *
   * @param millis how long to wait for it
   * @return the event
   * @throws InterruptedException if interrupted while waiting
   */
  public MessageEvent takeMessage(long millis) throws InterruptedException {
    Callback message = next(Kind.MESSAGE, millis);
    assertThat(message.state()).as("readyState inside %s", message).isEqualTo(ReadyState.OPEN);
    return Objects.requireNonNull(message.event());
  }

  /**
   * The next callback is an event of type {@code message} with this data.
   *
   * @param data the data expected
   * @return the event
   * @throws InterruptedException if interrupted while waiting
   */
  public MessageEvent takeMessage(String data) throws InterruptedException {
    MessageEvent event = takeMessage();
    assertThat(event.type()).as("type of %s", event).isEqualTo("message");
    assertThat(event.data()).as("data of %s", event).isEqualTo(data);
    return event;
  }

  /**
   * The next callback is an error seen with the given ready state.
   *
   * @param state the ready state expected inside the callback
   * @return the error
   * @throws InterruptedException if interrupted while waiting
   */
  public EventSourceException takeError(ReadyState state) throws InterruptedException {
    return takeError(state, WAIT_MILLIS);
  }

  /**
   * The next callback is an error seen with the given ready state.
   *
   * @param state the ready state expected inside the callback
   * @param millis how long to wait for it
   * @return the error
   * @throws InterruptedException if interrupted while waiting
   */
  public EventSourceException takeError(ReadyState state, long millis) throws InterruptedException {
    return Objects.requireNonNull(takeErrorCallback(state, millis).error());
  }

  /**
   * The next callback is an error seen with the given ready state.
   *
   * @param state the ready state expected inside the callback
   * @return the whole callback
   * @throws InterruptedException if interrupted while waiting
   */
  public Callback takeErrorCallback(ReadyState state) throws InterruptedException {
    return takeErrorCallback(state, WAIT_MILLIS);
  }

  private Callback takeErrorCallback(ReadyState state, long millis) throws InterruptedException {
    Callback error = next(Kind.ERROR, millis);
    assertThat(error.state()).as("readyState inside %s", error).isEqualTo(state);
    return error;
  }

  /**
   * The next callback is {@code complete}, seen with ready state CLOSED.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void takeComplete() throws InterruptedException {
    Callback complete = next(Kind.COMPLETE, WAIT_MILLIS);
    assertThat(complete.state()).as("readyState inside complete").isEqualTo(ReadyState.CLOSED);
  }

  /**
   * The next callback if one was recorded already; does not wait.
   *
   * @return it, or null
   */
  public @Nullable Callback pollNow() {
    return callbacks.poll();
  }

  /**
   * The next callback if one comes within the time.
   *
   * @param millis how long to wait
   * @return it, or null
   * @throws InterruptedException if interrupted while waiting
   */
  public @Nullable Callback poll(long millis) throws InterruptedException {
    return callbacks.poll(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Waits for an error seen with readyState CLOSED.
   *
   * @param millis how long to wait
   * @return true if it came in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitClosedByError(long millis) throws InterruptedException {
    return closedByError.await(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Every event so far, in the order the listener saw them, whether or not the test took them.
   *
   * @return a copy
   */
  public synchronized List<MessageEvent> events() {
    return new ArrayList<>(events);
  }

  /**
   * Every error callback so far, whether or not the test took them.
   *
   * @return a copy
   */
  public synchronized List<Callback> errors() {
    return new ArrayList<>(errors);
  }

  /**
   * How many times two listeners of the source ran at once (must be 0).
   *
   * @return the count
   */
  public int overlaps() {
    synchronized (overlaps) {
      return overlaps.size();
    }
  }

  /**
   * Asserts that no callback comes within the time.
   *
   * @param millis how long to watch
   * @throws InterruptedException if interrupted while waiting
   */
  public void assertSilentFor(long millis) throws InterruptedException {
    Callback next = callbacks.poll(millis, TimeUnit.MILLISECONDS);
    assertThat(next).as("a callback within %d ms", millis).isNull();
  }

  /** Asserts that every callback recorded so far was taken by the test. */
  public void assertNoMoreCallbacks() {
    assertThat(callbacks).as("callbacks the test did not expect").isEmpty();
  }

  /** Asserts that no two listeners of the source ran at once. */
  public void assertSerial() {
    synchronized (overlaps) {
      assertThat(overlaps).as("listeners running concurrently").isEmpty();
    }
  }
}
