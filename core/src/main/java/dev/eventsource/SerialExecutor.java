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
   * How long a thread of the shared pool stays with a busy source whose queue ran empty, in case
   * more comes at once: on a fast stream the next chunk's events arrive within microseconds, and
   * handing them to a thread that had gone to sleep cost the network thread a fifth of its time.
   */
  static final long LINGER_NANOS = 50_000;

  /**
   * A source is busy when its tasks came back less than this long after its last drain ended. A
   * source with an event now and then is not: lingering would only cost it CPU and latency.
   */
  static final long BUSY_GAP_NANOS = 100_000;

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

  /** How long to linger: {@link #LINGER_NANOS} on the shared pool, 0 on a user's executor. */
  private final long lingerNanos;

  private final long busyGapNanos;

  /** The oldest queued task, or null if none: most sources never have a second one waiting. */
  private Runnable first;

  /** The tasks queued behind {@link #first}; made when a second one waits, on busy sources only. */
  private ArrayDeque<Runnable> rest;

  private boolean draining;

  /** The thread on which {@link #start()} drains in place; see {@link #runInPlaceOn}. */
  private volatile @Nullable Thread inPlaceThread;

  /** Tasks queued so far; read without the lock while lingering. */
  private volatile int queued;

  /** When the last drain ended; written and read by draining threads, one at a time. */
  private long lastDrainEndNanos;

  SerialExecutor(Executor delegate) {
    // Never on a thread of the user's: an Android main thread must not spin.
    this(delegate, delegate == SharedThreads.dispatchExecutor() ? LINGER_NANOS : 0, BUSY_GAP_NANOS);
  }

  /** For tests: lingering as given. */
  SerialExecutor(Executor delegate, long lingerNanos, long busyGapNanos) {
    this.delegate = delegate;
    this.puller = delegate instanceof Puller ? (Puller) delegate : null;
    this.lingerNanos = lingerNanos;
    this.busyGapNanos = busyGapNanos;
    this.lastDrainEndNanos = System.nanoTime() - busyGapNanos - 1; // the first drain is not busy
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
    queued++; // only ever written under the lock
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
      drain(false); // on the connection's own thread: nothing else waits for it, so no lingering
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
    drain(lingerNanos > 0);
  }

  /** Runs tasks until the queue is empty; on a busy source, lingers first if {@code mayLinger}. */
  private void drain(boolean mayLinger) {
    // Runs until the queue is empty. No yielding half-way: with a direct executor a resubmission
    // would recurse, and a transport that delivers the next chunk inside request() keeps the
    // queue filling from this very loop.
    boolean busy = mayLinger && System.nanoTime() - lastDrainEndNanos < busyGapNanos;
    long lingerStart = 0;
    boolean lingering = false;
    while (true) {
      Runnable task;
      synchronized (this) {
        task = poll();
        if (task == null
            && (!busy || (lingering && System.nanoTime() - lingerStart >= lingerNanos))) {
          lastDrainEndNanos = System.nanoTime();
          draining = false;
          return;
        }
      }
      if (task != null) {
        runSafely(task);
        lingering = false;
        if (puller != null && puller.yieldNow()) {
          synchronized (this) {
            draining = false;
          }
          start(); // a puller's execute() only queues the drain: no recursion
          return;
        }
      } else {
        // Still draining, so a task queued now needs no wake-up: this thread takes it. A spin,
        // not Thread.yield(): a thread that yields may wait a whole time slice to run again, and
        // the tasks queued meanwhile with it.
        if (!lingering) {
          lingering = true;
          lingerStart = System.nanoTime();
        }
        int seen = queued;
        while (queued == seen && System.nanoTime() - lingerStart < lingerNanos) {
          // spin
        }
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
