package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.testing.RecordingHandler.Body;
import dev.eventsource.testing.RecordingHandler.End;
import dev.eventsource.testing.RecordingHandler.Event;
import dev.eventsource.testing.RecordingHandler.Failure;
import dev.eventsource.transport.Connection;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkHttpTransportTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private final JdkHttpTransport transport = JdkHttpTransport.create(client);
  private final RecordingHandler handler = new RecordingHandler();
  private MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = TestServers.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void sendsMethodHeadersAndBodyAsGiven() throws Exception {
    server.enqueue(new MockResponse.Builder().body("").build());
    TransportRequest request =
        TestServers.get(server, "/events?x=1")
            .method("POST", "{\"a\":1}".getBytes(StandardCharsets.UTF_8))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .addHeader("X-Multi", "one")
            .addHeader("X-Multi", "two")
            .build();

    transport.open(request, handler);

    RecordedRequest recorded = TestServers.take(server);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo("/events?x=1");
    assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(recorded.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(recorded.getHeaders().values("X-Multi")).containsExactly("one", "two");
    assertThat(recorded.getBody().utf8()).isEqualTo("{\"a\":1}");
    assertThat(handler.takeResponse().status()).isEqualTo(200);
  }

  @Test
  void sendsGetWithoutBody() throws Exception {
    server.enqueue(new MockResponse.Builder().body("").build());

    transport.open(TestServers.get(server, "/").build(), handler);

    RecordedRequest recorded = TestServers.take(server);
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getBodySize()).isZero();
    handler.takeResponse();
  }

  /**
   * The JDK writes HTTP/1.1 header bytes as US-ASCII, so the UTF-8 bytes the transport hands it
   * arrive as one '?' each (over HTTP/2 they arrive intact: see {@link Http2Test}). This pins the
   * JDK's behaviour, so that a JDK that fixes it shows up here.
   */
  @Test
  void nonAsciiHeaderValueOverHttp11IsSentAsOneQuestionMarkPerUtf8Byte() throws Exception {
    server.enqueue(new MockResponse.Builder().body("").build());

    transport.open(TestServers.get(server, "/").header("Last-Event-ID", "é…").build(), handler);

    assertThat(TestServers.take(server).getHeaders().get("Last-Event-ID")).isEqualTo("?????");
    handler.takeResponse();
  }

  @Test
  void reportsStatusHeadersAndUrl() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(201)
            .setHeader("Content-Type", "text/event-stream; charset=utf-8")
            .addHeader("X-Two", "a")
            .addHeader("X-Two", "b")
            .body("")
            .build());
    URI uri = TestServers.uri(server, "/stream");

    transport.open(TransportRequest.builder(uri).build(), handler);

    TransportResponse response = handler.takeResponse();
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
    assertThat(response.headers().get("X-TWO")).containsExactly("a", "b");
    assertThat(response.url()).isEqualTo(uri);
  }

  @Test
  void bodyFlowsOnlyWhenRequested() throws Exception {
    server.enqueue(new MockResponse.Builder().body("data: hello\n\n").build());

    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();

    // The server sent everything at once, yet nothing comes until core asks.
    handler.assertNoMoreCalls(300);
    connection.request();
    assertThat(handler.takeBody()).isEqualTo("data: hello\n\n");
    connection.request();
    handler.takeEnd();
    handler.assertNoMoreCalls(50);
  }

  @Test
  void eachRequestGivesOneNonEmptyChunk() throws Exception {
    byte[] body = new byte[256 * 1024];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) ('a' + i % 26);
    }
    server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(body)).build());

    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    int chunks = 0;
    while (true) {
      connection.request();
      Event call = handler.take();
      if (call instanceof End) {
        break;
      }
      assertThat(call).isInstanceOf(Body.class);
      received.write(((Body) call).bytes());
      chunks++;
      if (chunks <= 3 && received.size() < body.length) {
        handler.assertNoMoreCalls(100); // one request, one chunk
      }
    }
    assertThat(chunks).isGreaterThan(1);
    assertThat(received.toByteArray()).isEqualTo(body);
    handler.assertNoMoreCalls(50);
  }

  @Test
  void endsWithoutRequestWhenBodyIsEmpty() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    transport.open(TestServers.get(server, "/").build(), handler);

    assertThat(handler.takeResponse().status()).isEqualTo(204);
    handler.takeEnd();
    handler.assertNoMoreCalls(50);
  }

  @Test
  void failsWhenConnectionIsRefused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + port + "/");

    transport.open(TransportRequest.builder(uri).build(), handler);

    IOException failure = handler.takeFailure();
    assertThat(failure).isInstanceOf(ConnectException.class);
    handler.assertNoMoreCalls(50);
  }

  @Test
  void failsWhenServerDisconnectsMidBody() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .body(new TruncatedBody())
            .onResponseEnd(new SocketEffect.CloseSocket())
            .build());

    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();
    connection.request();

    Event call = handler.take();
    if (call instanceof Body body) {
      assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("data: partial");
      connection.request();
      call = handler.take();
    }
    assertThat(call).isInstanceOf(Failure.class);
    handler.assertNoMoreCalls(50);
  }

  @Test
  void restrictedHeaderFailsThroughTheHandler() throws Exception {
    TransportRequest request = TestServers.get(server, "/").header("Host", "example.com").build();

    Connection connection = transport.open(request, handler);

    assertThat(connection).isNotNull();
    assertThat(handler.takeFailure())
        .isInstanceOf(dev.eventsource.transport.RequestRefusedException.class)
        .hasMessageContaining("Host");
    handler.assertNoMoreCalls(50);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusedHeaderValueIsNotQuotedInTheError() throws Exception {
    TransportRequest request =
        TestServers.get(server, "/").header("Authorization", "Bearer s3cret\u0001").build();

    transport.open(request, handler);

    IOException failure = handler.takeFailure();
    assertThat(failure).hasMessageContaining("Authorization").hasMessageContaining("index 13");
    assertThat(String.valueOf(failure)).doesNotContain("s3cret");
    handler.assertNoMoreCalls(50);
  }

  @Test
  void requestAndCancelAfterTheEndAreIgnored() throws Exception {
    server.enqueue(new MockResponse.Builder().body("x").build());
    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();
    connection.request();
    assertThat(handler.takeBody()).isEqualTo("x");
    connection.request();
    handler.takeEnd();

    connection.request();
    connection.cancel();
    connection.cancel();

    handler.assertNoMoreCalls(100);
  }

  @Test
  void defaultTransportWorks() throws Exception {
    server.enqueue(new MockResponse.Builder().body("ok").build());

    Connection connection =
        JdkHttpTransport.create().open(TestServers.get(server, "/").build(), handler);

    handler.takeResponse();
    connection.request();
    assertThat(handler.takeBody()).isEqualTo("ok");
    assertThat(JdkHttpTransport.create())
        .as("one shared transport")
        .isSameAs(JdkHttpTransport.create());
  }

  @Test
  void sendingRunsOnThePoolNotOnTheCallersThreadEvenOverADirectExecutorClient() throws Exception {
    // sendAsync looks up the proxy, resolves the host and, on a direct executor, connects on the
    // thread that calls it: open() must leave all that to the transport's pool.
    server.enqueue(new MockResponse.Builder().body("ok").build());
    AtomicReference<String> sendingThread = new AtomicReference<>();
    ProxySelector noting =
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            sendingThread.compareAndSet(null, Thread.currentThread().getName());
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException error) {}
        };
    HttpClient client = HttpClient.newBuilder().executor(Runnable::run).proxy(noting).build();

    JdkHttpTransport.create(client).open(TestServers.get(server, "/").build(), handler);

    handler.takeResponse();
    assertThat(sendingThread.get())
        .isNotNull()
        .isNotEqualTo(Thread.currentThread().getName())
        .startsWith("eventsource-jdk-");
  }

  @Test
  void defaultTransportReadsALoneChunkOnTheSelectorThreadWithoutHandOffs() throws Exception {
    // The body comes after the request for it, so the JDK's thread delivers it, not the caller's.
    CountDownLatch requested = new CountDownLatch(1);
    server.enqueue(new MockResponse.Builder().body(new HeldBody("ok", requested)).build());
    Connection connection =
        JdkHttpTransport.create().open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();
    // The thread that reported the response may still be draining: data that arrived then would
    // be delivered by it, so the body is released only once no thread is inside the stream.
    awaitNoThreadDraining();
    connection.request();
    requested.countDown();

    assertThat(handler.takeBody()).isEqualTo("ok");
    // The shared client's direct executor: the JDK hands the bytes over on its selector thread,
    // not on a pool's, and a lone chunk is parsed right there.
    assertThat(handler.lastCallThread()).contains("SelectorManager");
  }

  /** Waits (at most 10 s) until no thread runs {@link BodyStream}'s drain loop. */
  private static void awaitNoThreadDraining() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      boolean draining =
          Thread.getAllStackTraces().values().stream()
              .flatMap(Arrays::stream)
              .anyMatch(frame -> frame.getClassName().equals(BodyStream.class.getName()));
      if (!draining) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("a thread is still inside BodyStream after 10 s");
  }

  /** A body the server sends only once a latch counts down (at most 10 s later). */
  private static final class HeldBody implements MockResponseBody {
    private final byte[] bytes;
    private final CountDownLatch release;

    HeldBody(String text, CountDownLatch release) {
      this.bytes = text.getBytes(StandardCharsets.UTF_8);
      this.release = release;
    }

    @Override
    public long getContentLength() {
      return bytes.length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
      sink.write(bytes);
    }
  }

  /** Promises 1,000 bytes and sends 13; the server then closes the socket. */
  private static final class TruncatedBody implements MockResponseBody {
    @Override
    public long getContentLength() {
      return 1000;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.writeUtf8("data: partial").flush();
    }
  }
}
