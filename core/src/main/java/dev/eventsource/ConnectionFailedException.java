package dev.eventsource;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * A network error: the request could not be made (DNS, refused, TLS, a bad redirect), the body
 * failed while it was read, or nothing arrived for longer than the source's read timeout. The
 * {@linkplain #getCause() cause} says which: the transport's exception, or for the read timeout a
 * {@link SocketTimeoutException} whose message gives the timeout.
 */
public final class ConnectionFailedException extends EventSourceException {
  private static final long serialVersionUID = 1L;

  ConnectionFailedException(IOException cause) {
    super("connection failed: " + cause, cause);
  }

  /** Nothing arrived for {@code timeoutMillis}: the connection was presumed dead and dropped. */
  static ConnectionFailedException readTimeout(long timeoutMillis) {
    return new ConnectionFailedException(
        new SocketTimeoutException("no data received for " + timeoutMillis + " ms (read timeout)"));
  }
}
