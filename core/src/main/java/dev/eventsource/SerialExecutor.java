package dev.eventsource;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one source's callbacks one at a time and in order on the user's executor (or the shared
 * pool), holding a thread only while there is work. Enqueueing and starting are separate steps so
 * that the state machine can enqueue under its lock and start the drain outside it: with a direct
 * executor, listeners would otherwise run while that lock is held.
 */
final class SerialExecutor implements Runnable {
  private final Executor delegate;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean draining;

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  /** Queues a task; call {@link #start()} afterwards, outside any lock. */
  synchronized void enqueue(Runnable task) {
    tasks.add(task);
  }

  /** Drops every queued task, after {@code close()}. */
  synchronized void clear() {
    tasks.clear();
  }

  /**
   * Makes sure queued tasks will run.
   *
   * @throws RejectedExecutionException if the executor refuses (it was shut down)
   */
  void start() {
    synchronized (this) {
      if (draining || tasks.isEmpty()) {
        return;
      }
      draining = true;
    }
    try {
      delegate.execute(this);
    } catch (RuntimeException e) {
      synchronized (this) {
        draining = false;
        tasks.clear();
      }
      throw e;
    }
  }

  @Override
  public void run() {
    // Runs until the queue is empty. No yielding half-way: with a direct executor a resubmission
    // would recurse, and a transport that delivers the next chunk inside request() keeps the
    // queue filling from this very loop.
    while (true) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          draining = false;
          return;
        }
      }
      runSafely(task);
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      reportUncaught(e);
    }
  }

  /** Reports what a listener threw as the platform would, without stopping the caller. */
  static void reportUncaught(Throwable e) {
    Thread t = Thread.currentThread();
    t.getUncaughtExceptionHandler().uncaughtException(t, e);
  }
}
