package dev.eventsource;

/**
 * Nothing arrived, not even a comment, for longer than the source's read timeout, so the connection
 * was presumed dead and dropped.
 */
public final class ReadTimeoutException extends EventSourceException {
  private static final long serialVersionUID = 1L;

  /** Part of the serialized form. */
  private final long timeoutMillis;

  ReadTimeoutException(long timeoutMillis) {
    super("no data received for " + timeoutMillis + " ms (read timeout)", null);
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * The read timeout that expired.
   *
   * @return the timeout in milliseconds
   */
  public long timeoutMillis() {
    return timeoutMillis;
  }
}
