package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.LocalTls;
import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.transport.Connection;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same transport over HTTP/2 (TLS with ALPN): streams, flow control and cancel per stream. */
class Http2Test {
  private static LocalTls tls;

  private final RecordingHandler handler = new RecordingHandler();
  private MockWebServer server;
  private JdkHttpTransport transport;

  @BeforeAll
  static void makeCertificate() {
    tls = LocalTls.create();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.useHttps(tls.serverContext().getSocketFactory());
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(tls.clientContext())
            .version(HttpClient.Version.HTTP_2)
            .build();
    transport = JdkHttpTransport.create(client);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void sendsHeadersOverHttp2() throws Exception {
    server.enqueue(new MockResponse.Builder().build());

    transport.open(TestServers.get(server, "/").header("Last-Event-ID", "42").build(), handler);

    RecordedRequest recorded = TestServers.take(server);
    assertThat(recorded.getVersion()).isEqualTo("HTTP/2");
    assertThat(recorded.getHeaders().get("Last-Event-ID")).isEqualTo("42");
    assertThat(handler.takeResponse().status()).isEqualTo(200);
  }

  /**
   * Over HTTP/2 the UTF-8 bytes reach the server intact. MockWebServer 5.5.1 decodes them and then
   * refuses the non-ASCII value on its own thread (OkHttp's strict header check), quoting the value
   * it decoded: that message is the only record it keeps, so the test reads it there.
   */
  @Test
  void nonAsciiHeaderValueArrivesAsUtf8() throws Exception {
    CompletableFuture<Throwable> serverError = new CompletableFuture<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> serverError.complete(error));
    try {
      Connection connection =
          transport.open(
              TestServers.get(server, "/").header("Last-Event-ID", "é…").build(), handler);

      assertThat(serverError.get(10, TimeUnit.SECONDS))
          .hasMessageEndingWith("last-event-id value: é…");
      connection.cancel();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  @Test
  void bodyFlowsOneChunkPerRequest() throws Exception {
    byte[] body = new byte[200_000];
    java.util.Arrays.fill(body, (byte) 'x');
    server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(body)).build());

    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();
    handler.assertNoMoreCalls(200);

    assertThat(handler.readToEnd(connection)).isEqualTo(body);
    handler.assertNoMoreCalls(50);
  }

  @Test
  void cancelDuringTheBodyResetsTheStream() throws Exception {
    TestServers.EndlessBody body = new TestServers.EndlessBody("data: first\n\n");
    server.enqueue(new MockResponse.Builder().body(body).build());
    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();
    connection.request();
    assertThat(handler.takeBody()).startsWith("data: first");

    connection.cancel();

    assertThat(body.awaitClientGone(10)).isTrue();
    handler.assertNoMoreCalls(300);
  }
}
