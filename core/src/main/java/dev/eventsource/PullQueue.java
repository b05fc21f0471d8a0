package dev.eventsource;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The executor and the listener of a pull stream: the source's callbacks run on the thread that
 * pulls, when it pulls. Dispatch stops after the task that gave it an event, so the events taken
 * from the source are one chunk's at most, and the chunks behind them wait in the source's queue,
 * which holds back the network read as for a slow listener. Waiting uses {@code
 * java.util.concurrent.locks}, never a monitor, so a virtual thread that waits frees its carrier.
 */
final class PullQueue
    implements SerialExecutor.Puller, MessageListener, ErrorListener, CompleteListener {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();

  // Guarded by lock.
  private @Nullable Runnable drain;
  private boolean cleared;
  private @Nullable Runnable readyCallback;

  /** One consumer at a time: calls of {@link #take} from several threads take turns. */
  private final ReentrantLock consumer = new ReentrantLock();

  // Guarded by consumer: written by listeners, which run inside take() on the consumer's thread.
  private final ArrayDeque<MessageEvent> events = new ArrayDeque<>();
  private @Nullable EventSourceException failure;
  private boolean completed;

  /**
   * Waits for the next event, running the source's callbacks meanwhile.
   *
   * @param timeoutNanos how long to wait; negative for no limit
   * @return the event, or null if none came in time or the stream is over ({@link #isOver()})
   * @throws EventSourceException the failure that closed the source, again on every call
   */
  @Nullable MessageEvent take(long timeoutNanos) throws InterruptedException, EventSourceException {
    long deadline = System.nanoTime() + timeoutNanos;
    consumer.lockInterruptibly();
    try {
      while (true) {
        if (isCleared()) {
          events.clear(); // close(): nothing is delivered afterwards, as for listeners
          return null;
        }
        MessageEvent next = events.poll();
        if (next != null) {
          return next;
        }
        if (failure != null) {
          throw failure;
        }
        if (completed) {
          return null;
        }
        Runnable work =
            awaitDrain(timeoutNanos < 0 ? -1 : Math.max(0, deadline - System.nanoTime()));
        if (work == null) {
          return null; // timed out, or cleared
        }
        work.run(); // the source's callbacks, this class's among them
      }
    } finally {
      consumer.unlock();
    }
  }

  /** Whether no event will come any more: closed, or completed with every event taken. */
  boolean isOver() {
    consumer.lock();
    try {
      return isCleared() || (completed && events.isEmpty());
    } finally {
      consumer.unlock();
    }
  }

  /**
   * Whether {@link #take} with no wait could make progress now; if not, keeps the callback (in
   * place of one kept before) to run once, outside every lock, when it could. Call on the
   * consumer's side.
   */
  boolean whenReady(Runnable callback) {
    consumer.lock();
    try {
      if (!events.isEmpty() || failure != null || completed) {
        return true;
      }
    } finally {
      consumer.unlock();
    }
    lock.lock();
    try {
      if (drain != null || cleared) {
        return true;
      }
      readyCallback = callback;
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** The drain handed over by the source, or null on timeout or once cleared. */
  private @Nullable Runnable awaitDrain(long nanos) throws InterruptedException {
    lock.lock();
    try {
      while (drain == null && !cleared) {
        if (nanos < 0) {
          ready.await();
        } else if (nanos == 0) {
          return null;
        } else {
          nanos = Math.max(0, ready.awaitNanos(nanos));
        }
      }
      Runnable work = drain;
      drain = null;
      return work;
    } finally {
      lock.unlock();
    }
  }

  private boolean isCleared() {
    lock.lock();
    try {
      return cleared;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void execute(Runnable command) {
    Runnable callback;
    lock.lock();
    try {
      drain = command;
      ready.signalAll();
      callback = takeReadyCallback();
    } finally {
      lock.unlock();
    }
    runReadyCallback(callback);
  }

  /** Takes the kept {@link #whenReady} callback, if any; call holding the lock. */
  private @Nullable Runnable takeReadyCallback() {
    Runnable callback = readyCallback;
    readyCallback = null;
    return callback;
  }

  private static void runReadyCallback(@Nullable Runnable callback) {
    if (callback != null) {
      try {
        callback.run();
      } catch (RuntimeException | Error e) {
        SerialExecutor.reportUncaught(e); // it runs on the source's thread, which must go on
      }
    }
  }

  @Override
  public boolean yieldNow() {
    return !events.isEmpty() || failure != null || completed;
  }

  @Override
  public void cleared() {
    Runnable callback;
    lock.lock();
    try {
      cleared = true;
      ready.signalAll();
      callback = takeReadyCallback();
    } finally {
      lock.unlock();
    }
    runReadyCallback(callback);
  }

  @Override
  public void onMessage(EventSource source, MessageEvent event) {
    events.add(event);
  }

  @Override
  public void onError(EventSource source, EventSourceException error) {
    if (source.readyState() == ReadyState.CLOSED) {
      failure = error; // CONNECTING: the source reconnects, which a puller does not see
    }
  }

  @Override
  public void onComplete(EventSource source) {
    completed = true;
  }
}
