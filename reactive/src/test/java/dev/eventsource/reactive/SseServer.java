package dev.eventsource.reactive;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SSE server on 127.0.0.1 for this module's tests. {@code /events?n=N} sends events {@code
 * data: 0} … {@code data: N-1} and ends the response; without {@code n} it sends until the client
 * goes away. {@code /status/C} answers with status C. It counts the responses still being written,
 * so a test can see a cancelled subscription free its connection.
 */
final class SseServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger streaming = new AtomicInteger();

  SseServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/events", this::events);
    server.createContext(
        "/status/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          exchange.sendResponseHeaders(Integer.parseInt(path.substring(8)), -1);
          exchange.close();
        });
    server.start();
  }

  URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  /** Responses being written now. */
  int streaming() {
    return streaming.get();
  }

  private void events(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    long n = query == null ? Long.MAX_VALUE : Long.parseLong(query.substring(2));
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    streaming.incrementAndGet();
    try (OutputStream out = exchange.getResponseBody()) {
      for (long i = 0; i < n; i++) {
        out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException clientWentAway) {
      // the client closed the connection: the end of an endless stream
    } finally {
      streaming.decrementAndGet();
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
