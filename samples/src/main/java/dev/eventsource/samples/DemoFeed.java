package dev.eventsource.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded demo feed: a small SSE server on 127.0.0.1 that shows what the library does.
 *
 * <p>The feed is a fixed list of {@value #EVENT_COUNT} events with ids 1 to {@value #EVENT_COUNT},
 * unnamed and named, some over several data lines. Every response is decided by the request's
 * {@code Last-Event-ID} alone, so a resumed client gets exactly the events it has not seen:
 *
 * <ul>
 *   <li>no Last-Event-ID: {@code retry: 1000}, then events 1 to {@value #DROP_AFTER} with comment
 *       heartbeats between them, then the connection is dropped in the middle of the next event;
 *   <li>Last-Event-ID below {@value #EVENT_COUNT}: the events after it, then the stream ends;
 *   <li>Last-Event-ID {@value #EVENT_COUNT} or more: 204 No Content, which tells the client to stop
 *       reconnecting for good.
 * </ul>
 */
public final class DemoFeed implements AutoCloseable {
  /** The number of events in the feed. */
  public static final int EVENT_COUNT = 10;

  /** The first connection is dropped after this event. */
  public static final int DROP_AFTER = 5;

  static final String PATH = "/events";

  private final HttpServer server;
  private final ExecutorService threads;
  private final long pauseMillis;

  private DemoFeed(HttpServer server, ExecutorService threads, long pauseMillis) {
    this.server = server;
    this.threads = threads;
    this.pauseMillis = pauseMillis;
  }

  /**
   * Starts the feed on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   * @param pauseMillis the pause between events, so a person can follow them
   * @return the running feed
   * @throws IOException if the port cannot be bound
   */
  public static DemoFeed start(int port, long pauseMillis) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService threads = Executors.newCachedThreadPool();
    DemoFeed feed = new DemoFeed(server, threads, pauseMillis);
    server.createContext(PATH, feed::serve);
    server.setExecutor(threads);
    server.start();
    return feed;
  }

  /**
   * The URL of the stream.
   *
   * @return e.g. {@code http://127.0.0.1:41234/events}
   */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** Stops the server at once and ends its threads. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /** The text of event {@code id}, as the feed sends it. */
  static String event(int id) {
    StringBuilder text = new StringBuilder();
    if (id % 3 == 0) {
      text.append("event: tick\n");
    } else if (id % 4 == 0) {
      text.append("event: update\ndata: {\"line\": 1}\n");
    }
    return text.append("id: ")
        .append(id)
        .append("\ndata: event ")
        .append(id)
        .append("\n\n")
        .toString();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try {
      int resumeFrom = parseId(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
      if (resumeFrom >= EVENT_COUNT) {
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      boolean firstConnection = resumeFrom == 0;
      if (firstConnection) {
        write(body, "retry: 1000\n: welcome to the demo feed\n\n");
      }
      int last = firstConnection ? DROP_AFTER : EVENT_COUNT;
      for (int id = resumeFrom + 1; id <= last; id++) {
        pause();
        write(body, event(id));
        write(body, ": heartbeat\n\n");
      }
      if (firstConnection) {
        // Half an event, then a dropped connection: the client discards it and resumes at 6.
        write(body, "id: " + (DROP_AFTER + 1) + "\ndata: cut off");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private void pause() throws InterruptedException {
    if (pauseMillis > 0) {
      Thread.sleep(pauseMillis);
    }
  }

  private static void write(OutputStream body, String text) throws IOException {
    body.write(text.getBytes(StandardCharsets.UTF_8));
    body.flush();
  }

  private static int parseId(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(header.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
