package dev.eventsource;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Waiting for another thread to reach a state, without sleeping. */
final class Threads {
  private Threads() {}

  /**
   * Returns once the thread given by {@code thread} (null until it has started) is parked, waiting
   * without a time limit or with one; fails after 10 s.
   */
  static Thread awaitWaiting(Supplier<@Nullable Thread> thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Thread t = thread.get();
      if (t != null
          && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
        return t;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the thread never waited: " + thread.get());
  }
}
