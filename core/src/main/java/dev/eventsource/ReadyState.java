package dev.eventsource;

/**
 * The state of an {@link EventSource}, as the browser's {@code readyState} attribute reports it.
 */
public enum ReadyState {
  /** Connecting for the first time, or waiting to reconnect after the connection dropped. */
  CONNECTING(0),
  /** Connected: events are being received. */
  OPEN(1),
  /** Closed for good, by {@link EventSource#close()} or because the connection failed. */
  CLOSED(2);

  private final int code;

  ReadyState(int code) {
    this.code = code;
  }

  /**
   * The browser's numeric value: 0, 1 or 2.
   *
   * @return the code
   */
  public int code() {
    return code;
  }
}
