package dev.eventsource;

/**
 * A listener of an {@link EventSource}. Listeners of one source are called one at a time, in the
 * order of the stream, on the source's executor; never after {@link EventSource#close()}.
 */
@FunctionalInterface
public interface ErrorListener {
  /**
   * Called when the connection drops or fails. {@link EventSource#readyState()} tells what follows:
   * {@link ReadyState#CONNECTING} means a reconnection is scheduled, {@link ReadyState#CLOSED}
   * means the source gave up for good.
   *
   * @param source the source that had the error
   * @param error what happened: the cause, and the HTTP status where there was a response
   */
  void onError(EventSource source, EventSourceException error);
}
