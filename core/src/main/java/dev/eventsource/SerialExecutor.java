package dev.eventsource;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Runs one source's callbacks one at a time and in order on the user's executor (or the shared
 * pool), holding a thread only while there is work. Enqueueing and starting are separate steps so
 * that the state machine can enqueue under its lock and start the drain outside it: with a direct
 * executor, listeners would otherwise run while that lock is held.
 */
final class SerialExecutor implements Runnable {
  /**
   * A delegate whose thread is a consumer that pulls (the pull stream): it runs the drain when it
   * wants events, may stop it between tasks, and hears when the queue is dropped for good.
   */
  interface Puller extends Executor {
    /**
     * Asked on the draining thread after each task: true stops the drain there and hands it back
     * through {@link #execute} if tasks remain, so the consumer takes no more than it asked for.
     */
    boolean yieldNow();

    /** The queue was dropped by {@code close()}: nothing more will be submitted. */
    void cleared();
  }

  private final Executor delegate;

  private final @Nullable Puller puller;

  /** The oldest queued task, or null if none: most sources never have a second one waiting. */
  private Runnable first;

  /** The tasks queued behind {@link #first}; made when a second one waits, on busy sources only. */
  private ArrayDeque<Runnable> rest;

  private boolean draining;

  /** The thread on which {@link #start()} drains in place; see {@link #runInPlaceOn}. */
  private volatile @Nullable Thread inPlaceThread;

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
    this.puller = delegate instanceof Puller ? (Puller) delegate : null;
  }

  /**
   * Lets {@link #start()} run the drain itself, instead of handing it to the delegate, when called
   * on this thread: the thread a transport gives the current connection alone, where listeners then
   * run as the transport delivers, with no thread hand-off. Null: always the delegate.
   */
  void runInPlaceOn(@Nullable Thread thread) {
    inPlaceThread = thread;
  }

  /** Queues a task; call {@link #start()} afterwards, outside any lock. */
  synchronized void enqueue(Runnable task) {
    if (first == null) {
      first = task; // nothing is queued behind an empty first slot
    } else {
      if (rest == null) {
        rest = new ArrayDeque<>(4);
      }
      rest.add(task);
    }
  }

  /** Drops every queued task, after {@code close()}. */
  void clear() {
    synchronized (this) {
      first = null;
      rest = null;
    }
    if (puller != null) {
      puller.cleared();
    }
  }

  /** Takes the oldest queued task, or null if none; call holding the lock. */
  private Runnable poll() {
    Runnable task = first;
    if (task != null) {
      first = rest == null ? null : rest.poll();
    }
    return task;
  }

  /**
   * Makes sure queued tasks will run.
   *
   * @throws RejectedExecutionException if the executor refuses (it was shut down)
   */
  void start() {
    synchronized (this) {
      if (draining || first == null) {
        return;
      }
      draining = true;
    }
    if (inPlaceThread == Thread.currentThread()) {
      run(); // on the connection's own thread, as the transport delivers
      return;
    }
    try {
      delegate.execute(this);
    } catch (RuntimeException e) {
      synchronized (this) {
        draining = false;
        clear();
      }
      throw e;
    }
  }

  @Override
  public void run() {
    // Runs until the queue is empty. No yielding half-way: with a direct executor a resubmission
    // would recurse, and a transport that delivers the next chunk inside request() keeps the
    // queue filling from this very loop. No lingering once it is empty either: a thread that
    // spins for the next task costs a core that the thread delivering the stream may need.
    while (true) {
      Runnable task;
      synchronized (this) {
        task = poll();
        if (task == null) {
          draining = false;
          return;
        }
      }
      runSafely(task);
      if (puller != null && puller.yieldNow()) {
        synchronized (this) {
          draining = false;
        }
        start(); // a puller's execute() only queues the drain: no recursion
        return;
      }
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
