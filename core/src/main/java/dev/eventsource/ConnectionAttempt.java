package dev.eventsource;

import dev.eventsource.parser.EventSizeLimitException;
import dev.eventsource.parser.EventStreamParser;
import dev.eventsource.transport.Connection;
import dev.eventsource.transport.RequestRefusedException;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One connection of a source: it sends the request and follows its redirects (one transport
 * exchange per hop), owns the parser for the final response, watches the read timeout, and reports
 * through its {@link Callback}. It owns every piece of per-connection state. A fresh attempt per
 * connection means a late callback from a dropped connection can never touch the next one's parser;
 * the callback ignores attempts that are no longer current, and an attempt ignores the hops it has
 * left.
 */
final class ConnectionAttempt {
  /**
   * How many bytes of the stream may have events waiting for listeners before no more is read: the
   * network runs this far ahead of slow listeners and no further. Enough that the thread that reads
   * rarely waits for the one that dispatches, which on a fast stream cost more than parsing.
   */
  static final int MAX_QUEUED_BYTES = 64 * 1024;

  private final Callback callback;
  private final EventStreamParser parser;

  /** The parser's handler when the source takes whole events; null when it streams their data. */
  private final @Nullable EventBatch eventBatch;

  /** The parser's handler when the source streams event data; null when it takes whole events. */
  private final @Nullable DataBatch dataBatch;

  private String origin = "";

  /** The last event ID last reported to the callback. */
  private String reportedId;

  /** The Last-Event-ID this attempt's request carries, and its number (1 for the first). */
  final String resumeId;

  /** The request this attempt starts from: the builder's, or a remembered redirect target's. */
  final TransportRequest from;

  final int number;

  /** When the attempt was made, just before its request goes out. */
  final long createdAtNanos;

  /** Whether the last hop got a response head; false means it failed at the network level. */
  private volatile boolean responded;

  /** Whether the parser fired an event: the attempt made progress, so no backoff follows it. */
  private volatile boolean firedEvent;

  private final ReadTimeoutWatchdog watchdog;

  // Guarded by this: the handle arrives after open() returns, possibly after callbacks began.
  private @Nullable Connection connection;
  private @Nullable Hop hop;
  private int redirects;

  /** The request of the current hop: the attempt's own, then each redirect's. */
  private volatile @Nullable TransportRequest hopRequest;

  private boolean cancelled;
  private boolean asked;
  private int queuedBytes;

  ConnectionAttempt(
      Callback callback,
      Scheduler scheduler,
      long readTimeoutMillis,
      int maxEventSize,
      boolean streamData,
      String lastEventId,
      TransportRequest from,
      int number) {
    this.callback = callback;
    this.watchdog =
        new ReadTimeoutWatchdog(
            scheduler,
            readTimeoutMillis,
            () -> callback.lost(this, ConnectionFailedException.readTimeout(readTimeoutMillis), 0));
    this.resumeId = lastEventId;
    this.from = from;
    this.number = number;
    this.createdAtNanos = scheduler.nanoTime();
    this.dataBatch = streamData ? new DataBatch() : null;
    this.eventBatch = streamData ? null : new EventBatch();
    this.parser = new EventStreamParser(streamData ? dataBatch : eventBatch, maxEventSize);
    parser.reset(lastEventId); // ids carry over to the new stream, as browsers and WPT expect
    this.reportedId = lastEventId;
  }

  /** Sends the request; called outside the machine's lock. */
  void start(Transport transport, TransportRequest request) {
    watchdog.start();
    send(transport, request);
  }

  /** Opens one exchange (the request, or a redirect's) as the attempt's current hop. */
  private void send(Transport transport, TransportRequest request) {
    Hop sent = new Hop(transport, request);
    synchronized (this) {
      if (cancelled) {
        return;
      }
      hop = sent;
      hopRequest = request;
    }
    Connection opened;
    try {
      opened = transport.open(request, sent);
    } catch (RuntimeException e) {
      sent.onFailure(new IOException("the transport could not start the request: " + e, e));
      return;
    }
    boolean cancelNow;
    boolean requestNow = false;
    synchronized (this) {
      // Cancelled, or a redirect already answered, before open() returned.
      cancelNow = cancelled || hop != sent;
      if (!cancelNow) {
        connection = opened;
        // Asked for before open() returned: nothing could answer that yet, so send it now.
        requestNow = asked;
      }
    }
    if (cancelNow) {
      opened.cancel();
    } else if (requestNow) {
      opened.request();
    }
  }

