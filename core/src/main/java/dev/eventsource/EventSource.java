package dev.eventsource;

import dev.eventsource.parser.EventStreamParser;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Server-sent events client that behaves like the browser's {@code EventSource} (WHATWG HTML
 * §9.2).
 *
 * <p>{@link Builder#build()} starts connecting at once, with the listeners given to the builder
 * already in place, so no event can be missed. Then: {@code open} when the server answers 200 with
 * {@code text/event-stream}; each event; when the connection drops, an {@code error} with {@link
 * #readyState()} {@link ReadyState#CONNECTING} and a reconnection after the reconnection time
 * (longer only after failed attempts; see {@link RetryPolicy}), sending {@code Last-Event-ID}; when
 * the server answers otherwise (204, another status, another content type), an {@code error} with
 * {@link ReadyState#CLOSED} and no reconnection, unless the {@link RetryPolicy} says to retry.
 *
 * <p>Threading: all methods are thread-safe. Listeners of one source run one at a time, in stream
 * order, on the executor given to the builder; without one, on the thread that reads the stream if
 * the transport gives each stream its own ({@link
 * dev.eventsource.transport.Transport#dedicatesThreadPerConnection()}, as over OkHttp), else on a
 * small shared pool that holds no thread for an idle source. The stream is read at most 64 KiB
 * ahead of the listeners, so a slow listener holds back the stream instead of filling memory.
 *
 * <p>To read events in a loop rather than in listeners, use {@link Builder#stream()}; for a reply
 * that is read once (an LLM's answer to a POST), {@link Builder#oneShot(boolean)}; for events too
 * large to hold in memory, {@link Builder#streamEventData}.
 */
public final class EventSource implements AutoCloseable {
  private final URI url;
  private final boolean withCredentials;
  private final Listeners listeners;
  private final EventSourceMachine machine;

  /** Whether event data goes to an {@link EventDataListener}, so no event is delivered whole. */
  private final boolean streamsEventData;

  /**
   * @param pull the pull stream's queue, which then runs the callbacks and hears of events, errors
   *     and completion; null for a source with listeners only
   */
  private EventSource(Builder b, @Nullable PullQueue pull) {
    this.url = b.request.build().url();
    this.withCredentials = b.withCredentials;
    this.listeners = new Listeners();
    this.streamsEventData = b.dataListener != null;
    DataCalls data = null;
    if (b.dataListener != null) {
      // First, so that a discarded event is told before the user's error listeners run.
      data = new DataCalls(this, b.dataListener, listeners);
      listeners.error.add(data);
      listeners.complete.add(data);
    }
    listeners.addAll(b.listeners);
    Executor executor = b.executor == null ? SharedThreads.dispatchExecutor() : b.executor;
    if (pull != null) {
      listeners.anyEvent.add(pull);
      listeners.error.add(pull);
      listeners.complete.add(pull);
      executor = pull;
    }
    TransportRequest base = b.request.withCredentials(b.withCredentials).build();
    EventSourceSettings settings =
        new EventSourceSettings(
            b.transport,
            base,
            b.customizer,
            b.retryPolicy,
            b.readTimeoutMillis,
            b.maxEventSize,
            b.lastEventId,
            executor,
            b.scheduler == null ? SharedThreads.scheduler() : b.scheduler,
            b.oneShot);
    this.machine = new EventSourceMachine(this, settings, listeners, data);
  }

  /**
   * Starts configuring a source for an absolute http or https URL.
   *
   * @param url the stream's URL
   * @param transport the HTTP client adapter that carries the stream
   * @return a builder
   * @throws IllegalArgumentException if the URL is not absolute http or https (WHATWG HTML §9.2.2
   *     parses it against a base URL, which a Java program does not have)
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(URI url, Transport transport) {
    return new Builder(url, transport);
  }

  /**
   * Starts configuring a source for an absolute http or https URL given as a string.
   *
   * @param url the stream's URL
   * @param transport the HTTP client adapter that carries the stream
   * @return a builder
   * @throws IllegalArgumentException if the URL does not parse or is not absolute http or https
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(String url, Transport transport) {
    return new Builder(URI.create(Objects.requireNonNull(url, "url")), transport);
  }

  /**
   * The current state. Set to OPEN and CONNECTING just before the {@code open} and {@code error}
   * callbacks that announce them, and to CLOSED at once by {@link #close()}.
   *
   * @return the ready state
   */
  public ReadyState readyState() {
    return machine.readyState();
  }

  /**
   * The URL given to the builder; redirects do not change it. Reconnections go to the last redirect
   * target, as a browser's do, and start from this URL again after a failure at the network level
   * there, so a stream survives its redirect target going away.
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }

  /**
   * The last event ID string: the initial one, then the ID in force at each dispatch, including a
   * dispatch that fires no event ({@code id: 5} and a blank line; WHATWG HTML §9.2.6); empty for
   * none. Updated as listeners are called, so inside a listener it is that event's ID. Sent as
   * {@code Last-Event-ID} on reconnection when not empty.
   *
   * @return the last event ID
   */
  public String lastEventId() {
    return machine.lastEventId();
  }

  /**
   * The reconnection time now in force: the policy's initial value until the server sends {@code
   * retry:}. Backoff may add to it after failed attempts.
   *
   * @return milliseconds
   */
  public long reconnectionTimeMillis() {
    return machine.reconnectionTimeMillis();
  }

  /**
   * Whether credentials follow redirects to other origins; see {@link Builder#withCredentials}.
   *
   * @return the setting
   */
  public boolean withCredentials() {
    return withCredentials;
  }

  /**
   * Adds a listener for events of one type, like the browser's {@code addEventListener}; it sees
   * events dispatched after this call.
   *
   * @param type the event type, e.g. {@code "message"} or {@code "update"}
   * @param listener the listener
   * @throws IllegalStateException if the source {@linkplain Builder#streamEventData streams event
   *     data}: it delivers no whole event, so the listener would never be called
   */
  public void addEventListener(String type, MessageListener listener) {
    if (streamsEventData) {
      throw new IllegalStateException(
          "this source streams event data (streamEventData): it calls no event listener");
    }
    listeners
        .forType(Objects.requireNonNull(type, "type"))
        .add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener added for the type; does nothing if it is not there.
   *
   * @param type the event type
   * @param listener the listener
   */
  public void removeEventListener(String type, MessageListener listener) {
    listeners.removeForType(Objects.requireNonNull(type, "type"), listener);
  }

  /**
   * Drops the current connection and reconnects at once, as if the server had closed it, but
   * without an {@code error} callback and without waiting. Does nothing once CLOSED.
   */
  public void restart() {
    machine.restart();
  }

  /**
   * Closes the source for good: {@link #readyState()} is CLOSED when this returns, the connection
   * and any pending reconnection are cancelled, and no callback of any kind starts afterwards, not
   * even for events already received (a callback already running on another thread finishes). Fires
   * no event. Idempotent, callable from any thread and from listeners, and does no network I/O on
   * the caller's thread.
   */
  @Override
  public void close() {
    machine.close();
  }

  @Override
  public String toString() {
    return "EventSource{" + url + ", " + readyState() + "}";
  }

  /** Configures and starts an {@link EventSource}; not thread-safe. */
  public static final class Builder {
    private final Transport transport;
    private final TransportRequest.Builder request;
    private final Listeners listeners = new Listeners();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private long readTimeoutMillis;
    private int maxEventSize = EventStreamParser.DEFAULT_MAX_EVENT_SIZE;
    private String lastEventId = "";
    private boolean withCredentials;
    private boolean oneShot;
    private @Nullable Executor executor;
    private @Nullable Scheduler scheduler;
    private @Nullable RequestCustomizer customizer;
    private @Nullable EventDataListener dataListener;

    private Builder(URI url, Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.request =
          TransportRequest.builder(url)
              .header("Accept", "text/event-stream")
              // Fetch's no-store cache mode adds both, as browsers send them.
              .header("Cache-Control", "no-cache")
              .header("Pragma", "no-cache");
    }

    /**
     * Sets a request header sent on every connection, replacing one of the same name ({@code
     * Accept}, {@code Cache-Control} and {@code Pragma} included). {@code Last-Event-ID} is managed
     * by the source.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
     */
    public Builder header(String name, String value) {
      request.header(name, value);
      return this;
    }

    /**
     * Marks a header as sensitive: like {@code Authorization} and {@code Cookie}, it is not sent to
     * another origin after a redirect unless {@link #withCredentials(boolean)} is true.
     *
     * @param name the header name
     * @return this builder
     */
    public Builder sensitiveHeader(String name) {
      request.sensitiveHeader(name);
      return this;
    }

    /**
     * Uses another method, with a body sent again on every reconnection (default GET, no body); see
     * {@link #oneShot(boolean)} for a request that must be sent only once. Set the body's type with
     * {@code header("Content-Type", ...)}.
     *
     * @param method the HTTP method, e.g. {@code POST}
     * @param body the body, or null for none
     * @return this builder
     * @throws IllegalArgumentException if the method is not a token, or is GET or HEAD with a body
     */
    public Builder method(String method, byte @Nullable [] body) {
      request.method(method, body);
      return this;
    }

    /**
     * Sets the last event ID sent with the first request (default none), to resume a stream.
     *
     * @param lastEventId the ID; empty for none
     * @return this builder
     * @throws IllegalArgumentException if it contains CR, LF or NUL
     */
    public Builder lastEventId(String lastEventId) {
      Objects.requireNonNull(lastEventId, "lastEventId");
      for (int i = 0; i < lastEventId.length(); i++) {
        char c = lastEventId.charAt(i);
        if (c == '\r' || c == '\n' || c == '\0') {
          throw new IllegalArgumentException(
              "lastEventId contains "
                  + (c == '\0' ? "NUL" : c == '\r' ? "CR" : "LF")
                  + " at index "
                  + i
                  + "; an event ID can hold none of CR, LF and NUL");
        }
      }
      this.lastEventId = lastEventId;
      return this;
    }

    /**
     * Sets when and how often to reconnect (default {@link RetryPolicy#defaults()}).
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Treats a connection on which nothing arrives (comments count) for this long as dropped: an
     * {@code error} with a {@link ConnectionFailedException} caused by a {@link
     * java.net.SocketTimeoutException}, then a reconnection. Default 0: no timeout.
     *
     * @param time the timeout, zero for none
     * @param unit its unit
     * @return this builder
     * @throws IllegalArgumentException if {@code time} is negative
     */
    public Builder readTimeout(long time, TimeUnit unit) {
      this.readTimeoutMillis = RetryPolicy.Builder.millis(time, unit, "readTimeout");
      return this;
    }

    /**
     * Sets the most bytes one event may take (default 64 MiB). A larger event closes the source
     * with {@link EventTooLargeException}. Data taken with {@link #streamEventData} does not count.
     *
     * @param bytes the limit, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxEventSize(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxEventSize must be positive: " + bytes);
      }
      this.maxEventSize = bytes;
      return this;
    }

    /**
     * The Java meaning of the browser's {@code withCredentials} (default false): when true, {@code
     * Authorization}, {@code Cookie} and other sensitive headers still go along when a redirect
     * leads to another origin; when false they are dropped there.
     *
     * @param withCredentials true to send credentials across origins
     * @return this builder
     */
    public Builder withCredentials(boolean withCredentials) {
      this.withCredentials = withCredentials;
      return this;
    }

    /**
     * Makes the end of the response the end of the source (default false), for a reply that is read
     * once, such as an LLM's answer to a POST. When the server ends a stream it had answered with
     * 200 and {@code text/event-stream}, the source closes for good: readyState CLOSED, then the
     * {@link #onComplete} listeners, and no {@code error}. A failure after that answer (a network
     * error, the read timeout, an event too large) closes it too, with an {@code error} and
     * readyState CLOSED. Either way the request is never sent again. Until the server has so
     * answered, failures follow the {@link RetryPolicy} as on any source: a connection that could
     * not be made is retried after the reconnection time, up to {@code maxAttempts}, and an HTTP
     * error status is final unless the policy retries HTTP errors. {@link EventSource#restart()}
     * still sends the request again when called.
     *
     * @param oneShot true to close for good, completed, at the end of the stream
     * @return this builder
     */
    public Builder oneShot(boolean oneShot) {
      this.oneShot = oneShot;
      return this;
    }

    /**
     * Sets the executor that runs listeners, one at a time for this source; an Android app passes
     * its main thread's executor. Default: over a transport that gives each stream a thread of its
     * own ({@link dev.eventsource.transport.Transport#dedicatesThreadPerConnection()}: OkHttp's),
     * that thread, as the stream is read, with no hand-off: a slow listener then holds back its own
     * stream only; callbacks queued once the connection is dropped (its {@code error}) and over
     * other transports, a pool of 2 to 4 daemon threads (one per core) shared by every source, so
     * listeners should return quickly; give a source whose listeners block (on I/O, say) an
     * executor of its own, or they delay other sources' listeners. An executor that runs tasks on
     * the calling thread ({@code Runnable::run}) runs listeners on the transport's own threads: the
     * stream's reader thread over OkHttp, and over {@code JdkHttpTransport.create()} the shared
     * client's selector thread, where a listener that blocks stalls every stream of that client.
     * Use one only with listeners that never block.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Lets each connection attempt change its request, e.g. to send a fresh token.
     *
     * @param customizer called before every attempt
     * @return this builder
     */
    public Builder requestCustomizer(RequestCustomizer customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Adds an {@code open} listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onOpen(OpenListener listener) {
      listeners.open.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a listener for events of type {@code message}, those that name no type.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onMessage(MessageListener listener) {
      return on("message", listener);
    }

    /**
     * Adds a listener for events of one type, e.g. {@code "update"}.
     *
     * @param type the event type
     * @param listener the listener
     * @return this builder
     */
    public Builder on(String type, MessageListener listener) {
      listeners
          .forType(Objects.requireNonNull(type, "type"))
          .add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a listener for every event whatever its type; it runs before the type's listeners.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onAnyEvent(MessageListener listener) {
      listeners.anyEvent.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds an {@code error} listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onError(ErrorListener listener) {
      listeners.error.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a listener told when a {@linkplain #oneShot(boolean) one-shot} source completes; a
     * source that is not one-shot never completes.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onComplete(CompleteListener listener) {
      listeners.complete.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a listener for comment lines.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onComment(CommentListener listener) {
      listeners.comment.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Makes the source hand each event's data to {@code listener} in parts as it arrives, instead
     * of whole events to the message listeners, so that an event of any size (gigabytes of data)
     * can be read without holding it in memory. {@link #maxEventSize(int)} then no longer bounds
     * the data; it still bounds each other line (a comment, the {@code id}, the {@code event} type)
     * with the event type. A listener that does not keep up holds back the network read as message
     * listeners do, so the memory used stays bounded.
     *
     * <p>In this mode every event goes to {@code listener}, none whole: {@link #build()} refuses a
     * builder that also has {@link #onMessage}, {@link #on} or {@link #onAnyEvent} listeners, and
     * {@link EventSource#addEventListener} and {@link #stream()} refuse such a source, rather than
     * leave those listeners uncalled. The {@code open}, {@code error}, {@code complete} and comment
     * listeners are called as usual, comments in stream order with the data. Replaces a listener
     * set before.
     *
     * @param listener takes the parts, ends and discards of every event
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder streamEventData(EventDataListener listener) {
      this.dataListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** For tests: a fake clock and timer. */
    Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Creates the source and starts connecting at once.
     *
     * @return the source, in state CONNECTING
     * @throws IllegalStateException if {@link #streamEventData} was set together with event
     *     listeners ({@link #onMessage}, {@link #on}, {@link #onAnyEvent}), which would never be
     *     called
     */
    public EventSource build() {
      if (dataListener != null && listeners.hasEventListeners()) {
        throw new IllegalStateException(
            "streamEventData() delivers no whole event: remove the onMessage, on(type) and"
                + " onAnyEvent listeners, or the streamEventData listener");
      }
      EventSource source = new EventSource(this, null);
      source.machine.start();
      return source;
    }

    /**
     * Creates the source, starts connecting at once, and returns its events as a stream to pull
     * from, usually in try-with-resources; see {@link EventStream}. The listeners given to this
     * builder are called too, on the thread that pulls, while it pulls; the {@link
     * #executor(Executor)} set here is not used. For a reply read once, set {@link
     * #oneShot(boolean)} too, so that the loop ends with the response.
     *
     * @return the stream, whose source is CONNECTING
     * @throws IllegalStateException if {@link #streamEventData} was set: a stream yields whole
     *     events
     */
    public EventStream stream() {
      if (dataListener != null) {
        throw new IllegalStateException(
            "stream() yields whole events: it cannot be combined with streamEventData()");
      }
      PullQueue queue = new PullQueue();
      EventSource source = new EventSource(this, queue);
      EventStream stream = new EventStream(source, queue);
      source.machine.start();
      return stream;
    }
  }
}
