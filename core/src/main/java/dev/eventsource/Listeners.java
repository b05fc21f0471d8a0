package dev.eventsource;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The listeners of one source, safe to change while events are being dispatched. */
final class Listeners {
  final List<OpenListener> open = new CopyOnWriteArrayList<>();
  final List<ErrorListener> error = new CopyOnWriteArrayList<>();
  final List<CommentListener> comment = new CopyOnWriteArrayList<>();
  final List<MessageListener> anyEvent = new CopyOnWriteArrayList<>();
  private final ConcurrentMap<String, List<MessageListener>> byType = new ConcurrentHashMap<>();

  Listeners copy() {
    Listeners c = new Listeners();
    c.open.addAll(open);
    c.error.addAll(error);
    c.comment.addAll(comment);
    c.anyEvent.addAll(anyEvent);
    for (ConcurrentMap.Entry<String, List<MessageListener>> e : byType.entrySet()) {
      c.forType(e.getKey()).addAll(e.getValue());
    }
    return c;
  }

  /** The list for an event type, created on first use. */
  List<MessageListener> forType(String type) {
    List<MessageListener> list = byType.get(type);
    if (list == null) {
      // putIfAbsent rather than computeIfAbsent, which needs Android API 24.
      List<MessageListener> created = new CopyOnWriteArrayList<>();
      list = byType.putIfAbsent(type, created);
      if (list == null) {
        list = created;
      }
    }
    return list;
  }

  /** The listeners for an event type; empty if none was ever added. */
  Iterable<MessageListener> ofType(String type) {
    List<MessageListener> list = byType.get(type);
    return list == null ? java.util.Collections.<MessageListener>emptyList() : list;
  }
}