  /**
   * WHATWG Fetch "HTTP-redirect fetch": leaves the hop (a redirect's body is never read) and sends
   * the redirected request. A redirect that cannot be followed fails the attempt as a network error
   * does.
   */
  private void follow(Hop from, TransportResponse response) {
    TransportRequest next;
    Connection left;
    try {
      synchronized (this) {
        if (cancelled) {
          return;
        }
        next =
            Redirects.next(from.request, response.status(), response.header("Location"), redirects);
        redirects++;
        left = connection;
        connection = null;
        hop = null; // whatever the hop left behind still reports is no longer the attempt's
      }
    } catch (ProtocolException e) {
      onFailure(e);
      return;
    }
    if (left != null) {
      left.cancel(); // if its open() has not returned yet, send() cancels it when it does
    }
    send(from.transport, next);
  }

  /** Whether this hop is still the attempt's current one (late callbacks of a left hop are not). */
  private synchronized boolean isCurrent(Hop candidate) {
    return hop == candidate && !cancelled;
  }

  /**
   * The request of the last hop sent: where a reconnection goes next (WHATWG Fetch keeps the
   * redirected request, so a browser reconnects to the last redirect target).
   */
  @Nullable TransportRequest lastHopRequest() {
    return hopRequest;
  }

  /** Whether a redirect was followed. */
  synchronized boolean redirected() {
    return redirects > 0;
  }

  /** Whether the last hop got a response head: false after a failure at the network level. */
  boolean responded() {
    return responded;
  }

  /** Whether the parser fired at least one event on this attempt. */
  boolean firedEvent() {
    return firedEvent;
  }

