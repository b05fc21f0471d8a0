package dev.eventsource;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Why an {@link EventSource} lost or could not make its connection; the one type every {@link
 * ErrorListener} receives. Each subclass names one cause. Whether a reconnection follows is not
 * part of the exception: {@link EventSource#readyState()} tells, as in the browser.
 */
public abstract class EventSourceException extends IOException {
  private static final long serialVersionUID = 1L;

  EventSourceException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
