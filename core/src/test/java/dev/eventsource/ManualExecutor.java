package dev.eventsource;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A dispatch executor that runs nothing until the test says so: it plays a busy UI thread or a slow
 * listener, so tests can look at the source while callbacks are still queued. It can also refuse
 * work, as a shut-down executor does.
 */
final class ManualExecutor implements Executor {
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean rejecting;

  @Override
  public synchronized void execute(Runnable command) {
    if (rejecting) {
      throw new RejectedExecutionException("executor shut down");
    }
    queue.add(command);
  }

  /** Runs queued work, and work queued meanwhile, until none is left. */
  void runAll() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queue.poll();
      }
      if (next == null) {
        return;
      }
      next.run();
    }
  }

  /** Submissions not run yet. */
  synchronized int queued() {
    return queue.size();
  }

  /** From now on, refuses every submission with {@link RejectedExecutionException}. */
  synchronized void shutDown() {
    rejecting = true;
  }
}
