package dev.eventsource;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The events of a source, taken one at a time by the thread that asks for them; made by {@link
 * EventSource.Builder#stream()}. Read it in a try-with-resources block:
 *
 * <pre>{@code
 * try (EventStream events = builder.oneShot(true).stream()) {
 *   for (MessageEvent event : events) {
 *     System.out.print(event.data());
 *   }
 * }
 * }</pre>
 *
 * <p>Reconnections happen underneath as for listeners, unseen by the loop. The loop ends when the
 * source is closed for good without failing: a one-shot stream completed, or {@link #close()} was
 * called. A failure that closes the source (an HTTP error, a one-shot stream cut off, {@code
 * maxAttempts} reached) ends it with an {@link EventStreamException} whose cause is the {@link
 * EventSourceException}; {@link #next(long, TimeUnit)} throws the same.
 *
 * <p>The source's callbacks, those given to the builder included, run on the thread that pulls,
 * inside {@link #next(long, TimeUnit)} and the iterator's methods; between pulls nothing runs. A
 * consumer that stops pulling holds back the network read as a slow listener does: the stream is
 * read a bounded way ahead, never into unbounded memory. Waiting uses no monitor, so a virtual
 * thread that waits here frees its carrier thread.
 *
 * <p>Threading: meant for one consuming thread; calls from several take turns. {@link #close()} may
 * be called from any thread at any time.
 */
public final class EventStream implements Iterable<MessageEvent>, AutoCloseable {
  private final EventSource source;
  private final PullQueue queue;

  /** An event a {@code hasNext()} took ahead of its {@code next()}; consumer's thread only. */
  private @Nullable MessageEvent peeked;

  EventStream(EventSource source, PullQueue queue) {
    this.source = source;
    this.queue = queue;
  }

  /**
   * Waits up to the timeout for the next event.
   *
   * @param timeout how long to wait at most; zero takes only an event already received
   * @param unit the timeout's unit
   * @return the next event, or null when the stream is over: completed or closed
   * @throws TimeoutException if no event came in time; the stream stays open, call again
   * @throws InterruptedException if the thread was interrupted; the stream stays open
   * @throws EventStreamException if a failure closed the source, with it as the cause; again on
   *     every later call
   * @throws IllegalArgumentException if the timeout is negative
   */
  public @Nullable MessageEvent next(long timeout, TimeUnit unit)
      throws TimeoutException, InterruptedException {
    Objects.requireNonNull(unit, "unit");
    if (timeout < 0) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    MessageEvent event = take(unit.toNanos(timeout));
    if (event == null && !queue.isOver()) {
      throw new TimeoutException("no event within " + timeout + " " + unit);
    }
    return event;
  }

  /**
   * Asks to be told, without waiting, when {@link #next(long, TimeUnit) next(0, unit)} can make
   * progress: for consumers that must not block a thread per stream (coroutines, Reactive Streams).
   * Progress is an event, the end, a failure, or callbacks of the source that are waiting to run;
   * after those (an {@code open}, a reconnection, a comment), {@code next(0, unit)} may still throw
   * {@link TimeoutException}: then call this again.
   *
   * <p>If progress can be made now, returns true and does not keep the callback. Otherwise keeps
   * it, in place of any kept before, and runs it once when progress can be made or the stream is
   * closed: on a thread of the source's (its transport's, its timer's, or the one that closes it),
   * so it must return quickly and not block, typically by scheduling the consumer's next pull. A
   * callback that throws is reported to that thread's uncaught-exception handler.
   *
   * <p>Threading: call it from the consuming side, not while another thread waits in {@code next}.
   *
   * @param callback run once, later, if this returns false
   * @return true if {@code next(0, unit)} can make progress now
   * @throws NullPointerException if the callback is null
   */
  public boolean whenReady(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    return peeked != null || queue.whenReady(callback);
  }

  /**
   * The source underneath, e.g. for its {@link EventSource#lastEventId()} and {@link
   * EventSource#readyState()}. Closing it ends this stream as {@link #close()} does.
   *
   * @return the source
   */
  public EventSource source() {
    return source;
  }

  /**
   * A blocking iterator over the events that remain: {@code hasNext()} waits for the next event and
   * returns false once the stream is over. Every iterator reads the same stream, so an event goes
   * to one of them only. An interrupt while waiting closes the stream and throws an {@link
   * EventStreamException} with the {@link InterruptedException} as its cause.
   *
   * @return an iterator; {@code remove()} is not supported
   * @throws EventStreamException from {@code hasNext()} and {@code next()}, if a failure closed the
   *     source
   */
  @Override
  public Iterator<MessageEvent> iterator() {
    return new Iterator<MessageEvent>() {
      @Override
      public boolean hasNext() {
        if (peeked == null) {
          peeked = awaitUninterrupted();
        }
        return peeked != null;
      }

      @Override
      public MessageEvent next() {
        MessageEvent event = hasNext() ? peeked : null;
        if (event == null) {
          throw new NoSuchElementException("the event stream is over");
        }
        peeked = null;
        return event;
      }
    };
  }

  /**
   * Closes the source for good and frees its connection at once; a waiting {@code next} returns the
   * end. Events received but not yet taken are dropped. Idempotent, callable from any thread, and
   * does no network I/O on the caller's thread.
   */
  @Override
  public void close() {
    source.close();
  }

  @Override
  public String toString() {
    return "EventStream{" + source + "}";
  }

  private @Nullable MessageEvent awaitUninterrupted() {
    try {
      return take(-1);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new EventStreamException(e);
    }
  }

  private @Nullable MessageEvent take(long nanos) throws InterruptedException {
    MessageEvent event = peeked;
    if (event != null) {
      peeked = null;
      return event;
    }
    try {
      return queue.take(nanos);
    } catch (EventSourceException e) {
      throw new EventStreamException(e);
    }
  }
}
