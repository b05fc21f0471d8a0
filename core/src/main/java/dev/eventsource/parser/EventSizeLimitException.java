package dev.eventsource.parser;

import java.io.IOException;

/**
 * Thrown by {@link EventStreamParser#feed(byte[], int, int)} when one event (the data accumulated
 * so far, its type, plus the line still open) grows past the parser's maximum event size.
 *
 * <p>The limit protects memory against a broken or hostile server; the standard itself sets none.
 * After this exception the parser refuses more input until {@link EventStreamParser#reset(String)}
 * starts a new stream.
 */
public final class EventSizeLimitException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Part of the serialized form. */
  private final int maxEventSize;

  /**
   * Creates the exception for the given limit.
   *
   * @param maxEventSize the limit, in bytes, that the event went over
   */
  public EventSizeLimitException(int maxEventSize) {
    super(
        "event exceeds the maximum event size of "
            + maxEventSize
            + " bytes (its data and type plus the unfinished line); raise the limit with the maxEventSize"
            + " option if the server really sends events this large");
    this.maxEventSize = maxEventSize;
  }

  /**
   * Returns the limit that was exceeded.
   *
   * @return the maximum event size in bytes
   */
  public int maxEventSize() {
    return maxEventSize;
  }
}
