package dev.eventsource;

/** How long to wait before the next reconnection attempt, as {@link RetryPolicy} documents. */
final class ReconnectDelay {
  /**
   * Backoff doubles from at least this, so a reconnection time of 0 (a server's {@code retry: 0})
   * still spaces out attempts against a server that drops every connection at once.
   */
  static final long BACKOFF_FLOOR_MILLIS = 100;

  private ReconnectDelay() {}

  /**
   * The delay before the next attempt.
   *
   * @param reconnectionTimeMillis the reconnection time in force
   * @param failedInARow connections lost in a row without one that stayed healthy, this one
   *     included (1 after a healthy connection)
   * @param random a number in [0, 1) that picks the jitter
   */
  static long millis(
      RetryPolicy policy, long reconnectionTimeMillis, int failedInARow, double random) {
    long base = reconnectionTimeMillis;
    if (!policy.backoff() || failedInARow <= 1) {
      return base; // the first reconnection waits exactly the reconnection time, as a browser does
    }
    long cap = Math.max(base, policy.maxReconnectionTimeMillis());
    long delay = Math.max(base, Math.min(BACKOFF_FLOOR_MILLIS, cap));
    for (int i = 1; i < failedInARow && delay < cap; i++) {
      delay = delay > cap / 2 ? cap : delay * 2;
    }
    return delay - (long) (random * policy.jitter() * (delay - base));
  }
}
