package dev.eventsource;

import dev.eventsource.parser.EventSizeLimitException;

/**
 * An event grew past the source's maximum event size; the source is closed, since reconnecting
 * would meet the same event again. The parser's exception is the {@linkplain #getCause() cause}.
 */
public final class EventTooLargeException extends EventSourceException {
  private static final long serialVersionUID = 1L;

  /** Part of the serialized form. */
  private final int maxEventSize;

  EventTooLargeException(EventSizeLimitException cause) {
    super(cause.getMessage() + " (see EventSource.Builder.maxEventSize)", cause);
    this.maxEventSize = cause.maxEventSize();
  }

  /**
   * The limit that was exceeded.
   *
   * @return the maximum event size in bytes
   */
  public int maxEventSize() {
    return maxEventSize;
  }
}
