package dev.eventsource;

/**
 * A listener of an {@link EventSource}. Listeners of one source are called one at a time, in the
 * order of the stream, on the source's executor; never after {@link EventSource#close()}.
 */
@FunctionalInterface
public interface MessageListener {
  /**
   * Called for each event of the type it was registered for (or of every type, for {@link
   * EventSource.Builder#onAnyEvent}).
   *
   * @param source the source that received the event
   * @param event the event
   */
  void onMessage(EventSource source, MessageEvent event);
}
