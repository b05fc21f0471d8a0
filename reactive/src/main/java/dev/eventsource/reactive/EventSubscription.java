package dev.eventsource.reactive;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.eventsource.EventSource;
import dev.eventsource.EventStream;
import dev.eventsource.EventStreamException;
import dev.eventsource.MessageEvent;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One subscriber's source, pulled without blocking: {@link EventStream#whenReady} schedules a drain
 * on the executor, and the drain takes events only while there is demand. Drains never overlap (the
 * usual work-in-progress counter), which also keeps {@code request} called from {@code onNext} from
 * recursing (rule 3.3).
 */
final class EventSubscription implements Flow.Subscription, Runnable {
  private final Executor executor;
  private final AtomicLong requested = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private final Runnable wake = this::schedule;

  /** Null once terminated or cancelled, so that nothing keeps it (rule 3.13). */
  private volatile Flow.@Nullable Subscriber<? super MessageEvent> subscriber;

  private volatile @Nullable EventStream stream;
  private volatile boolean cancelled;
  private volatile @Nullable IllegalArgumentException badRequest;

  /** An event taken ahead of demand; drain only. */
  private @Nullable MessageEvent held;

  EventSubscription(Flow.Subscriber<? super MessageEvent> subscriber, Executor executor) {
    this.subscriber = subscriber;
    this.executor = executor;
  }

  /** Builds and starts the source, unless the subscriber cancelled in {@code onSubscribe}. */
  void open(EventSource.Builder builder) {
    if (cancelled) {
      return;
    }
    EventStream opened;
    try {
      synchronized (builder) { // a builder is not thread-safe; publishers may share one
        opened = builder.stream();
      }
    } catch (RuntimeException e) {
      finish().onError(e); // rule 1.9: after onSubscribe, a failure is signalled, not thrown
      return;
    }
    stream = opened;
    if (cancelled) {
      opened.close(); // cancel() ran before the stream was there to close
      return;
    }
    schedule();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      badRequest = new IllegalArgumentException("rule 3.9: request(n) needs n > 0, got " + n);
    } else {
      requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n); // rule 3.17: capped
    }
    schedule();
  }

  @Override
  public void cancel() {
    cancelled = true;
    EventStream s = stream;
    if (s != null) {
      s.close();
    }
    schedule(); // the drain drops the subscriber
  }

  private void schedule() {
    if (wip.getAndIncrement() == 0) {
      executor.execute(this);
    }
  }

  @Override
  public void run() {
    int missed = 1;
    do {
      drain();
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void drain() {
    while (true) {
      Flow.Subscriber<? super MessageEvent> sub = subscriber;
      if (sub == null) {
        return;
      }
      if (cancelled) {
        finish();
        return;
      }
      IllegalArgumentException bad = badRequest;
      if (bad != null) {
        cancel();
        finish().onError(bad);
        return;
      }
      EventStream s = stream;
      if (s == null) {
        return; // open() schedules a drain once the stream is there
      }
      if (held == null && !takeAhead(s, sub)) {
        return;
      }
      if (requested.get() == 0) {
        return; // request() schedules a drain
      }
      requested.getAndUpdate(r -> r == Long.MAX_VALUE ? r : r - 1);
      MessageEvent event = held;
      held = null;
      try {
        sub.onNext(event);
      } catch (RuntimeException | Error e) {
        cancel(); // rule 2.13: the subscriber broke the contract; stop the stream
        throw e;
      }
    }
  }

  /**
   * Takes the next event into {@link #held} if it can without waiting; signals the end or the
   * failure if that is what comes.
   *
   * @return true if an event is held; false if the drain must stop here
   */
  private boolean takeAhead(EventStream s, Flow.Subscriber<? super MessageEvent> sub) {
    while (true) {
      if (!s.whenReady(wake)) {
        return false; // wake() schedules a drain
      }
      try {
        held = s.next(0, NANOSECONDS);
        if (held == null) {
          // cancel() sets the flag before it closes the stream, so an end that the cancel caused
          // is seen as cancelled here and not signalled (rule 3.6: after cancel, nothing more).
          Flow.Subscriber<? super MessageEvent> to = finish();
          if (!cancelled) {
            to.onComplete();
          }
          return false;
        }
        return true;
      } catch (TimeoutException e) {
        // The source ran callbacks without an event (an open, a reconnection): ask again.
      } catch (EventStreamException e) {
        Throwable cause = e.getCause();
        Flow.Subscriber<? super MessageEvent> to = finish();
        if (!cancelled) {
          to.onError(cause == null ? e : cause);
        }
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        s.close();
        finish().onError(e);
        return false;
      }
    }
  }

  /** Forgets the subscriber and the event held for it; returns the subscriber, to signal last. */
  private Flow.Subscriber<? super MessageEvent> finish() {
    Flow.Subscriber<? super MessageEvent> sub = subscriber;
    subscriber = null;
    held = null;
    return sub == null ? NO_ONE : sub;
  }

  private static final Flow.Subscriber<Object> NO_ONE =
      new Flow.Subscriber<Object>() {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {}

        @Override
        public void onNext(Object item) {}

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
      };
}
