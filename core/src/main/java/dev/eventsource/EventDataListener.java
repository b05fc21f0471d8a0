package dev.eventsource;

/**
 * Takes each event's data in parts as it arrives, for events too large to hold in memory; set with
 * {@link EventSource.Builder#streamEventData}. Called one method at a time, in the order of the
 * stream and interleaved with the comment listeners, on the source's executor; never after {@link
 * EventSource#close()}. A listener that does not keep up holds back the network read: no more than
 * a bounded amount of the stream waits for it, however large the event.
 *
 * <p>For each event, {@link #onDataPart} gets its data in order, then {@link #onEventEnd} its type
 * and ID; or, if the event is never dispatched (the connection dropped before its blank line,
 * WHATWG HTML §9.2.6), {@link #onEventDiscarded} says to drop the parts received since the last
 * end. An exception thrown here is reported to the thread's uncaught exception handler and does not
 * stop the stream.
 */
public interface EventDataListener {
  /**
   * Called with the next bytes of the current event's data: the parts of an event put together are
   * its data lines joined with LF, exactly as the server sent them in UTF-8 (not decoded, so a part
   * may end inside a character). Parts are never empty.
   *
   * @param source the source that received the data
   * @param part the bytes, a copy that the listener owns and may keep
   */
  void onDataPart(EventSource source, byte[] part);

  /**
   * Called when the event whose parts came before is dispatched, even one with empty data (a {@code
   * data} line with no value), which had no parts. {@link EventSource#lastEventId()} is already
   * {@code lastEventId} during the call.
   *
   * @param source the source that received the event
   * @param type the event type; {@code "message"} when the event named none
   * @param lastEventId the event's last event ID; empty when there is none
   */
  void onEventEnd(EventSource source, String type, String lastEventId);

  /**
   * Called when the parts received since the last {@link #onEventEnd} belong to an event that will
   * never be dispatched, because its connection ended first: before the {@code error} (or {@code
   * complete}) listeners that report the end, or, after {@link EventSource#restart()}, before the
   * next connection's first data. Called only when there were such parts. Does nothing unless
   * overridden.
   *
   * @param source the source whose connection ended
   */
  default void onEventDiscarded(EventSource source) {}
}
