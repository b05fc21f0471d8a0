package dev.eventsource;

import dev.eventsource.transport.TransportResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server answered, but not with a stream: a status other than 200, or a {@code Content-Type}
 * other than {@code text/event-stream}. Carries the status and headers.
 */
public final class UnexpectedResponseException extends EventSourceException {
  private static final long serialVersionUID = 1L;

  /** Part of the serialized form. */
  private final int status;

  private final transient Map<String, List<String>> headers;

  UnexpectedResponseException(String message, TransportResponse response) {
    super(message, null);
    this.status = response.status();
    this.headers = response.headers();
  }

  /**
   * The HTTP status code of the response.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The response headers, names matched without regard to case.
   *
   * @return an unmodifiable map
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The response's {@code Content-Type}, or null if it had none.
   *
   * @return the content type
   */
  public @Nullable String contentType() {
    List<String> values = headers.get("Content-Type");
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
