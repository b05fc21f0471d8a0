package dev.eventsource.okhttp;

import java.io.InterruptedIOException;

/**
 * The body chunks asked for by {@code Connection.request()} and not yet delivered, and whether the
 * connection was cancelled. One monitor guards both, so a reader waiting for demand wakes on
 * either.
 */
final class Demand {
  private long pending;
  private boolean cancelled;

  /** Adds one chunk of demand; ignored after a cancel. Never blocks for long. */
  synchronized void add() {
    if (cancelled) {
      return;
    }
    if (pending < Long.MAX_VALUE) {
      pending++;
    }
    notifyAll();
  }

  /**
   * Marks the connection cancelled and wakes the reader.
   *
   * @return true the first time, false if it was already cancelled
   */
  synchronized boolean cancel() {
    if (cancelled) {
      return false;
    }
    cancelled = true;
    notifyAll();
    return true;
  }

  synchronized boolean isCancelled() {
    return cancelled;
  }

  /**
   * Waits without spinning until a chunk is wanted, and takes it.
   *
   * @return true if a chunk was taken, false if the connection was cancelled
   * @throws InterruptedIOException if the waiting thread is interrupted
   */
  synchronized boolean take() throws InterruptedIOException {
    while (pending == 0 && !cancelled) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for Connection.request()");
      }
    }
    if (cancelled) {
      return false;
    }
    pending--;
    return true;
  }
}
