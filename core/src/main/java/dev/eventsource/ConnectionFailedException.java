package dev.eventsource;

import java.io.IOException;

/**
 * A network error: the request could not be made (DNS, refused, TLS, a bad redirect) or the body
 * failed while it was read. The transport's exception is the {@linkplain #getCause() cause}.
 */
public final class ConnectionFailedException extends EventSourceException {
  private static final long serialVersionUID = 1L;

  ConnectionFailedException(IOException cause) {
    super("connection failed: " + cause, cause);
  }
}
