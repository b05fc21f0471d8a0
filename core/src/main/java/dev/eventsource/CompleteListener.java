package dev.eventsource;

/**
 * A listener of an {@link EventSource} built with {@link EventSource.Builder#oneShot(boolean)}:
 * told that the stream ended the way it should. Listeners of one source are called one at a time,
 * in the order of the stream, on the source's executor; never after {@link EventSource#close()}.
 */
@FunctionalInterface
public interface CompleteListener {
  /**
   * Called once, after the last event, when the server ended the response of a one-shot source:
   * {@link EventSource#readyState()} is then {@link ReadyState#CLOSED} and no request follows. A
   * one-shot source that fails gets an {@code error} instead, never both.
   *
   * @param source the source that completed
   */
  void onComplete(EventSource source);
}
