package dev.eventsource;

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
    each(listeners.open.snapshot(), gate, l -> ((OpenListener) l).onOpen(source));
  }

  /**
   * Dispatches one chunk's events and comments in stream order: for an event, the any-event
   * listeners first, then those of its type.
   *
   * @return false if the gate stopped the dispatch
   */
  boolean items(ChunkEvents items, Gate gate, EventStart start) {
    int comment = 0;
    int comments = items.commentCount();
    for (int i = 0; ; i++) {
      for (; comment < comments && items.eventsBeforeComment(comment) == i; comment++) {
        if (!comment(items.comment(comment), gate)) {
          return false;
        }
      }
      if (i == items.eventCount()) {
        return true;
      }
      MessageEvent event = items.event(i);
      start.starting(event);
      if (!event(event, listeners.anyEvent.snapshot(), gate)
          || !event(event, listeners.ofType(event.type()), gate)) {
        return false;
      }
    }
  }

  void error(EventSourceException cause, Gate gate) {
    each(listeners.error.snapshot(), gate, l -> ((ErrorListener) l).onError(source, cause));
  }

  void complete(Gate gate) {
    each(listeners.complete.snapshot(), gate, l -> ((CompleteListener) l).onComplete(source));
  }

  /**
   * Calls each of {@code targets}, {@link MessageListener}s, unless the gate stops it. A loop of
   * its own, not {@link #each}: a lambda per event would allocate on the hot path.
   */
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
    return each(
        listeners.comment.snapshot(), gate, l -> ((CommentListener) l).onComment(source, comment));
  }

  /** One listener's call. */
  private interface Call {
    void on(Object listener);
  }

  /**
   * Makes the call on each listener, asking the gate before each; reports what a listener throws.
   *
   * @return false if the gate stopped it
   */
  private static boolean each(Object[] targets, Gate gate, Call call) {
    for (Object target : targets) {
      if (gate.stop()) {
        return false;
      }
      try {
        call.on(target);
      } catch (RuntimeException e) {
        SerialExecutor.reportUncaught(e);
      }
    }
    return true;
  }
}
