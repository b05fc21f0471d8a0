package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.transport.Connection;
import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    AtomicBoolean goneBeforeHeaders = new AtomicBoolean();
    CountDownLatch clientGone = new CountDownLatch(1);
    try (RawServer stalling =
        RawServer.start(exchange -> stall(exchange, 2_000, goneBeforeHeaders, clientGone))) {
      Connection connection =
          transport.open(TransportRequest.builder(stalling.uri("/")).build(), handler);
      assertThat(stalling.nextExchange(10_000)).as("the request, read").isNotNull();

      connection.cancel();
      connection.request(); // ignored after a cancel

      assertThat(clientGone.await(10, TimeUnit.SECONDS)).isTrue();
      if (Runtime.version().feature() >= 16) {
        // CompletableFuture.cancel(true) aborts a pending exchange since JDK 16.
        assertThat(goneBeforeHeaders).isTrue();
      }
      handler.assertNoMoreCalls(300);
    }
  }

  /**
   * Holds back the response head for a while, watching whether the client closes the connection;
   * then streams an endless chunked body of comments (30 s at most) until it does.
   */
  private static void stall(
      Exchange exchange, long headDelayMillis, AtomicBoolean goneBeforeHeaders, CountDownLatch gone)
      throws IOException {
    try {
      if (exchange.awaitClientClose(headDelayMillis)) {
        goneBeforeHeaders.set(true);
        return;
      }
      exchange.write(
          "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 1500; i++) { // 30 s at most
        exchange.write("2\r\n:\n\r\n");
        if (exchange.awaitClientClose(20)) {
          break;
        }
      }
    } finally {
      gone.countDown(); // the client left, or a write failed because it had
    }
  }

  @Test
  void cancelDuringTheBodyClosesTheConnection() throws Exception {
    TestServers.EndlessBody body = new TestServers.EndlessBody("data: first\n\n");
    server.enqueue(new MockResponse.Builder().body(body).build());
    Connection connection = transport.open(TestServers.get(server, "/").build(), handler);
    handler.takeResponse();
    connection.request();
    assertThat(handler.takeBody()).startsWith("data: first\n\n");

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
