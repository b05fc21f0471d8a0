package dev.eventsource;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of {@link StateMachineFuzzTest}, with a model of what the source may call next. A
 * listener never throws on a broken rule (the source would report the throw to the uncaught handler
 * and carry on); it notes the violation, and the test fails on it after the step.
 *
 * <p>The rules (REQUIREMENTS R32, R35, R23; {@link EventSource}'s Javadoc): no callback after
 * {@code close()} or after an {@code error} seen with CLOSED; {@code open} sees OPEN; a message or
 * comment comes only between its connection's {@code open} and the {@code error} (or restart) that
 * ended it, and sees OPEN; an {@code error} sees CONNECTING or CLOSED, and CLOSED for an event too
 * large or an HTTP error the policy does not retry; a type listener gets only its type, after the
 * any-event listener got the same event; inside a message listener {@code lastEventId()} is that
 * event's ID and its origin is the stream's.
 */
final class ListenerContract {
  static final String ORIGIN = "https://example.com";

  /** What a listener does once the armed countdown reaches it. */
  enum Action {
    NONE,
    CLOSE,
    RESTART,
    THROW
  }

  /** Thrown by a listener on purpose; the only thing the uncaught handler may see. */
  static final class ListenerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailure() {
      super("thrown by a listener on purpose", null, false, false);
    }
  }

  private final RetryPolicy policy;
  private final List<String> violations = new ArrayList<>();
  private final List<Throwable> uncaught = new ArrayList<>();

  private boolean closeCalled;
  private boolean finalErrorSeen;
  private boolean open;
  private boolean restartedSinceOpen;
  private int restarts;
  private int connectingErrors;
  private int callbacks;
  private @Nullable MessageEvent lastAnyEvent;
  private Action armed = Action.NONE;
  private int armedAfter;

  ListenerContract(RetryPolicy policy) {
    this.policy = policy;
  }

  EventSource.Builder attach(EventSource.Builder builder) {
    return builder
        .onOpen(this::onOpen)
        .onError(this::onError)
        .onComment(this::onComment)
        .onAnyEvent(this::onAnyEvent)
        .on("message", typeListener("message"));
  }

  /** A listener for one event type that checks it gets only that type. */
  MessageListener typeListener(String type) {
    return (source, event) -> {
      if (!event.type().equals(type)) {
        violation("a listener for " + type + " got " + event);
      }
      if (event != lastAnyEvent) {
        violation("a type listener got " + event + " before the any-event listener did");
      }
      message(source, event);
    };
  }

  /** Makes the {@code after}-th next callback (0: the very next) do {@code action}, once. */
  void arm(Action action, int after) {
    armed = action;
    armedAfter = after;
  }

  /** close(), wherever it is called from, recorded before the call. */
  void close(EventSource source) {
    closeCalled = true;
    source.close();
  }

  /** restart(), wherever it is called from, recorded before the call. */
  void restart(EventSource source) {
    if (!closeCalled && !finalErrorSeen) {
      restarts++;
      restartedSinceOpen = true;
    }
    source.restart();
  }

  void uncaught(Thread thread, Throwable e) {
    if (!(e instanceof ListenerFailure)) {
      uncaught.add(e);
    }
  }

  /** Called between steps: everything queued has run (direct executor), so the model settles. */
  void settle() {
    if (restartedSinceOpen) {
      open = false; // the restart's CONNECTING task has run, and no open followed it
      restartedSinceOpen = false;
    }
  }

  /** The state the source must be in now, from the callbacks seen. */
  ReadyState expectedState() {
    return closeCalled || finalErrorSeen
        ? ReadyState.CLOSED
        : open ? ReadyState.OPEN : ReadyState.CONNECTING;
  }

  /** The most requests the source may have sent: the first, one per restart, one per error. */
  int maxRequests() {
    return 1 + restarts + connectingErrors;
  }

  boolean closeCalled() {
    return closeCalled;
  }

  int callbacks() {
    return callbacks;
  }

  List<String> violations() {
    return violations;
  }

  List<Throwable> unexpectedUncaught() {
    return uncaught;
  }

  private void onOpen(EventSource source) {
    callback("open", source, ReadyState.OPEN);
    open = true;
    restartedSinceOpen = false;
    act(source);
  }

  private void onError(EventSource source, EventSourceException error) {
    ReadyState state = source.readyState();
    callback("error " + error, source, state);
    if (state == ReadyState.CLOSED) {
      finalErrorSeen = true;
    } else if (state == ReadyState.CONNECTING) {
      connectingErrors++;
      if (error instanceof EventTooLargeException) {
        violation("an event too large must close the source, but it reconnects: " + error);
      }
      if (error instanceof UnexpectedResponseException
          && !retried((UnexpectedResponseException) error)) {
        violation("an HTTP error the policy does not retry must close the source: " + error);
      }
    } else {
      violation("error seen with readyState " + state + ": " + error);
    }
    open = false;
    act(source);
  }

  private void onComment(EventSource source, String comment) {
    streamItem("comment " + comment, source);
    act(source);
  }

  private void onAnyEvent(EventSource source, MessageEvent event) {
    lastAnyEvent = event;
    message(source, event);
  }

  private void message(EventSource source, MessageEvent event) {
    streamItem("message " + event, source);
    if (!event.origin().equals(ORIGIN)) {
      violation("origin of " + event);
    }
    // EventSource.lastEventId(): "Updated as listeners are called, so inside a listener it is
    // that event's ID."
    if (!source.lastEventId().equals(event.lastEventId())) {
      violation("lastEventId() is '" + source.lastEventId() + "' inside a listener for " + event);
    }
    act(source);
  }

  private void streamItem(String what, EventSource source) {
    callback(what, source, ReadyState.OPEN);
    if (!open) {
      violation(what + " outside a connection (before its open or after its error)");
    }
  }

  private void callback(String what, EventSource source, ReadyState required) {
    callbacks++;
    if (closeCalled) {
      violation(what + " after close()");
    }
    if (finalErrorSeen) {
      violation(what + " after the error that closed the source");
    }
    ReadyState state = source.readyState();
    if (state != required) {
      violation(what + " seen with readyState " + state);
    }
  }

  private boolean retried(UnexpectedResponseException error) {
    int status = error.status();
    return policy.retryHttpErrors()
        && (status >= 500 && status <= 599 || status == 408 || status == 429);
  }

  private void act(EventSource source) {
    if (armed == Action.NONE || armedAfter-- > 0) {
      return;
    }
    Action action = armed;
    armed = Action.NONE;
    switch (action) {
      case CLOSE:
        close(source);
        break;
      case RESTART:
        restart(source);
        break;
      case THROW:
        throw new ListenerFailure();
      default:
        break;
    }
  }

  private void violation(String message) {
    violations.add(message);
  }
}
