package dev.eventsource.transport;

import java.io.IOException;

/**
 * A transport reports this through {@link ResponseHandler#onFailure} when its HTTP client refuses
 * to send the request at all (a header it reserves, such as {@code Host}, or a method and body it
 * does not allow), as opposed to a network error. Sending it again could never succeed, so the
 * source fails for good instead of reconnecting (WHATWG HTML §9.2.3 lets a user agent fail the
 * connection when it knows reconnecting is futile).
 */
public class RequestRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception without a cause, for when the client's own exception would reveal a
   * secret header value.
   *
   * @param message what the client refused; never a header value, which may be secret
   */
  public RequestRefusedException(String message) {
    super(message);
  }

  /**
   * Creates the exception.
   *
   * @param message what the client refused; never a header value, which may be secret
   * @param cause the client's own exception
   */
  public RequestRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
