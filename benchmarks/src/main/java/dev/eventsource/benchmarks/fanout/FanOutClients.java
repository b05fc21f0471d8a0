package dev.eventsource.benchmarks.fanout;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.background.BackgroundEventHandler;
import com.launchdarkly.eventsource.background.BackgroundEventSource;
import com.launchdarkly.logging.LDLogger;
import dev.eventsource.EventSource;
import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.transport.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.jspecify.annotations.Nullable;

/** The fan-out clients: each opens one stream per call and reports its first event. */
final class FanOutClients {
  private FanOutClients() {}

  /**
   * Opens one stream; the returned object keeps it reachable. {@code firstEvent} is called at the
   * stream's first event and must tolerate more calls (a reconnection replays the greeting).
   */
  interface Opener {
    Object open(URI uri, Runnable firstEvent) throws Exception;
  }

  static Opener create(String client) {
    switch (client) {
      case "ours-jdk":
        return ours(JdkHttpTransport.create(twoThreadJdkClient()));
      case "bare-jdk":
        HttpClient jdk = twoThreadJdkClient();
        return (uri, firstEvent) -> bareJdk(jdk, uri, firstEvent);
      case "ours-okhttp":
        return ours(OkHttpTransport.create(new OkHttpClient()));
      case "okhttp-sse":
        return okhttpSse(new OkHttpClient());
      case "okhttp-sse-unlimited":
        // What an application holding many streams configures: no per-host limit, and no read
        // timeout (the default 10 s ends a silent stream).
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Integer.MAX_VALUE);
        dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
        return okhttpSse(
            new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .build());
      case "launchdarkly":
        return FanOutClients::launchDarkly;
      default:
        throw new IllegalArgumentException("unknown client " + client);
    }
  }

  /** The JDK setup: a client whose executor has two threads. */
  private static HttpClient twoThreadJdkClient() {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "jdk-client-executor");
              t.setDaemon(true);
              return t;
            });
    return HttpClient.newBuilder().executor(executor).build();
  }

  private static Opener ours(Transport transport) {
    return (uri, firstEvent) ->
        EventSource.builder(uri, transport).onAnyEvent((s, e) -> firstEvent.run()).build();
  }

  private static Object bareJdk(HttpClient client, URI uri, Runnable firstEvent) {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
    return client.sendAsync(
        request, info -> HttpResponse.BodySubscribers.fromSubscriber(new FirstBytes(firstEvent)));
  }

  private static Opener okhttpSse(OkHttpClient client) {
    okhttp3.sse.EventSource.Factory factory = EventSources.createFactory(client);
    return (uri, firstEvent) ->
        factory.newEventSource(
            new Request.Builder().url(uri.toString()).build(),
            new EventSourceListener() {
              @Override
              public void onEvent(
                  okhttp3.sse.EventSource s,
                  @Nullable String id,
                  @Nullable String type,
                  String data) {
                firstEvent.run();
              }
            });
  }

  /**
   * LaunchDarkly's callback API: a {@code BackgroundEventSource} per stream, its defaults but for
   * the read timeout, off here as in the other clients (its default 5 s reconnects a silent
   * stream).
   */
  private static Object launchDarkly(URI uri, Runnable firstEvent) {
    BackgroundEventHandler handler =
        new BackgroundEventHandler() {
          @Override
          public void onOpen() {}

          @Override
          public void onClosed() {}

          @Override
          public void onMessage(String event, MessageEvent messageEvent) {
            firstEvent.run();
          }

          @Override
          public void onComment(String comment) {}

          @Override
          public void onError(Throwable t) {}
        };
    BackgroundEventSource source =
        new BackgroundEventSource.Builder(
                handler,
                new com.launchdarkly.eventsource.EventSource.Builder(
                        ConnectStrategy.http(uri).readTimeout(0, TimeUnit.MILLISECONDS))
                    .logger(LDLogger.none()))
            .build();
    source.start();
    return source;
  }

  /** A body subscriber that only notes that bytes arrived, the JDK adapter's floor. */
  private static final class FirstBytes implements Flow.Subscriber<List<ByteBuffer>> {
    private final Runnable firstEvent;
    private boolean seen;

    FirstBytes(Runnable firstEvent) {
      this.firstEvent = firstEvent;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      if (!seen) {
        seen = true;
        firstEvent.run();
      }
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}
