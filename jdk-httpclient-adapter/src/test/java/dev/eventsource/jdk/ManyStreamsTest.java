package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.transport.Connection;
import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idle streams hold no thread: many open streams on a client with two executor threads, and the
 * JVM's thread count grows by a small constant. The server is the JDK's own {@code HttpServer} (one
 * dispatcher thread, non-blocking), so that its threads do not grow per stream either. Run with
 * {@code -Deventsource.jdk.streams=10000} for the full count.
 */
class ManyStreamsTest {
  private static final int STREAMS = Integer.getInteger("eventsource.jdk.streams", 500);
  private static final int MAX_EXTRA_THREADS = 25;

  private final Queue<HttpExchange> exchanges = new ConcurrentLinkedQueue<>();
  private HttpServer server;
  private ExecutorService pool;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", this::startStream);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  @Test
  void idleStreamsHoldNoThreads() throws Exception {
    int before = liveThreads();
    pool = Executors.newFixedThreadPool(2);
    HttpClient client =
        HttpClient.newBuilder().executor(pool).version(HttpClient.Version.HTTP_1_1).build();
    JdkHttpTransport transport = JdkHttpTransport.create(client);
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");

    List<Connection> connections = new ArrayList<>();
    List<RecordingHandler> handlers = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      RecordingHandler handler = new RecordingHandler();
      connections.add(transport.open(TransportRequest.builder(uri).build(), handler));
      handlers.add(handler);
    }
    for (int i = 0; i < STREAMS; i++) {
      assertThat(handlers.get(i).takeResponse().status()).isEqualTo(200);
      connections.get(i).request();
      assertThat(handlers.get(i).takeBody()).isEqualTo("data: hello\n\n");
    }

    int during = liveThreads();
    assertThat(exchanges).hasSize(STREAMS);
    assertThat(during - before)
        .as("extra threads for %d streams", STREAMS)
        .isLessThan(MAX_EXTRA_THREADS);

    connections.forEach(Connection::cancel);
    for (RecordingHandler handler : handlers) {
      handler.assertNoMoreCalls(0);
    }
    handlers.get(0).assertNoMoreCalls(200);
  }

  private void startStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0); // chunked
    OutputStream body = exchange.getResponseBody();
    body.write("data: hello\n\n".getBytes(StandardCharsets.UTF_8));
    body.flush();
    exchanges.add(exchange); // left open: an idle stream, and no server thread waits on it
  }

  private static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
