package dev.eventsource.reactive;

import dev.eventsource.EventSource;
import dev.eventsource.MessageEvent;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;

/**
 * The events of a source as a Reactive Streams {@link Flow.Publisher}, verified with the Reactive
 * Streams TCK. Cold: each subscription builds its own source from the builder, which connects when
 * subscribed; every subscriber therefore sees a stream of its own, from its own connection.
 *
 * <pre>{@code
 * Flow.Publisher<MessageEvent> events =
 *     EventPublisher.create(EventSource.builder(url, OkHttpTransport.create()));
 * }</pre>
 *
 * <p>Demand drives the network read: events are taken from the source only as {@code request(n)}
 * asks (one event may be taken ahead, to notice the end early); until then the stream waits in the
 * source's bounded read-ahead, so a slow subscriber holds back the connection, never memory. No
 * thread waits for an idle stream, and {@code request(n)} never blocks: signals are delivered by
 * tasks on the executor, one at a time per subscription.
 *
 * <p>Reconnections happen underneath, unseen. {@code onComplete} comes when the source closes for
 * good without failing (a {@linkplain EventSource.Builder#oneShot(boolean) one-shot} stream ended);
 * {@code onError} when a failure closes it, with that {@link dev.eventsource.EventSourceException}.
 * {@code cancel()} closes the source and frees its connection at once. The builder's listeners are
 * called too, on the executor, while events are taken.
 *
 * <p>Threading: {@link #subscribe} may be called from any thread; the builder must not be changed
 * afterwards.
 *
 * <p>A publisher carries whole events: a builder set to {@linkplain
 * EventSource.Builder#streamEventData stream event data in parts} makes every subscription fail at
 * once, with {@code onError} and the {@link IllegalStateException} of {@link
 * EventSource.Builder#stream()}.
 */
public final class EventPublisher implements Flow.Publisher<MessageEvent> {
  private final EventSource.Builder builder;
  private final Executor executor;

  private EventPublisher(EventSource.Builder builder, Executor executor) {
    this.builder = builder;
    this.executor = executor;
  }

  /**
   * A publisher whose signals are delivered on {@link ForkJoinPool#commonPool()}, as {@link
   * java.util.concurrent.SubmissionPublisher}'s are by default.
   *
   * @param builder the configured source; each subscription builds one from it
   * @return the publisher
   * @throws NullPointerException if the builder is null
   */
  public static EventPublisher create(EventSource.Builder builder) {
    return create(builder, ForkJoinPool.commonPool());
  }

  /**
   * A publisher whose signals are delivered on the given executor.
   *
   * @param builder the configured source; each subscription builds one from it
   * @param executor runs the tasks that take events and signal the subscriber, one at a time per
   *     subscription; a direct executor ({@code Runnable::run}) delivers on the threads that
   *     request and on the source's own threads, and is only for subscribers that never block
   * @return the publisher
   * @throws NullPointerException if an argument is null
   */
  public static EventPublisher create(EventSource.Builder builder, Executor executor) {
    return new EventPublisher(
        Objects.requireNonNull(builder, "builder"), Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Signals {@code onSubscribe}, then builds and starts a source for this subscriber alone.
   *
   * @param subscriber the subscriber
   * @throws NullPointerException if the subscriber is null (Reactive Streams rule 1.9)
   */
  @Override
  public void subscribe(Flow.Subscriber<? super MessageEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    EventSubscription subscription = new EventSubscription(subscriber, executor);
    subscriber.onSubscribe(subscription);
    subscription.open(builder);
  }

  @Override
  public String toString() {
    return "EventPublisher{" + builder + "}";
  }
}
