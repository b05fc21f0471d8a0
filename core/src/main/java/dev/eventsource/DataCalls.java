package dev.eventsource;

import org.jspecify.annotations.Nullable;

/**
 * Calls a source's {@link EventDataListener} and comment listeners for the data chunks of a source
 * that streams event data, as {@link ListenerCalls} does for whole events. It runs on the source's
 * serial dispatch only, so its state needs no lock. It remembers whether an event's parts are out,
 * and from which connection, so that an event whose connection ended is discarded: it listens for
 * the {@code error} and {@code complete} callbacks that report the end (registered before the
 * user's), and notices a new connection's data after a restart.
 */
final class DataCalls implements ErrorListener, CompleteListener {
  /** Told of each event's ID just before its end is reported. */
  interface EventIds {
    void ending(String lastEventId);
  }

  private final EventSource source;
  private final EventDataListener listener;
  private final Listeners listeners;

  /** The connection whose event has parts out, or null when none has. */
  private @Nullable Object openEvent;

  DataCalls(EventSource source, EventDataListener listener, Listeners listeners) {
    this.source = source;
    this.listener = listener;
    this.listeners = listeners;
  }

  /**
   * Dispatches one chunk's items in stream order.
   *
   * @param connection the connection that read the chunk
   * @return false if the gate stopped the dispatch
   */
  boolean chunk(DataChunk chunk, Object connection, ListenerCalls.Gate gate, EventIds ids) {
    if (openEvent != null && openEvent != connection && !discard(gate)) {
      return false;
    }
    for (DataChunk.Item item : chunk.items()) {
      if (gate.stop()) {
        return false;
      }
      try {
        switch (item.kind) {
          case PART:
            openEvent = connection;
            listener.onDataPart(source, nonNull(item.part));
            break;
          case END:
            openEvent = null;
            ids.ending(nonNull(item.lastEventId));
            listener.onEventEnd(source, nonNull(item.text), nonNull(item.lastEventId));
            break;
          case DISCARD:
            discard(gate);
            break;
          default:
            comment(nonNull(item.text), gate);
        }
      } catch (RuntimeException e) {
        SerialExecutor.reportUncaught(e);
      }
    }
    return true;
  }

  @Override
  public void onError(EventSource source, EventSourceException error) {
    discard(() -> false); // the error task's own gate has just let it through
  }

  @Override
  public void onComplete(EventSource source) {
    discard(() -> false);
  }

  /** Tells the listener to drop the parts it has, if it has any; false if the gate stopped it. */
  private boolean discard(ListenerCalls.Gate gate) {
    if (openEvent == null) {
      return true;
    }
    openEvent = null;
    if (gate.stop()) {
      return false;
    }
    try {
      listener.onEventDiscarded(source);
    } catch (RuntimeException e) {
      SerialExecutor.reportUncaught(e);
    }
    return true;
  }

  private void comment(String comment, ListenerCalls.Gate gate) {
    for (Object target : listeners.comment.snapshot()) {
      if (gate.stop()) {
        return;
      }
      try {
        ((CommentListener) target).onComment(source, comment);
      } catch (RuntimeException e) {
        SerialExecutor.reportUncaught(e);
      }
    }
  }

  private static <T> T nonNull(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("a data chunk item lacks its value");
    }
    return value;
  }
}
