package dev.eventsource.jdk;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A {@link Transport} over {@code java.net.http} (Java 11 and later), without holding a thread per
 * stream: the body is read by a {@link java.net.http.HttpResponse.BodySubscriber} that asks the JDK
 * for more bytes while less than 64 KiB waits for core, and parses on a pool thread only while
 * bytes arrive, so thousands of idle streams share the client's few threads.
 *
 * <p><b>Redirects.</b> The transport follows 301, 302, 303, 307 and 308 itself, hop by hop, with
 * the rules of {@link dev.eventsource.transport.Redirects} (Fetch's method and body changes, at
 * most 20 redirects, no https to http, sensitive headers kept from other origins unless {@code
 * withCredentials}), also with a client on {@link HttpClient.Redirect#NEVER}, the JDK's default.
 * Give it such a client: one that follows redirects itself applies its own rules instead (the JDK's
 * limit of 5 hops, the JDK's choice of headers to forward, which does not know the source's
 * sensitive headers), and the transport reports the final URL the client gives.
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
  private final Executor executor;

  private JdkHttpTransport(HttpClient client) {
    this.client = client;
    // Parsing, cancels and early failures run here, never on the caller's or the JDK's thread.
    this.executor = client.executor().orElse(SharedPool.executor());
  }

  /**
   * Creates a transport over the given client. The client's executor, if it has one, runs the JDK's
   * tasks and the transport's own: parsing body chunks (handed over from the JDK's tasks, so that
   * the JDK reads on while a chunk is parsed), cancels, early failures, redirect hops; without one,
   * the transport runs its own on a pool of 2 to 4 daemon threads shared by all its streams. The
   * client's connect timeout, proxy, TLS and authenticator settings apply to every request. Prefer
   * a client on {@link HttpClient.Redirect#NEVER} (the default).
   *
   * @param client the client to send with; not null, and not closed while streams are open
   * @return the transport
   * @throws NullPointerException if client is null
   */
  public static JdkHttpTransport create(HttpClient client) {
    return new JdkHttpTransport(Objects.requireNonNull(client, "client"));
  }

  /**
   * Creates a transport over one client shared by every transport made this way: the JDK's defaults
   * ({@link HttpClient.Redirect#NEVER}, HTTP/2 where the server offers it) and its internal
   * executor. Created on first use; its threads are daemons.
   *
   * @return the transport
   */
  public static JdkHttpTransport create() {
    return create(DefaultClient.INSTANCE);
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
    JdkExchange exchange = new JdkExchange(client, executor, new BodyStream(handler, executor));
    exchange.start(request);
    return exchange;
  }

  @Override
  public String toString() {
    return "JdkHttpTransport{" + client + "}";
  }

  /** The shared default client, created on first use (the holder idiom). */
  private static final class DefaultClient {
    static final HttpClient INSTANCE = HttpClient.newHttpClient();
  }
}
