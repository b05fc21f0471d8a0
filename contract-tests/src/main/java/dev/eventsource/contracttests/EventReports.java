package dev.eventsource.contracttests;

import dev.eventsource.MessageEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Decides which listener reports an event, so that each event is reported exactly once although the
 * service listens twice: with an any-event listener, so that no event is ever missed, and, after
 * the suite's {@code listen} command, with a listener for that type, so that the suite sees typed
 * listeners at work.
 *
 * <p>Events of a type the suite listens for are reported by the typed listener; all others by the
 * any-event listener. The library calls a source's any-event listeners before that type's
 * listeners, for each event, one listener at a time. A typed listener is registered with the source
 * before its type is marked here, so an event whose type was marked when the any-event listener ran
 * always reaches a typed listener; an event that raced with the registration was already reported,
 * and the typed listener recognizes it.
 */
final class EventReports {
  private final Set<String> listenedTypes = ConcurrentHashMap.newKeySet();

  /** The event the any-event listener reported last; written and read only by listeners. */
  private volatile @Nullable MessageEvent reportedByAnyListener;

  /** Whether the any-event listener should report this event. */
  boolean reportFromAnyListener(MessageEvent event) {
    boolean report = !listenedTypes.contains(event.type());
    reportedByAnyListener = report ? event : null;
    return report;
  }

  /** Whether a typed listener should report this event: unless it was reported already. */
  boolean reportFromTypedListener(MessageEvent event) {
    boolean reported = reportedByAnyListener == event;
    reportedByAnyListener = null;
    return !reported;
  }

  boolean isListening(String type) {
    return listenedTypes.contains(type);
  }

  /** Call only after the typed listener for this type is registered with the source. */
  void markListening(String type) {
    listenedTypes.add(type);
  }
}
