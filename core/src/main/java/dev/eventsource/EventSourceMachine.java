package dev.eventsource;

import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The processing model of WHATWG HTML §9.2.3: connect, announce, reestablish, fail, close.
 *
 * <p>Transport and timer threads report here; every state change happens under {@link #lock}, and
 * every callback goes through one {@link SerialExecutor}, so listeners see the browser's order:
 * {@code open}, the messages of that connection, then the {@code error} that ended it. Work queued
 * under the lock is started only after the lock is released.
 */
final class EventSourceMachine implements ConnectionAttempt.Callback {
  private static final long NOT_ANNOUNCED = Long.MIN_VALUE;

  private final EventSourceSettings settings;
  private final ListenerCalls calls;

  /** The calls of a source that streams event data; null for one that takes whole events. */
  private final @Nullable DataCalls data;

  private final SerialExecutor dispatch;

  /**
   * Whether listeners run on the thread the transport gives each connection: when the user gave no
   * executor and the transport has such threads ({@link
   * dev.eventsource.transport.Transport#dedicatesThreadPerConnection()}).
   */
  private final boolean listenersOnConnectionThread;

  private final Object lock = new Object();

  // Guarded by lock.
  private @Nullable ConnectionAttempt current;
  private @Nullable PendingReconnect pendingReconnect;

  /** When the current attempt was announced (HTML §9.2.3), or {@link #NOT_ANNOUNCED}. */
  private long announcedAtNanos = NOT_ANNOUNCED;

  private boolean terminated;
  private int failedInARow;
  private int attempts;

  /**
   * Where the next attempt starts when it is not the builder's request: the last redirect target of
   * an earlier attempt, as WHATWG Fetch updates the request a browser reconnects with.
   */
  private @Nullable TransportRequest reconnectRequest;

  /** Written under the lock; read without it, so listeners' close checks cost no lock. */
  private volatile ReadyState readyState = ReadyState.CONNECTING;

  /** The ID sent as Last-Event-ID next time: advanced when events are queued, not dispatched. */
  private String resumeId;

  private volatile String lastEventId;

  /** Set by {@link #close()}: unlike readyState CLOSED, a failure does not set it. */
  private volatile boolean closeCalled;

  private volatile long reconnectionTimeMillis;

  EventSourceMachine(
      EventSource source,
      EventSourceSettings settings,
      Listeners listeners,
      @Nullable DataCalls data) {
    this.settings = settings;
    this.calls = new ListenerCalls(source, listeners);
    this.data = data;
    this.dispatch = new SerialExecutor(settings.executor);
    this.listenersOnConnectionThread =
        settings.executor == SharedThreads.dispatchExecutor()
            && settings.transport.dedicatesThreadPerConnection();
    this.resumeId = settings.initialLastEventId;
    this.lastEventId = settings.initialLastEventId;
    this.reconnectionTimeMillis = settings.retryPolicy.reconnectionTimeMillis();
  }

  ReadyState readyState() {
    return readyState;
  }

  String lastEventId() {
    return lastEventId;
  }

  long reconnectionTimeMillis() {
    return reconnectionTimeMillis;
  }

  /** Starts the first connection. */
  void start() {
    ConnectionAttempt first;
    synchronized (lock) {
      first = prepareAttempt();
    }
    connectOutsideLock(first);
  }

  /** WHATWG HTML §9.2.2 close(): CLOSED at once, no event, nothing dispatched afterwards. */
  void close() {
    closeCalled = true;
    ConnectionAttempt dropped;
    synchronized (lock) {
      if (readyState == ReadyState.CLOSED && terminated) {
        return;
      }
      readyState = ReadyState.CLOSED;
      terminated = true;
      dropped = detachCurrent();
    }
    dispatch.clear();
    if (dropped != null) {
      dropped.cancel();
    }
  }

  /** Drops the connection and reconnects at once, reporting no error. */
  void restart() {
    ConnectionAttempt dropped;
    ConnectionAttempt next;
    synchronized (lock) {
      if (terminated) {
        return;
      }
      dropped = detachCurrent();
      next = prepareAttempt();
      // A task, not an assignment: callbacks of the dropped connection still queued come first.
      dispatch.enqueue(() -> transition(ReadyState.CONNECTING));
    }
    if (dropped != null) {
      dropped.cancel();
    }
    startDispatch();
    connectOutsideLock(next);
  }

  /** HTML §9.2.3 "announce the connection"; false if the attempt is no longer wanted. */
  @Override
  public boolean opened(ConnectionAttempt attempt) {
    synchronized (lock) {
      if (attempt != current) {
        return false;
      }
      announcedAtNanos = settings.scheduler.nanoTime();
      if (listenersOnConnectionThread) {
        // Called on the connection's own thread, which will deliver its every chunk: until the
        // connection is dropped, its listeners run there, as the chunks are parsed.
        dispatch.runInPlaceOn(Thread.currentThread());
      }
      dispatch.enqueue(
          () -> {
            if (transition(ReadyState.OPEN)) {
              calls.open(this::isClosed);
            }
          });
    }
    startDispatch();
    return true;
  }

  /** Queues one chunk's events and comments; asks for the next chunk once they have run. */
  @Override
  public void deliver(
      final ConnectionAttempt attempt,
      final ChunkEvents items,
      final String parsedId,
      final int chunkBytes) {
    synchronized (lock) {
      if (attempt != current) {
        return; // dropped: resumeId was not advanced, so the server will send these again
      }
      resumeId = parsedId;
      dispatch.enqueue(
          () -> {
            if (calls.items(items, this::isClosed, event -> lastEventId = event.lastEventId())
                && !isClosed()) {
              lastEventId = parsedId; // WHATWG HTML §9.2.6 dispatch step 1, even without an event
            }
            attempt.chunkDispatched(chunkBytes);
          });
    }
    startDispatch();
  }

  /** As {@link #deliver}, for a source that streams event data. */
  @Override
  public void deliverData(
      final ConnectionAttempt attempt,
      final DataChunk items,
      final String parsedId,
      final int chunkBytes) {
    final DataCalls calls = data;
    if (calls == null) {
      throw new IllegalStateException("this source takes whole events");
    }
    synchronized (lock) {
      if (attempt != current) {
        return;
      }
      resumeId = parsedId;
      dispatch.enqueue(
          () -> {
            if (calls.chunk(items, attempt, this::isClosed, id -> lastEventId = id)
                && !isClosed()) {
              lastEventId = parsedId;
            }
            attempt.chunkDispatched(chunkBytes);
          });
    }
    startDispatch();
  }

  /** A valid {@code retry:} line: it takes effect at once (HTML §9.2.6), even if undispatched. */
  @Override
  public void retry(ConnectionAttempt attempt, long millis) {
    synchronized (lock) {
      if (attempt == current) {
        reconnectionTimeMillis = millis;
      }
    }
  }

  /**
   * The server ended the body: HTML §9.2.3 reestablishes the connection, but a one-shot source
   * completes instead (CLOSED, then the complete callbacks) and never sends its request again.
   */
  @Override
  public void ended(ConnectionAttempt attempt) {
    if (!settings.oneShot) {
      lost(attempt, new StreamEndedException(), 0);
      return;
    }
    synchronized (lock) {
      if (attempt != current || terminated) {
        return;
      }
      detachCurrent();
      terminated = true;
      dispatch.enqueue(
          () -> {
            if (transition(ReadyState.CLOSED)) {
              calls.complete(() -> closeCalled);
            }
          });
    }
    attempt.cancel();
    startDispatch();
  }

  /** HTML §9.2.3 "reestablish the connection": network error, end of body, read timeout. */
  @Override
  public void lost(ConnectionAttempt attempt, EventSourceException cause, long leastDelayMillis) {
    synchronized (lock) {
      if (attempt != current || terminated) {
        return;
      }
      long announcedAt = announcedAtNanos;
      detachCurrent();
      // A one-shot source whose response was announced never sends its request again: it fails.
      boolean oneShotStarted = settings.oneShot && announcedAt != NOT_ANNOUNCED;
      long now = settings.scheduler.nanoTime();
      rememberReconnectRequest(attempt);
      if (madeProgress(attempt, announcedAt, now)) {
        failedInARow = 0;
      }
      failedInARow++;
      if (oneShotStarted || failedInARow > settings.retryPolicy.maxAttempts()) {
        terminated = true;
        enqueueError(ReadyState.CLOSED, cause);
      } else {
        long backoff =
            ReconnectDelay.millis(
                settings.retryPolicy,
                reconnectionTimeMillis,
                failedInARow,
                ThreadLocalRandom.current().nextDouble());
        long delay =
            ReconnectDelay.spaced(
                Math.max(leastDelayMillis, backoff),
                TimeUnit.NANOSECONDS.toMillis(now - attempt.createdAtNanos));
        // HTML §9.2.3 reestablish steps 2 and 4: the delay runs now, but the request waits for
        // the error task too, so a close() in an error listener always prevents it.
        final PendingReconnect pending = new PendingReconnect();
        pendingReconnect = pending;
        pending.timer = settings.scheduler.schedule(() -> reconnectWhenReady(pending, true), delay);
        dispatch.enqueue(
            () -> {
              if (transition(ReadyState.CONNECTING)) {
                calls.error(cause, () -> closeCalled);
              }
              reconnectWhenReady(pending, false);
            });
      }
    }
    attempt.cancel();
    startDispatch();
  }

  /**
   * WHATWG HTML §9.2.3 "reestablish the connection" allows extra delay only "if the previous
   * attempt failed". An attempt that fired an event, or stayed open for the policy's healthy time,
   * made progress; one that could not connect, got a retried error status, or ended before its
   * first event failed.
   */
  private boolean madeProgress(ConnectionAttempt attempt, long announcedAt, long nowNanos) {
    return attempt.firedEvent()
        || announcedAt != NOT_ANNOUNCED
            && nowNanos - announcedAt
                >= TimeUnit.MILLISECONDS.toNanos(settings.retryPolicy.healthyAfterMillis());
  }

  /**
   * Reconnect to the last redirect target, as Chromium does; after a failure at the network level
   * (no response head: refused, reset, DNS, timeout), start again from the builder's URL, so a
   * stream survives its redirect target going away.
   */
  private void rememberReconnectRequest(ConnectionAttempt attempt) {
    if (!attempt.responded()) {
      reconnectRequest = null;
    } else if (attempt.redirected()) {
      reconnectRequest = attempt.lastHopRequest();
    }
  }

  /** A response that is not a stream: fail, or with the opt-in policy, reconnect later. */
  @Override
  public void rejected(ConnectionAttempt attempt, TransportResponse response, String why) {
    UnexpectedResponseException cause = new UnexpectedResponseException(why, response);
    if (settings.retryPolicy.retryHttpErrors() && Responses.isRetryableStatus(response.status())) {
      lost(attempt, cause, Responses.retryAfterMillis(response, System.currentTimeMillis()));
    } else {
      failed(attempt, cause);
    }
  }

  /** HTML §9.2.3 "fail the connection": CLOSED and one error, never a reconnection. */
  @Override
  public void failed(ConnectionAttempt attempt, EventSourceException cause) {
    synchronized (lock) {
      if (attempt != current || terminated) {
        return;
      }
      detachCurrent();
      terminated = true;
      enqueueError(ReadyState.CLOSED, cause);
    }
    attempt.cancel();
    startDispatch();
  }

  private void enqueueError(final ReadyState next, final EventSourceException cause) {
    dispatch.enqueue(
        () -> {
          if (transition(next)) {
            // Not isClosed(): after a failure the state is CLOSED, yet every listener is due.
            calls.error(cause, () -> closeCalled);
          }
        });
  }

  /** Moves to {@code next} unless the source was closed meanwhile (the tasks' first step). */
  private boolean transition(ReadyState next) {
    synchronized (lock) {
      if (readyState == ReadyState.CLOSED) {
        return false;
      }
      readyState = next;
      return true;
    }
  }

  private boolean isClosed() {
    return readyState == ReadyState.CLOSED;
  }

  /**
   * One half of a reconnection's precondition has come: the delay has passed ({@code timer}) or the
   * error callbacks have run. The request goes out once both have (HTML §9.2.3 reestablish step 5),
   * unless the source was closed or restarted meanwhile.
   */
  private void reconnectWhenReady(PendingReconnect pending, boolean timer) {
    ConnectionAttempt next;
    synchronized (lock) {
      if (pendingReconnect != pending) {
        return; // called off by close() or restart()
      }
      if (timer) {
        pending.delayPassed = true;
      } else {
        pending.errorDispatched = true;
      }
      if (!pending.delayPassed || !pending.errorDispatched) {
        return;
      }
      pendingReconnect = null;
      next = terminated || current != null ? null : prepareAttempt();
    }
    connectOutsideLock(next);
  }

  /** A reconnection waiting for its delay and its error callbacks; guarded by the lock. */
  private static final class PendingReconnect {
    Scheduler.@Nullable Cancellable timer;
    boolean delayPassed;
    boolean errorDispatched;
  }

  /** Creates the next attempt and makes it current; the caller holds the lock. */
  private @Nullable ConnectionAttempt prepareAttempt() {
    if (terminated) {
      return null;
    }
    current =
        new ConnectionAttempt(
            this,
            settings.scheduler,
            settings.readTimeoutMillis,
            settings.maxEventSize,
            data != null,
            resumeId,
            reconnectRequest == null ? settings.baseRequest : reconnectRequest,
            ++attempts);
    return current;
  }

  private void connectOutsideLock(@Nullable ConnectionAttempt attempt) {
    if (attempt == null) {
      return;
    }
    TransportRequest request;
    try {
      request = settings.requestFor(attempt.from, attempt.resumeId, attempt.number);
    } catch (RuntimeException e) {
      lost(
          attempt,
          new ConnectionFailedException(new IOException("request customizer failed", e)),
          0);
      return;
    }
    attempt.start(settings.transport, request);
  }

  private @Nullable ConnectionAttempt detachCurrent() {
    ConnectionAttempt dropped = current;
    current = null;
    announcedAtNanos = NOT_ANNOUNCED;
    dispatch.runInPlaceOn(null); // the dropped connection's thread is not the next one's
    PendingReconnect pending = pendingReconnect;
    if (pending != null) {
      pendingReconnect = null;
      if (pending.timer != null) {
        pending.timer.cancel();
      }
    }
    return dropped;
  }

  private void startDispatch() {
    try {
      dispatch.start();
    } catch (RuntimeException rejected) {
      // The user's executor was shut down: an aborted fetch fails the connection (HTML §9.2.3).
      close();
    }
  }
}
