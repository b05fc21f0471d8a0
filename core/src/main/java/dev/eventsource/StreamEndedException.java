package dev.eventsource;

/** The server ended the response body; an event it had not finished is dropped. */
public final class StreamEndedException extends EventSourceException {
  private static final long serialVersionUID = 1L;

  StreamEndedException() {
    super("connection closed by server", null);
  }
}
