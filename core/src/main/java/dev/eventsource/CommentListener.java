package dev.eventsource;

/**
 * A listener of an {@link EventSource}. Listeners of one source are called one at a time, in the
 * order of the stream, on the source's executor; never after {@link EventSource#close()}.
 */
@FunctionalInterface
public interface CommentListener {
  /**
   * Called for each comment line (a line starting with a colon), such as a server's heartbeat.
   *
   * @param source the source that received the comment
   * @param comment the text after the colon, exactly as sent
   */
  void onComment(EventSource source, String comment);
}
