package dev.eventsource.okhttp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.testing.RecordingHandler.Body;
import dev.eventsource.testing.RecordingHandler.End;
import dev.eventsource.testing.RecordingHandler.Event;
import dev.eventsource.testing.StreamScript;
import dev.eventsource.transport.Connection;
import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OkHttpTransportBodyTest extends OkHttpTestSupport {

  @Test
  void bodyFlowsOnlyWhenRequested() throws Exception {
    MockWebServer server = startServer();
    StreamScript stream = stream().send("data: 1\n\n").send("data: 2\n\n");
    server.enqueue(stream.response());

    Connection connection = open(get(server, "/"));
    assertThat(handler.takeResponse().header("Content-Type")).isEqualTo("text/event-stream");

    // The server has sent both events, yet nothing arrives until asked for.
    handler.assertNoMoreCalls(500);

    connection.request();
    String first = handler.takeBody();
    handler.assertNoMoreCalls(300);
    stream.send("data: 3\n\n").end();
    StringBuilder rest = new StringBuilder();
    Event event;
    do {
      connection.request();
      event = handler.take();
      if (event instanceof Body body) {
        rest.append(new String(body.bytes(), UTF_8));
        handler.assertNoMoreCalls(100); // one call per request, never more
      }
    } while (!(event instanceof End));

    assertThat(first + rest).isEqualTo("data: 1\n\ndata: 2\n\ndata: 3\n\n");
    assertThat(first).isNotEmpty();
  }

  @Test
  void eachRequestGivesOneChunkOfAtMost8KiB() throws Exception {
    MockWebServer server = startServer();
    byte[] sent = new byte[50_000];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) ('a' + i % 26);
    }
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(sent)).build());

    Connection connection = open(get(server, "/"));
    handler.takeResponse();

    Buffer received = new Buffer();
    int chunks = 0;
    while (true) {
      connection.request();
      Event event = handler.take();
      if (event instanceof End) {
        break;
      }
      byte[] chunk = ((Body) event).bytes();
      assertThat(chunk.length).isBetween(1, ChunkArrays.CHUNK_SIZE);
      received.write(chunk);
      chunks++;
    }
    assertThat(received.readByteArray()).isEqualTo(sent);
    assertThat(chunks).isGreaterThanOrEqualTo(7); // 50,000 / 8,192
  }

  @Test
  void endsAtEndOfBody() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().code(204).build());

    Connection connection = open(get(server, "/"));

    assertThat(handler.takeResponse().status()).isEqualTo(204);
    connection.request();
    handler.takeEnd();
    connection.request(); // ignored after the end
    handler.assertNoMoreCalls(200);
  }

  @Test
  void chunkedStreamEndsWhenServerFinishes() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(stream().send("data: a\n\n").end().response());

    Connection connection = open(get(server, "/"));
    handler.takeResponse();

    assertThat(new String(handler.readToEnd(connection), UTF_8)).isEqualTo("data: a\n\n");
  }

  @Test
  void failsWhenConnectionIsRefused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }

    open(TransportRequest.builder(URI.create("http://127.0.0.1:" + port + "/")).build());

    assertThat(handler.takeFailure()).isInstanceOf(ConnectException.class);
    handler.assertNoMoreCalls(200);
  }

  @Test
  void failsWhenServerDisconnectsMidBody() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(stream().send("data: partial").drop().response());

    Connection connection = open(get(server, "/"));
    handler.takeResponse();

    StringBuilder received = new StringBuilder();
    IOException failure = null;
    while (failure == null) {
      connection.request();
      Event event = handler.take();
      if (event instanceof Body body) {
        received.append(new String(body.bytes(), UTF_8));
      } else {
        failure = ((RecordingHandler.Failure) event).error();
      }
    }
    assertThat(received.toString()).isEqualTo("data: partial");
    assertThat(failure).isNotNull();
  }

  @Test
  void failsWhenBodyIsShorterThanContentLength() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(new byte[100]))
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());

    Connection connection = open(get(server, "/"));
    handler.takeResponse();

    Event event;
    do {
      connection.request();
      event = handler.take();
    } while (event instanceof Body);
    assertThat(event).isInstanceOf(RecordingHandler.Failure.class);
  }

  @Test
  void errorStatusIsReportedAndItsBodyIsNotRead() throws Exception {
    MockWebServer server = startServer();
    StreamScript stream = stream().send("not found, and a long page").awaitClientClose();
    server.enqueue(new MockResponse.Builder(stream.response()).code(404).build());

    Connection connection = open(get(server, "/"));

    assertThat(handler.takeResponse().status()).isEqualTo(404);
    handler.assertNoMoreCalls(300);
    connection.cancel();
    assertThat(stream.awaitClientGone(5, TimeUnit.SECONDS)).isTrue();
    handler.assertNoMoreCalls(200);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
