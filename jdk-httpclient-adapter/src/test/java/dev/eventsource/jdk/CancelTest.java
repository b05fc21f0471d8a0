package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancelling stops the handler and frees the connection, before the headers and after them. */
class CancelTest {
  private final JdkHttpTransport transport = JdkHttpTransport.create(HttpClient.newHttpClient());
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
  void cancelBeforeHeadersClosesTheConnection() throws Exception {
    try (StallingServer stalling = new StallingServer(2_000)) {
      Connection connection =
          transport.open(TransportRequest.builder(stalling.uri("/")).build(), handler);
      assertThat(stalling.requestRead.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      connection.cancel();
      connection.request(); // ignored after a cancel

      assertThat(stalling.awaitClientGone(10)).isTrue();
      if (Runtime.version().feature() >= 16) {
        // CompletableFuture.cancel(true) aborts a pending exchange since JDK 16.
        assertThat(stalling.goneBeforeHeaders).isTrue();
      }
      handler.assertNoMoreCalls(300);
    }
  }

  @Test
  void cancelDuringTheBodyClosesTheConnection() throws Exception {
    TestServers.EndlessBody body = new TestServers.EndlessBody("data: first\n\n");
    server.enqueue(new MockResponse.Builder().body(body).build());
    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();
    connection.request();
    assertThat(handler.takeChunkUtf8()).startsWith("data: first\n\n");

    connection.cancel();
    connection.request();
    connection.cancel();

    assertThat(body.awaitClientGone(10)).isTrue();
    handler.assertNoMoreCalls(300);
  }

  @Test
  void cancelWithoutEverRequestingClosesTheConnection() throws Exception {
    TestServers.EndlessBody body = new TestServers.EndlessBody("data: first\n\n");
    server.enqueue(new MockResponse.Builder().body(body).build());
    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();

    connection.cancel();

    assertThat(body.awaitClientGone(10)).isTrue();
    handler.assertNoMoreCalls(300);
  }

  @Test
  void cancelRightAfterOpenReportsNothing() throws Exception {
    server.enqueue(new MockResponse.Builder().body("data: x\n\n").build());

    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    connection.cancel();

    handler.assertNoMoreCalls(500);
  }
}
