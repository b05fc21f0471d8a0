package dev.eventsource.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.testing.StreamScript;
import dev.eventsource.transport.Connection;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class OkHttpTransportResourcesTest extends OkHttpTestSupport {
  /** Small for CI; the 1,000: {@code -Deventsource.okhttp.streams=1000}. */
  private static final int STREAMS = Integer.getInteger("eventsource.okhttp.streams", 60);

  @Test
  void userClientReadTimeoutDoesNotEndAnIdleStream() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(stream().pause(1_000).send("data: late\n\n").response());
    OkHttpClient impatient =
        userClient.newBuilder().readTimeout(200, TimeUnit.MILLISECONDS).build();

    Connection connection = open(OkHttpTransport.create(impatient), get(server, "/"), handler);
    handler.takeResponse();
    connection.request();

    assertThat(handler.takeBody()).isEqualTo("data: late\n\n");
  }

  @Test
  void manyStreamsToOneHostDoNotStarveTheUserClient() throws Exception {
    MockWebServer server = startServer();
    List<StreamScript> streams = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      streams.add(stream().send("data: hello\n\n").awaitClientClose());
    }
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String target = request.getTarget();
            if (target.equals("/ordinary")) {
              return new MockResponse.Builder().body("plain").build();
            }
            // "/stream/N" gets script N: requests may arrive in any order.
            return streams.get(Integer.parseInt(target.substring("/stream/".length()))).response();
          }
        });

    List<RecordingHandler> handlers = new ArrayList<>();
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      RecordingHandler each = new RecordingHandler();
      handlers.add(each);
      connections.add(open(transport, get(server, "/stream/" + i), each));
    }
    for (int i = 0; i < STREAMS; i++) {
      handlers.get(i).takeResponse();
      connections.get(i).request();
      assertThat(handlers.get(i).takeBody()).isEqualTo("data: hello\n\n");
    }

    // All streams are open; the application's own dispatcher (5 per host) is untouched.
    assertThat(userClient.dispatcher().runningCallsCount()).isZero();
    assertThat(enqueueOnUserClient(server)).isEqualTo("plain");

    for (int i = 0; i < STREAMS; i++) {
      connections.get(i).cancel();
      assertThat(streams.get(i).awaitClientGone(5, TimeUnit.SECONDS)).isTrue();
      handlers.get(i).assertNoViolations();
    }
  }

  @Test
  void anIdleStreamHoldsNoneOfOkHttpsResponseObjects() throws Exception {
    MockWebServer server = startServer();
    StreamScript script = stream().send("data: hello\n\n");
    server.enqueue(script.response());
    List<WeakReference<Response>> responses = new CopyOnWriteArrayList<>();
    OkHttpClient watched =
        userClient
            .newBuilder()
            .addNetworkInterceptor(chain -> remember(responses, chain.proceed(chain.request())))
            .addInterceptor(chain -> remember(responses, chain.proceed(chain.request())))
            .build();

    Connection connection = open(OkHttpTransport.create(watched), get(server, "/"), handler);
    handler.takeResponse();
    connection.request();
    assertThat(handler.takeBody()).isEqualTo("data: hello\n\n");
    connection.request(); // the reading thread now waits in the body for more

    assertThat(responses).hasSize(2); // the response and its network response
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (responses.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(responses).allSatisfy(r -> assertThat(r.get()).isNull());

    // The stream is still open and still delivers.
    script.send("data: after\n\n");
    assertThat(handler.takeBody()).isEqualTo("data: after\n\n");
  }

  @Test
  void anInterceptorsRuntimeExceptionFailsTheConnectionWithItAsTheCause() throws Exception {
    IllegalStateException thrown = new IllegalStateException("interceptor broke");
    List<Throwable> uncaught = failWithInterceptorThrowing(thrown);

    assertThat(uncaught).isEmpty(); // reported to the handler, so the pool thread carries on
  }

  @Test
  void anInterceptorsErrorFailsTheConnectionAndStillReachesTheUncaughtHandler() throws Exception {
    AssertionError thrown = new AssertionError("interceptor asserted");
    List<Throwable> uncaught = failWithInterceptorThrowing(thrown);

    assertThat(uncaught).containsExactly(thrown);
  }

  /**
   * Opens a connection through an interceptor that throws, checks that the handler gets one failure
   * with the throwable as its cause and nothing else, and returns what reached the default uncaught
   * exception handler meanwhile.
   */
  private List<Throwable> failWithInterceptorThrowing(Throwable thrown) throws Exception {
    MockWebServer server = startServer();
    server.enqueue(stream().send("data: never\n\n").response());
    OkHttpClient broken =
        userClient
            .newBuilder()
            .addInterceptor(
                chain -> {
                  if (thrown instanceof Error error) {
                    throw error;
                  }
                  throw (RuntimeException) thrown;
                })
            .build();
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
    try {
      open(OkHttpTransport.create(broken), get(server, "/"), handler);

      IOException failure = handler.takeFailure();
      assertThat(failure).hasMessageContaining(thrown.getMessage()).hasCause(thrown);
      handler.assertNoMoreCalls(200);
      if (thrown instanceof Error) {
        // The thread hands it to its uncaught exception handler just after the failure.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (uncaught.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      }
      return new ArrayList<>(uncaught);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  @Test
  void theUserClientsCancelAllLeavesStreamsAlone() throws Exception {
    MockWebServer server = startServer();
    StreamScript script = stream().send("data: one\n\n");
    server.enqueue(script.response());

    Connection connection = open(transport, get(server, "/"), handler);
    handler.takeResponse();
    connection.request();
    assertThat(handler.takeBody()).isEqualTo("data: one\n\n");
    connection.request();
    userClient.dispatcher().cancelAll();

    script.send("data: two\n\n");
    assertThat(handler.takeBody()).isEqualTo("data: two\n\n");
  }

  private static Response remember(List<WeakReference<Response>> responses, Response response) {
    responses.add(new WeakReference<>(response));
    return response;
  }

  private String enqueueOnUserClient(MockWebServer server) throws Exception {
    CompletableFuture<String> body = new CompletableFuture<>();
    Request request = new Request.Builder().url(uri(server, "/ordinary").toString()).build();
    userClient
        .newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                body.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                  body.complete(response.body().string());
                }
              }
            });
    return body.get(5, TimeUnit.SECONDS);
  }
}
