package dev.eventsource;

import dev.eventsource.transport.TransportRequest;

/**
 * Changes the request before each connection attempt, the first included: for example a fresh
 * authorization token, or another URL. Called on the thread that starts the attempt (a timer thread
 * for reconnections); it must not block for long.
 */
@FunctionalInterface
public interface RequestCustomizer {
  /**
   * Returns the request to send for this attempt.
   *
   * @param request the request the source would send, {@code Last-Event-ID} included
   * @param attempt 1 for the first connection, then counting up with each reconnection
   * @return the request to send; {@code request.toBuilder()...build()} to change it
   */
  TransportRequest customize(TransportRequest request, int attempt);
}
