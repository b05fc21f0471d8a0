package dev.eventsource;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of one kind, safe to change while they are being called: a change replaces the
 * array, and a dispatch walks the array it read. Lighter than a {@code CopyOnWriteArrayList}, which
 * holds a lock object and an array of its own even when empty: an empty list here is one object
 * pointing at a shared empty array, and thousands of sources share a JVM.
 *
 * @param <T> the listener type
 */
final class ListenerList<T> {
  /** The array of every empty list, and of an event type without listeners. */
  static final Object[] EMPTY = new Object[0];

  private volatile Object[] items = EMPTY;

  synchronized void add(T listener) {
    Object[] old = items;
    Object[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = listener;
    items = grown;
  }

  /** Removes the first occurrence; does nothing if the listener is not there. */
  synchronized void remove(@Nullable Object listener) {
    Object[] old = items;
    for (int i = 0; listener != null && i < old.length; i++) {
      if (listener.equals(old[i])) {
        Object[] shrunk = old.length == 1 ? EMPTY : new Object[old.length - 1];
        System.arraycopy(old, 0, shrunk, 0, i);
        System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
        items = shrunk;
        return;
      }
    }
  }

  synchronized void addAll(ListenerList<? extends T> other) {
    Object[] theirs = other.items;
    if (theirs.length == 0) {
      return;
    }
    Object[] old = items;
    Object[] grown = Arrays.copyOf(old, old.length + theirs.length);
    System.arraycopy(theirs, 0, grown, old.length, theirs.length);
    items = grown;
  }

  /**
   * The listeners at this moment, each of type {@code T}; never changed afterwards. An array of
   * {@code Object}, not {@code T}: a generic array cannot be created, so callers cast each element.
   */
  Object[] snapshot() {
    return items;
  }
}
