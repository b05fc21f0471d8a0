package dev.eventsource.okhttp;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * A {@link Transport} over OkHttp: event streams share the application's {@link OkHttpClient}
 * (connection pool, interceptors, TLS, proxy, cookies) without taking its dispatcher's slots or
 * inheriting its timeouts.
 *
 * <p>The transport runs streams on a client derived once from the given one, which differs in four
 * ways:
 *
 * <ul>
 *   <li>its own {@link Dispatcher}, so streams never count among the application's running calls
 *       and are not cancelled by its {@code cancelAll()} (streams execute their calls on the
 *       transport's threads, so no dispatcher limit, such as 5 calls per host, applies to them);
 *   <li>no read timeout and no call timeout: a stream may be silent for minutes; the {@code
 *       EventSource}'s own read timeout decides when silence, including a wait for the response
 *       headers, means a dead connection (the client's connect and write timeouts still apply);
 *   <li>redirects are not followed by OkHttp: each call is one exchange, and the event source
 *       follows redirects itself with Fetch's rules, the same over every transport;
 *   <li>each open stream holds one daemon thread of the transport's pool, {@code
 *       eventsource-okhttp-N}, which executes its calls (OkHttp's synchronous {@code execute()}),
 *       then reads the body as the event source asks for it; an event source given no executor runs
 *       its listeners on that thread too (see {@link #dedicatesThreadPerConnection()}). Threads
 *       idle for 60 seconds end, so a transport needs no shutdown.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; one transport serves any number of event sources.
 */
public final class OkHttpTransport implements Transport {
  private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

  private final OkHttpClient client;
  private final ExecutorService executor;

  private OkHttpTransport(OkHttpClient userClient) {
    this.executor = newExecutor();
    this.client =
        userClient
            .newBuilder() // shares the connection pool, interceptors, TLS and proxy settings
            // Given the pool only so that OkHttp makes no executor of its own: the transport
            // executes calls on the pool itself and never enqueues one.
            .dispatcher(new Dispatcher(executor))
            .readTimeout(0, TimeUnit.MILLISECONDS)
            .callTimeout(0, TimeUnit.MILLISECONDS)
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
  }

  /**
   * Creates a transport over the application's client. The client itself is not changed: the
   * transport derives its own client from it, once, here.
   *
   * @param client the application's OkHttp client; not null
   * @return a transport, safe to share between event sources and threads
   * @throws NullPointerException if {@code client} is null
   */
  public static OkHttpTransport create(OkHttpClient client) {
    Objects.requireNonNull(client, "client");
    return new OkHttpTransport(client);
  }

  /**
   * Creates a transport over a new OkHttp client with default settings. Prefer {@link
   * #create(OkHttpClient)} when the application already has a client, so that they share
   * connections.
   *
   * @return a transport, safe to share between event sources and threads
   */
  public static OkHttpTransport create() {
    return create(new OkHttpClient());
  }

  /**
   * Starts the request on a thread of this transport and returns at once. See {@link
   * Transport#open} for the order of the handler's calls; here they all come from this transport's
   * threads, never from the caller's, even when OkHttp refuses the request (e.g. a GET with a
   * body), which is reported to {@link ResponseHandler#onFailure}.
   *
   * @param request what to send; not null
   * @param handler receives the response; not null
   * @return the connection, to ask for body chunks and to cancel
   * @throws NullPointerException if an argument is null
   */
  @Override
  public Connection open(TransportRequest request, ResponseHandler handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    OkHttpConnection connection = new OkHttpConnection(client, executor, handler);
    connection.start(request);
    return connection;
  }

  /**
   * True: each connection's handler calls all come on the one thread of the transport's pool that
   * executes its call and then reads its body, blocking, and serves no other connection until the
   * exchange is over. So an event source given no executor runs its listeners on that thread, as
   * okhttp-sse does: a slow listener holds back only its own stream's reads.
   *
   * @return true
   */
  @Override
  public boolean dedicatesThreadPerConnection() {
    return true;
  }

  @Override
  public String toString() {
    return "OkHttpTransport";
  }

  /** Like OkHttp's own dispatcher executor (unbounded, 60 s keep-alive), with daemon threads. */
  private static ExecutorService newExecutor() {
    ThreadFactory threads =
        runnable -> {
          Thread thread =
              new Thread(runnable, "eventsource-okhttp-" + THREAD_COUNT.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<Runnable>(), threads);
  }
}
