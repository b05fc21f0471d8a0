package dev.eventsource;

/**
 * A listener of an {@link EventSource}. Listeners of one source are called one at a time, in the
 * order of the stream, on the source's executor; never after {@link EventSource#close()}.
 */
@FunctionalInterface
public interface OpenListener {
  /**
   * Called when the connection is established (status 200, {@code text/event-stream}); {@link
   * EventSource#readyState()} is then {@link ReadyState#OPEN}.
   *
   * @param source the source that opened
   */
  void onOpen(EventSource source);
}
