package dev.eventsource.jdk;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} over {@code java.net.http} (Java 11 and later), without holding a thread per
 * stream: the body is read by a {@link java.net.http.HttpResponse.BodySubscriber} that asks the JDK
 * for more bytes while less than 64 KiB waits for core, and parses where the JDK delivers them (or,
 * on a client of your own, on a pool thread while a stream is busy), so thousands of idle streams
 * share the client's few threads.
 *
 * <p><b>Redirects.</b> Each {@link #open} is one exchange; a redirect response is reported like any
 * other, and the event source follows it with Fetch's rules, the same over every transport. Give
 * the transport a client on {@link HttpClient.Redirect#NEVER}, the JDK's default: one that follows
 * redirects itself applies its own rules instead (the JDK's limit of 5 hops, the JDK's choice of
 * headers to forward, which does not know the source's sensitive headers), and the transport
 * reports the final URL the client gives.
 *
 * <p><b>Headers.</b> The JDK reserves some request headers ({@code Host}, {@code Connection},
 * {@code Content-Length}, {@code Expect}, {@code Upgrade}; the set depends on the JDK version and
 * its {@code jdk.httpclient.allowRestrictedHeaders} property); a request that sets one fails
 * through {@link ResponseHandler#onFailure}, never by an exception from {@link #open}. Non-ASCII
 * values (a {@code Last-Event-ID}, say) are sent as UTF-8 over HTTP/2; over HTTP/1.1 the JDK writes
 * header bytes as US-ASCII and each non-ASCII byte becomes {@code ?}.
 *
 * <p><b>Cancelling</b> releases the connection on every JDK from 11 on while the body streams. A
 * cancel before the response headers arrive aborts the exchange at once on JDK 16 and later; on JDK
 * 11 to 15 the JDK gives no way to abort it, so the connection closes when the headers arrive (or
 * when the server ends it), and the handler hears nothing either way.
 *
 * <p>Instances are immutable and safe to share between threads and sources; share one client.
 */
public final class JdkHttpTransport implements Transport {
  private final HttpClient client;
  private final @Nullable Executor handOver;

  /**
   * @param handOver where a busy stream's parsing goes (see {@link BodyStream}); null to parse on
   *     the JDK's thread, which only pays on a client whose JDK thread is the selector's
   */
  private JdkHttpTransport(HttpClient client, @Nullable Executor handOver) {
    this.client = client;
    this.handOver = handOver;
  }

  /**
   * Creates a transport over the given client. The client's executor, if it has one, runs the JDK's
   * tasks and a busy stream's parsing, handed over from the JDK's tasks so that the JDK reads on
   * while a chunk is parsed (a direct executor, {@code executor(Runnable::run)}, parses in place,
   * as {@link #create()} does); without one, that parsing runs on a pool of 2 to 4 daemon threads
   * shared by every stream. The transport's own tasks (sending, which may resolve a host name and
   * connect, cancels, early failures) always run on that pool, never on the caller's thread nor on
   * the JDK's. The client's connect timeout, proxy, TLS and authenticator settings apply to every
   * request. Prefer a client on {@link HttpClient.Redirect#NEVER} (the default).
   *
   * @param client the client to send with; not null, and not closed while streams are open
   * @return the transport
   * @throws NullPointerException if client is null
   */
  public static JdkHttpTransport create(HttpClient client) {
    Objects.requireNonNull(client, "client");
    return new JdkHttpTransport(client, client.executor().orElse(SharedPool.executor()));
  }

  /**
   * Returns the transport over one client shared by every caller: the JDK's defaults ({@link
   * HttpClient.Redirect#NEVER}, HTTP/2 where the server offers it) except that the client runs the
   * JDK's tasks on its selector thread ({@code executor(Runnable::run)}) instead of handing each
   * one to a thread pool, and the transport parses each chunk right there, as the selector thread
   * delivers it, or on the thread that asks for it if it was already waiting (a chunk is at most
   * one JDK read, 16 KiB by default, parsed in microseconds); listeners run on each source's
   * executor, so never on this thread unless that executor runs tasks in place. The hand-offs this
   * saves are most of the JDK client's cost in latency and throughput ({@code benchmarks/README.md}
   * has the figures). Created on first use; its threads are daemons.
   *
   * <p>TLS handshake work runs in place too (the JDK runs it on the client's executor), mostly on
   * the selector thread, so handshakes take turns: a process that reconnects thousands of https
   * streams at once waits for them in turn. For a client of your own (a proxy, TLS settings, a
   * connect timeout), {@code HttpClient.newBuilder().executor(Runnable::run)} given to {@link
   * #create(HttpClient)} runs the same way; a pool executor spreads handshakes and parsing over its
   * threads at the cost of a hand-over per chunk, and is the one to keep if other code of yours
   * attaches blocking work to the client's futures.
   *
   * @return the transport
   */
  public static JdkHttpTransport create() {
    return DefaultTransport.INSTANCE;
  }

  /**
   * Starts the request and returns at once; see {@link Transport#open}. The handler is called on
   * the executor described at {@link #create(HttpClient)}, the JDK's threads, or on the thread that
   * calls {@link Connection#request()} when a chunk is already buffered; never two calls at once,
   * and never one nested in another. {@link Connection#cancel()} never blocks and does no I/O on
   * its caller's thread.
   *
   * @param request what to send; not null
   * @param handler receives the response; not null
   * @return the connection, to ask for body chunks and to cancel
   * @throws NullPointerException if an argument is null; every other problem, including a header
   *     the JDK refuses, reaches {@link ResponseHandler#onFailure}
   */
  @Override
  public Connection open(TransportRequest request, ResponseHandler handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    // The transport's own tasks (sending, cancels, failures, redirect hops) run on its pool, never
    // on the client's executor, which may run them in place (a direct executor).
    JdkExchange exchange =
        new JdkExchange(client, SharedPool.executor(), new BodyStream(handler, handOver));
    exchange.start(request);
    return exchange;
  }

  @Override
  public String toString() {
    return "JdkHttpTransport{" + client + "}";
  }

  /** The shared default transport and client, created on first use (the holder idiom). */
  private static final class DefaultTransport {
    static final JdkHttpTransport INSTANCE =
        new JdkHttpTransport(HttpClient.newBuilder().executor(Runnable::run).build(), null);
  }
}
