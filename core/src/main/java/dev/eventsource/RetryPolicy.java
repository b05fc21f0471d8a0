package dev.eventsource;

import java.util.concurrent.TimeUnit;

/**
 * When and how often an {@link EventSource} reconnects. Immutable; build one with {@link
 * #builder()}, or use {@link #defaults()}.
 *
 * <p>The delay before a reconnection starts from the reconnection time: {@link
 * Builder#reconnectionTime} until the server sends {@code retry:}, whose value then wins. Backoff
 * follows WHATWG HTML §9.2.3, which allows a longer wait only "if the previous attempt failed":
 *
 * <ul>
 *   <li>An attempt that made progress, one that dispatched at least one event (or stayed open for
 *       {@link Builder#healthyAfter}), resets the backoff: the next reconnection waits exactly the
 *       reconnection time, as a browser does. So a server or proxy that ends its responses
 *       routinely (a response-time cap, a session limit) is followed at its own pace.
 *   <li>A failed attempt, one that could not connect, got a status that is retried ({@link
 *       Builder#retryHttpErrors}), or whose stream ended before its first event, counts. With
 *       backoff on (the default), each failed attempt after the first in a row doubles the delay
 *       (starting from at least 100 ms, even when the reconnection time is 0), up to {@link
 *       Builder#maxReconnectionTime}; then a random part of up to {@link Builder#jitter} of what
 *       backoff added is taken off again. A server that accepts and drops at once, or sends only
 *       comments, cannot cause a storm of requests.
 *   <li>Whatever the delay, two attempts of one source start at least 10 ms apart ({@code
 *       EventSource.restart()} excepted), so a server that sends {@code retry: 0}, an event and
 *       closes gets at most a hundred requests a second.
 * </ul>
 *
 * <p>By default, as in the browser, an HTTP error status or a wrong {@code Content-Type} closes the
 * source for good. {@link Builder#retryHttpErrors(boolean)} opts in to reconnecting, with backoff,
 * after 5xx, 408 and 429, waiting at least as long as a {@code Retry-After} header asks.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();

  private final long reconnectionTimeMillis;
  private final boolean backoff;
  private final long maxReconnectionTimeMillis;
  private final double jitter;
  private final long healthyAfterMillis;
  private final int maxAttempts;
  private final boolean retryHttpErrors;

  private RetryPolicy(Builder b) {
    this.reconnectionTimeMillis = b.reconnectionTimeMillis;
    this.backoff = b.backoff;
    this.maxReconnectionTimeMillis = b.maxReconnectionTimeMillis;
    this.jitter = b.jitter;
    this.healthyAfterMillis = b.healthyAfterMillis;
    this.maxAttempts = b.maxAttempts;
    this.retryHttpErrors = b.retryHttpErrors;
  }

  /**
   * The default policy: reconnection time 3 s, backoff on up to 30 s with jitter 0.5, healthy after
   * 60 s, unlimited attempts, HTTP errors final.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Starts from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The initial reconnection time.
   *
   * @return milliseconds
   */
  public long reconnectionTimeMillis() {
    return reconnectionTimeMillis;
  }

  /**
   * Whether consecutive failed attempts back off.
   *
   * @return true if they do
   */
  public boolean backoff() {
    return backoff;
  }

  /**
   * The cap on a backed-off delay.
   *
   * @return milliseconds
   */
  public long maxReconnectionTimeMillis() {
    return maxReconnectionTimeMillis;
  }

  /**
   * The largest fraction of what backoff added to a delay that is removed at random.
   *
   * @return 0 to 1
   */
  public double jitter() {
    return jitter;
  }

  /**
   * How long a connection must stay open to reset the backoff without dispatching an event.
   *
   * @return milliseconds
   */
  public long healthyAfterMillis() {
    return healthyAfterMillis;
  }

  /**
   * How many reconnection attempts in a row may fail before the source gives up (CLOSED); {@link
   * Integer#MAX_VALUE} for no limit.
   *
   * @return the limit
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Whether 5xx, 408 and 429 lead to a reconnection instead of CLOSED.
   *
   * @return true if so
   */
  public boolean retryHttpErrors() {
    return retryHttpErrors;
  }

  /** Builds a {@link RetryPolicy}; not thread-safe. */
  public static final class Builder {
    private long reconnectionTimeMillis = 3000;
    private boolean backoff = true;
    private long maxReconnectionTimeMillis = 30_000;
    private double jitter = 0.5;
    private long healthyAfterMillis = 60_000;
    private int maxAttempts = Integer.MAX_VALUE;
    private boolean retryHttpErrors;

    private Builder() {}

    /**
     * Sets the initial reconnection time (default 3 s); zero reconnects at once. A server's {@code
     * retry:} replaces it.
     *
     * @param time the time, zero or more
     * @param unit its unit
     * @return this builder
     * @throws IllegalArgumentException if {@code time} is negative
     */
    public Builder reconnectionTime(long time, TimeUnit unit) {
      this.reconnectionTimeMillis = millis(time, unit, "reconnectionTime");
      return this;
    }

    /**
     * Turns backoff on or off (default on). Off, every reconnection waits exactly the reconnection
     * time, as the browser does.
     *
     * @param backoff true to back off
     * @return this builder
     */
    public Builder backoff(boolean backoff) {
      this.backoff = backoff;
      return this;
    }

    /**
     * Sets the cap on a backed-off delay (default 30 s). A larger reconnection time still wins.
     *
     * @param time the cap, zero or more
     * @param unit its unit
     * @return this builder
     * @throws IllegalArgumentException if {@code time} is negative
     */
    public Builder maxReconnectionTime(long time, TimeUnit unit) {
      this.maxReconnectionTimeMillis = millis(time, unit, "maxReconnectionTime");
      return this;
    }

    /**
     * Sets the largest fraction of what backoff added to a delay that is removed at random (default
     * 0.5), so many clients dropped at once do not return at once. The first reconnection is never
     * jittered.
     *
     * @param jitter from 0 (none) to 1
     * @return this builder
     * @throws IllegalArgumentException if {@code jitter} is outside 0 to 1
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets how long a connection must stay open to reset the backoff even if it dispatched no event
     * (default 60 s); a connection that dispatched an event resets it at once.
     *
     * @param time the time, zero or more
     * @param unit its unit
     * @return this builder
     * @throws IllegalArgumentException if {@code time} is negative
     */
    public Builder healthyAfter(long time, TimeUnit unit) {
      this.healthyAfterMillis = millis(time, unit, "healthyAfter");
      return this;
    }

    /**
     * Sets how many reconnection attempts in a row may fail (see the class comment: an attempt that
     * dispatched an event does not fail) before the source closes for good, with an {@code error}
     * whose cause is the last failure (default: no limit).
     *
     * @param maxAttempts one or more
     * @return this builder
     * @throws IllegalArgumentException if {@code maxAttempts} is less than one
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Opts in to reconnecting after 5xx, 408 and 429 responses (default off: they close the source,
     * as in the browser). {@code Retry-After} sets the least delay.
     *
     * @param retryHttpErrors true to reconnect after them
     * @return this builder
     */
    public Builder retryHttpErrors(boolean retryHttpErrors) {
      this.retryHttpErrors = retryHttpErrors;
      return this;
    }

    /**
     * Freezes the values.
     *
     * @return the policy
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    static long millis(long time, TimeUnit unit, String what) {
      if (time < 0) {
        throw new IllegalArgumentException(what + " must not be negative: " + time);
      }
      return unit.toMillis(time);
    }
  }
}
