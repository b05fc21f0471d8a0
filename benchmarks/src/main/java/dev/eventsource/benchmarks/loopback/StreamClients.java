package dev.eventsource.benchmarks.loopback;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.logging.LDLogger;
import dev.eventsource.EventSource;
import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.transport.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * The loopback clients, each with its library's default client settings: this library over each
 * adapter, the two peers, and the limits that only read bytes.
 */
public final class StreamClients {
  /** Every client name {@link #create(String)} knows, libraries first, then the limits. */
  public static final List<String> NAMES =
      List.of(
          "ours-jdk",
          "ours-okhttp",
          "okhttp-sse",
          "launchdarkly",
          "raw-socket",
          "bare-jdk",
          "bare-okhttp");

  private StreamClients() {}

  /**
   * Creates a client by name.
   *
   * @param name one of {@link #NAMES}
   * @return the client, with its own HTTP client
   * @throws IllegalArgumentException for an unknown name
   */
  public static StreamClient create(String name) {
    switch (name) {
      case "ours-jdk":
        return new Ours(JdkHttpTransport.create(), () -> {});
      case "ours-okhttp":
        OkHttpClient client = new OkHttpClient();
        return new Ours(OkHttpTransport.create(client), () -> shutdown(client));
      case "okhttp-sse":
        return new OkHttpSse(new OkHttpClient());
      case "launchdarkly":
        return StreamClients::launchDarkly;
      case "raw-socket":
        return StreamClients::rawSocket;
      case "bare-jdk":
        HttpClient jdk = HttpClient.newHttpClient();
        return (uri, events) -> bareJdk(jdk, uri);
      case "bare-okhttp":
        OkHttpClient ok = new OkHttpClient();
        return new StreamClient() {
          @Override
          public long stream(URI uri, int events) throws IOException {
            return bareOkHttp(ok, uri);
          }

          @Override
          public void close() {
            shutdown(ok);
          }
        };
      default:
        throw new IllegalArgumentException("unknown client " + name + "; known: " + NAMES);
    }
  }

  static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** This library: an {@code EventSource} with the default dispatch executor. */
  private static final class Ours implements StreamClient {
    private final Transport transport;
    private final Runnable closer;

    Ours(Transport transport, Runnable closer) {
      this.transport = transport;
      this.closer = closer;
    }

    @Override
    public long stream(URI uri, int events) throws Exception {
      Completion completion = new Completion(events);
      EventSource source =
          EventSource.builder(uri, transport)
              .onAnyEvent((s, event) -> completion.event(event.data()))
              .onError((s, error) -> completion.error(error))
              .build();
      try {
        return completion.await();
      } finally {
        source.close();
      }
    }

    @Override
    public void close() {
      closer.run();
    }
  }

  /** okhttp-sse: {@code EventSources.createFactory(client)} over a default client. */
  private static final class OkHttpSse implements StreamClient {
    private final OkHttpClient client;
    private final okhttp3.sse.EventSource.Factory factory;

    OkHttpSse(OkHttpClient client) {
      this.client = client;
      this.factory = EventSources.createFactory(client);
    }

    @Override
    public long stream(URI uri, int events) throws Exception {
      Completion completion = new Completion(events);
      okhttp3.sse.EventSource source =
          factory.newEventSource(
              new Request.Builder().url(uri.toString()).build(),
              new EventSourceListener() {
                @Override
                public void onEvent(
                    okhttp3.sse.EventSource s,
                    @Nullable String id,
                    @Nullable String type,
                    String d) {
                  completion.event(d);
                }

                @Override
                public void onFailure(
                    okhttp3.sse.EventSource s, @Nullable Throwable t, @Nullable Response response) {
                  completion.error(t != null ? t : new IOException("failed: " + response));
                }

                @Override
                public void onClosed(okhttp3.sse.EventSource s) {
                  completion.error(new EOFException("closed"));
                }
              });
      try {
        return completion.await();
      } finally {
        source.cancel();
      }
    }

    @Override
    public void close() {
      shutdown(client);
    }
  }

  /** LaunchDarkly's pull API on the calling thread, its fastest way to read. */
  private static long launchDarkly(URI uri, int events) throws Exception {
    try (com.launchdarkly.eventsource.EventSource source =
        new com.launchdarkly.eventsource.EventSource.Builder(ConnectStrategy.http(uri))
            .errorStrategy(ErrorStrategy.alwaysThrow())
            .logger(LDLogger.none())
            .build()) {
      source.start();
      long dataChars = 0;
      for (int i = 0; i < events; i++) {
        dataChars += source.readMessage().getData().length();
      }
      return dataChars;
    }
  }

  /** The limit: send a request head, read every byte until the server closes. */
  private static long rawSocket(URI uri, int events) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
      String head =
          "GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
      }
      return total;
    }
  }

  /** The JDK adapter's floor: {@code java.net.http} with a body subscriber that counts bytes. */
  private static long bareJdk(HttpClient client, URI uri) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
    return client
        .send(
            request, info -> HttpResponse.BodySubscribers.fromSubscriber(new Counting(), c -> c.n))
        .body();
  }

  /** The OkHttp adapter's floor: a call whose body is read in 8 KiB reads and dropped. */
  private static long bareOkHttp(OkHttpClient client, URI uri) throws IOException {
    Request request = new Request.Builder().url(uri.toString()).build();
    try (Response response = client.newCall(request).execute()) {
      BufferedSource source = response.body().source();
      Buffer buffer = new Buffer();
      long total = 0;
      for (long n; (n = source.read(buffer, 8192)) != -1; ) {
        total += n;
        buffer.clear();
      }
      return total;
    }
  }

  /** Counts body bytes; reads happen-before {@code onComplete}, which publishes the count. */
  static final class Counting implements Flow.Subscriber<List<ByteBuffer>> {
    long n;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        n += b.remaining();
      }
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}
