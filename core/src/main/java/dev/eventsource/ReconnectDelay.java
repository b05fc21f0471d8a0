package dev.eventsource;

/** How long to wait before the next reconnection attempt, as {@link RetryPolicy} documents. */
final class ReconnectDelay {
  /**
   * Backoff doubles from at least this, so a reconnection time of 0 (a server's {@code retry: 0})
   * still spaces out attempts against a server that drops every connection at once.
   */
  static final long BACKOFF_FLOOR_MILLIS = 100;

  /**
   * The least time from the start of one attempt to the start of the next (except {@code
   * restart()}): a server that sends {@code retry: 0}, one event and closes cannot make a source
   * send more than a hundred requests a second. A connection that lived this long reconnects after
   * exactly the reconnection time.
   */
  static final long MIN_INTERVAL_MILLIS = 10;

  private ReconnectDelay() {}

  /**
   * The delay before the next attempt.
   *
   * @param reconnectionTimeMillis the reconnection time in force
   * @param failedInARow attempts lost in a row since the last one that made progress, this one
   *     included (1 after an attempt that made progress: WHATWG HTML §9.2.3 allows extra delay only
   *     "if the previous attempt failed")
   * @param random a number in [0, 1) that picks the jitter
   */
  static long millis(
      RetryPolicy policy, long reconnectionTimeMillis, int failedInARow, double random) {
    long base = reconnectionTimeMillis;
    if (!policy.backoff() || failedInARow <= 1) {
      return base; // after progress, exactly the reconnection time, as a browser waits
    }
    long cap = Math.max(base, policy.maxReconnectionTimeMillis());
    long delay = Math.max(base, Math.min(BACKOFF_FLOOR_MILLIS, cap));
    for (int i = 1; i < failedInARow && delay < cap; i++) {
      delay = delay > cap / 2 ? cap : delay * 2;
    }
    return delay - (long) (random * policy.jitter() * (delay - base));
  }

  /**
   * Stretches a delay so that the next attempt starts at least {@link #MIN_INTERVAL_MILLIS} after
   * the last one started.
   *
   * @param delayMillis the delay from now
   * @param sinceLastStartMillis how long ago the last attempt started
   */
  static long spaced(long delayMillis, long sinceLastStartMillis) {
    return Math.max(delayMillis, MIN_INTERVAL_MILLIS - sinceLastStartMillis);
  }
}
