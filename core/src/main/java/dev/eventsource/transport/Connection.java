package dev.eventsource.transport;

/**
 * One request in flight, as returned by {@link Transport#open}. Both methods may be called from any
 * thread, any number of times, and never block.
 */
public interface Connection {
  /**
   * Asks for the next chunk of the body: the transport calls {@link ResponseHandler#onBody} once
   * when bytes are available (or ends the stream). This is the flow control that lets a slow
   * listener hold back a fast server instead of filling memory. Ignored after the end or a cancel.
   */
  void request();

  /**
   * Aborts the request and releases its connection. Does no network I/O on the caller's thread, so
   * it is safe on an Android main thread; idempotent.
   */
  void cancel();
}
