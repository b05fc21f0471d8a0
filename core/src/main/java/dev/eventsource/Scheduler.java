package dev.eventsource;

/**
 * Time for the state machine: a clock and delayed tasks. Injected so that tests run on a fake clock
 * and never sleep.
 */
interface Scheduler {
  /** A monotonic clock, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Runs {@code task} once after {@code delayMillis}, on a thread of the scheduler's. The task must
   * be quick: it only starts requests or queues callbacks.
   */
  Cancellable schedule(Runnable task, long delayMillis);

  /** A scheduled task that can still be called off. */
  interface Cancellable {
    /** Calls the task off if it has not started; idempotent. */
    void cancel();
  }
}