  /** Drops the connection; no further report reaches the callback. Idempotent, never blocks. */
  void cancel() {
    Connection toCancel;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toCancel = connection;
    }
    watchdog.stop();
    if (toCancel != null) {
      toCancel.cancel();
    }
  }

  /**
   * One chunk's events have been dispatched: read further if that leaves room. Together with {@link
   * #onBody} this keeps the events of at most about {@value #MAX_QUEUED_BYTES} bytes waiting for
   * listeners, so the network and the listeners work at the same time while a slow listener still
   * holds the stream back instead of filling memory.
   *
   * @param chunkBytes the size of the chunk whose events were dispatched
   */
  void chunkDispatched(int chunkBytes) {
    synchronized (this) {
      queuedBytes -= chunkBytes;
    }
    askForMore();
  }

  /** Asks the transport for the next chunk, unless one is already asked for or there is no room. */
  private void askForMore() {
    Connection target;
    synchronized (this) {
      if (cancelled || asked || queuedBytes >= MAX_QUEUED_BYTES) {
        return;
      }
      asked = true;
      watchdog.awaitingData();
      target = connection;
      if (target == null) {
        return; // open() has not returned yet: send() asks when it does
      }
    }
    target.request();
  }

  private void onResponse(Hop from, TransportResponse response) {
    watchdog.headArrived();
    if (Redirects.isRedirect(response.status())) {
      follow(from, response);
      return;
    }
    responded = true;
    String rejection = Responses.rejection(response);
    if (rejection != null) {
      callback.rejected(this, response, rejection);
      return;
    }
    origin = Responses.origin(response.url());
    if (callback.opened(this)) {
      askForMore();
    }
  }

  private void onBody(Hop from, ByteBuffer chunk) {
    synchronized (this) {
      if (cancelled || hop != from) {
        return; // a chunk the transport had under way; after a failure the parser refuses input
      }
      asked = false;
    }
    watchdog.dataArrived();
    int chunkBytes = chunk.remaining();
    try {
      parser.feed(chunk);
    } catch (EventSizeLimitException e) {
      // Events this chunk completed before the oversized one go out first, as they would have had
      // they come in an earlier chunk; cancelled first, so that their dispatch asks for no more.
      cancel();
      if (!batchIsEmpty()) {
        synchronized (this) {
          queuedBytes += chunkBytes;
        }
        deliverBatch(parser.lastEventId(), chunkBytes);
      }
      callback.failed(this, new EventTooLargeException(e));
      return;
    }
    // WHATWG HTML §9.2.6 dispatch step 1: a dispatch commits the ID even when it fires no event
    // ("id: 5" and a blank line), so a chunk with a new ID goes to the machine even if empty.
    String committedId = parser.lastEventId();
    if (batchIsEmpty() && committedId.equals(reportedId)) {
      askForMore();
      return;
    }
    reportedId = committedId;
    synchronized (this) {
      queuedBytes += chunkBytes; // before deliver(): a direct executor dispatches inside it
    }
    deliverBatch(committedId, chunkBytes);
    askForMore(); // read ahead while the listeners work
  }

  private boolean batchIsEmpty() {
    EventBatch whole = eventBatch;
    return whole != null ? whole.chunk.isEmpty() : dataBatch.chunk.isEmpty();
  }

  /** Hands the chunk's batch over and starts the next one. */
  private void deliverBatch(String committedId, int chunkBytes) {
    EventBatch whole = eventBatch;
    DataBatch streamed = dataBatch;
    if (whole != null) {
      ChunkEvents items = whole.chunk;
      whole.chunk = new ChunkEvents();
      callback.deliver(this, items, committedId, chunkBytes);
    } else {
      DataChunk items = streamed.chunk;
      streamed.chunk = new DataChunk();
      callback.deliverData(this, items, committedId, chunkBytes);
    }
  }

  private void onEnd() {
    callback.ended(this);
  }

  private void onFailure(IOException error) {
    if (error instanceof RequestRefusedException) {
      callback.failed(this, new ConnectionFailedException(error)); // retrying is futile
    } else {
      callback.lost(this, new ConnectionFailedException(error), 0);
    }
  }

  /** The parser's handler when the source takes whole events: it fills a {@link ChunkEvents}. */
  private final class EventBatch implements EventStreamParser.Handler {
    ChunkEvents chunk = new ChunkEvents();

    @Override
    public void onEvent(String type, String data, String lastEventId) {
      firedEvent = true;
      chunk.addEvent(MessageEvent.of(type, data, lastEventId, origin));
    }

    @Override
    public void onComment(String comment) {
      chunk.addComment(comment);
    }

    @Override
    public void onRetry(long reconnectionTimeMillis) {
      callback.retry(ConnectionAttempt.this, reconnectionTimeMillis);
    }
  }

  /** The parser's handler when the source streams event data: it fills a {@link DataChunk}. */
  private final class DataBatch implements EventStreamParser.DataHandler {
    DataChunk chunk = new DataChunk();

    @Override
    public void onDataPart(byte[] bytes, int offset, int length) {
      chunk.addPart(bytes, offset, length);
    }

    @Override
    public void onEventEnd(String type, String lastEventId) {
      firedEvent = true;
      chunk.addEnd(type, lastEventId);
    }

    @Override
    public void onEventDiscarded() {
      chunk.addDiscard();
    }

    @Override
    public void onComment(String comment) {
      chunk.addComment(comment);
    }

    @Override
    public void onRetry(long reconnectionTimeMillis) {
      callback.retry(ConnectionAttempt.this, reconnectionTimeMillis);
    }
  }

  /**
   * The handler of one exchange. It passes the transport's callbacks on while its exchange is the
   * attempt's current hop, so a hop left for a redirect can report nothing more.
   */
  private final class Hop implements ResponseHandler {
    private final Transport transport;
    private final TransportRequest request;

    Hop(Transport transport, TransportRequest request) {
      this.transport = transport;
      this.request = request;
    }

    @Override
    public void onResponse(TransportResponse response) {
      if (isCurrent(this)) {
        ConnectionAttempt.this.onResponse(this, response);
      }
    }

    @Override
    public void onBody(ByteBuffer chunk) {
      ConnectionAttempt.this.onBody(this, chunk);
    }

    @Override
    public void onEnd() {
      if (isCurrent(this)) {
        ConnectionAttempt.this.onEnd();
      }
    }

    @Override
    public void onFailure(IOException error) {
      if (isCurrent(this)) {
        ConnectionAttempt.this.onFailure(error);
      }
    }
  }

  /**
   * What a connection reports to the source that made it, as WHATWG HTML §9.2.3 names the steps.
   * Every report names its attempt, so that reports of an attempt no longer current are ignored.
   * Called on the transport's and the timer's threads, never under the attempt's lock.
   */
  interface Callback {
    /**
     * "Announce the connection": the response is a stream.
     *
     * @return false if the attempt is no longer wanted, so nothing is read
     */
    boolean opened(ConnectionAttempt attempt);

    /** One chunk's events and comments, and the last event ID as of its end, for dispatch. */
    void deliver(ConnectionAttempt attempt, ChunkEvents items, String parsedId, int chunkBytes);

    /** As {@link #deliver}, for a source that streams event data. */
    void deliverData(ConnectionAttempt attempt, DataChunk items, String parsedId, int chunkBytes);

    /** A valid {@code retry} field (§9.2.6): the reconnection time changes at once. */
    void retry(ConnectionAttempt attempt, long millis);

    /** The server ended the body. */
    void ended(ConnectionAttempt attempt);

    /** "Reestablish the connection": a network error or a read timeout. */
    void lost(ConnectionAttempt attempt, EventSourceException cause, long leastDelayMillis);

    /** The response is not a stream ({@code why} says how). */
    void rejected(ConnectionAttempt attempt, TransportResponse response, String why);

    /** "Fail the connection": nothing is retried. */
    void failed(ConnectionAttempt attempt, EventSourceException cause);
  }
}
