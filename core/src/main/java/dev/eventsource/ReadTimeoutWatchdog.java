package dev.eventsource;

import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Watches one connection for silence: after the read timeout without a byte while the connection
 * waits for the server, it reports the connection dead (WHATWG HTML §9.2.3 leaves dead connections
 * to the user agent). Time spent while listeners still work through the last chunk does not count:
 * then the server is not the one being slow. A timeout of 0 watches nothing.
 */
final class ReadTimeoutWatchdog {
  private final Scheduler scheduler;
  private final long timeoutMillis;
  private final Runnable onTimeout;

  private volatile long lastActivityNanos;
  private volatile boolean awaitingData = true;

  // Guarded by this.
  private boolean stopped;
  private Scheduler.@Nullable Cancellable check;

  ReadTimeoutWatchdog(Scheduler scheduler, long timeoutMillis, Runnable onTimeout) {
    this.scheduler = scheduler;
    this.timeoutMillis = timeoutMillis;
    this.onTimeout = onTimeout;
  }

  /** Starts watching: the request is about to go out. */
  void start() {
    lastActivityNanos = scheduler.nanoTime();
    schedule(timeoutMillis);
  }

  /** The response head arrived. */
  void headArrived() {
    lastActivityNanos = scheduler.nanoTime();
  }

  /** The connection asked the transport for more: from now on the server owes bytes. */
  void awaitingData() {
    lastActivityNanos = scheduler.nanoTime();
    awaitingData = true;
  }

  /** Bytes arrived; until the next {@link #awaitingData()}, listeners are the ones working. */
  void dataArrived() {
    awaitingData = false;
    lastActivityNanos = scheduler.nanoTime();
  }

  /** Stops watching for good; idempotent. */
  void stop() {
    Scheduler.Cancellable pending;
    synchronized (this) {
      stopped = true;
      pending = check;
      check = null;
    }
    if (pending != null) {
      pending.cancel();
    }
  }

  private void schedule(long delayMillis) {
    if (timeoutMillis <= 0) {
      return;
    }
    Scheduler.Cancellable next =
        scheduler.schedule(
            new Runnable() {
              @Override
              public void run() {
                fire();
              }
            },
            delayMillis);
    synchronized (this) {
      if (!stopped) {
        check = next;
        return;
      }
    }
    next.cancel();
  }

  /** Fires when the timeout may have passed; reschedules itself for the time still left. */
  private void fire() {
    long idleMillis = TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime() - lastActivityNanos);
    if (!awaitingData) {
      schedule(timeoutMillis);
    } else if (idleMillis >= timeoutMillis) {
      onTimeout.run();
    } else {
      schedule(timeoutMillis - idleMillis);
    }
  }
}
