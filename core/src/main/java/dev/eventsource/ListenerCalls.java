package dev.eventsource;

import java.util.List;

/**
 * Calls the listeners of one source for one dispatch task. Before each single call it asks the
 * {@link Gate} whether to stop, so a {@code close()} made by one listener silences every later one
 * (WHATWG HTML §9.2.6 dispatch step 8: a closed source dispatches nothing), and it reports what a
 * listener throws instead of letting it cost the other listeners their events or the stream its
 * next chunk.
 */
final class ListenerCalls {
  /** Whether dispatching must stop now. */
  interface Gate {
    boolean stop();
  }

  /** Told of each event just before its listeners run. */
  interface EventStart {
    void starting(MessageEvent event);
  }

  private final EventSource source;
  private final Listeners listeners;

  ListenerCalls(EventSource source, Listeners listeners) {
    this.source = source;
    this.listeners = listeners;
  }

  void open(Gate gate) {
    for (Object item : listeners.open.snapshot()) {
      OpenListener l = (OpenListener) item;
      if (gate.stop()) {
        return;
      }
      try {
        l.onOpen(source);
      } catch (RuntimeException e) {
        SerialExecutor.reportUncaught(e);
      }
    }
  }

  /**
   * Dispatches one chunk's events ({@link MessageEvent}) and comments ({@link String}) in stream
   * order: for an event, the any-event listeners first, then those of its type.
   *
   * @return false if the gate stopped the dispatch
   */
  boolean items(List<Object> items, Gate gate, EventStart start) {
    for (Object item : items) {
      boolean done;
      if (item instanceof MessageEvent) {
        MessageEvent event = (MessageEvent) item;
        start.starting(event);
        done =
            event(event, listeners.anyEvent.snapshot(), gate)
                && event(event, listeners.ofType(event.type()), gate);
      } else {
        done = comment((String) item, gate);
      }
      if (!done) {
        return false;
      }
    }
    return true;
  }

  void error(EventSourceException cause, Gate gate) {
    for (Object item : listeners.error.snapshot()) {
      ErrorListener l = (ErrorListener) item;
      if (gate.stop()) {
        return;
      }
      try {
        l.onError(source, cause);
      } catch (RuntimeException e) {
        SerialExecutor.reportUncaught(e);
      }
    }
  }

  /** Calls each of {@code targets}, {@link MessageListener}s, unless the gate stops it. */
  private boolean event(MessageEvent event, Object[] targets, Gate gate) {
    for (Object target : targets) {
      MessageListener l = (MessageListener) target;
      if (gate.stop()) {
        return false;
      }
      try {
        l.onMessage(source, event);
      } catch (RuntimeException e) {
        SerialExecutor.reportUncaught(e);
      }
    }
    return true;
  }

  private boolean comment(String comment, Gate gate) {
    for (Object item : listeners.comment.snapshot()) {
      CommentListener l = (CommentListener) item;
      if (gate.stop()) {
        return false;
      }
      try {
        l.onComment(source, comment);
      } catch (RuntimeException e) {
        SerialExecutor.reportUncaught(e);
      }
    }
    return true;
  }
}
