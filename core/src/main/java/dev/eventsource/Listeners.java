package dev.eventsource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/** The listeners of one source, safe to change while events are being dispatched. */
final class Listeners {
  final ListenerList<OpenListener> open = new ListenerList<>();
  final ListenerList<ErrorListener> error = new ListenerList<>();
  final ListenerList<CompleteListener> complete = new ListenerList<>();
  final ListenerList<CommentListener> comment = new ListenerList<>();
  final ListenerList<MessageListener> anyEvent = new ListenerList<>();

  /** Listeners by event type; created by the first {@link #forType}, as most sources add none. */
  private volatile @Nullable ConcurrentMap<String, ListenerList<MessageListener>> byType;

  Listeners copy() {
    Listeners c = new Listeners();
    c.addAll(this);
    return c;
  }

  /** Adds every listener of {@code other} after those already here. */
  void addAll(Listeners other) {
    open.addAll(other.open);
    error.addAll(other.error);
    complete.addAll(other.complete);
    comment.addAll(other.comment);
    anyEvent.addAll(other.anyEvent);
    ConcurrentMap<String, ListenerList<MessageListener>> types = other.byType;
    if (types != null) {
      for (Map.Entry<String, ListenerList<MessageListener>> e : types.entrySet()) {
        forType(e.getKey()).addAll(e.getValue());
      }
    }
  }

  /** Whether any listener takes whole events: one for any event or one for a type. */
  boolean hasEventListeners() {
    if (anyEvent.snapshot().length > 0) {
      return true;
    }
    ConcurrentMap<String, ListenerList<MessageListener>> types = byType;
    if (types != null) {
      for (ListenerList<MessageListener> list : types.values()) {
        if (list.snapshot().length > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The list for an event type, created on first use. */
  ListenerList<MessageListener> forType(String type) {
    ConcurrentMap<String, ListenerList<MessageListener>> types = byType;
    if (types == null) {
      synchronized (this) {
        types = byType;
        if (types == null) {
          types = new ConcurrentHashMap<>();
          byType = types;
        }
      }
    }
    ListenerList<MessageListener> list = types.get(type);
    if (list == null) {
      // putIfAbsent rather than computeIfAbsent, which needs Android API 24.
      ListenerList<MessageListener> created = new ListenerList<>();
      list = types.putIfAbsent(type, created);
      if (list == null) {
        list = created;
      }
    }
    return list;
  }

  /** Removes a listener of an event type; does nothing if it is not there. */
  void removeForType(String type, MessageListener listener) {
    ConcurrentMap<String, ListenerList<MessageListener>> types = byType;
    ListenerList<MessageListener> list = types == null ? null : types.get(type);
    if (list != null) {
      list.remove(listener);
    }
  }

  /** The listeners of an event type at this moment (see {@link ListenerList#snapshot}). */
  Object[] ofType(String type) {
    ConcurrentMap<String, ListenerList<MessageListener>> types = byType;
    ListenerList<MessageListener> list = types == null ? null : types.get(type);
    return list == null ? ListenerList.EMPTY : list.snapshot();
  }
}
