package dev.eventsource.contracttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the suite's callback endpoints on 127.0.0.1: each {@link Endpoint} has its own base URL and
 * receives the service's {@code POST {base}/{n}} callbacks for one stream.
 */
final class CallbackReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(Threads.daemon("cb-"));
  private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final AtomicInteger lastEndpoint = new AtomicInteger();

  CallbackReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setExecutor(threads);
    server.createContext("/callbacks/", this::receive);
    server.start();
  }

  /** A new endpoint, for one stream. */
  Endpoint endpoint() {
    String name = String.valueOf(lastEndpoint.incrementAndGet());
    Endpoint endpoint =
        new Endpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks/" + name);
    endpoints.put(name, endpoint);
    return endpoint;
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      // /callbacks/{endpoint}/{n}
      String[] parts = exchange.getRequestURI().getPath().split("/");
      Endpoint endpoint = parts.length == 4 ? endpoints.get(parts[2]) : null;
      byte[] body = in.readAllBytes();
      if (endpoint == null || !exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      endpoint.received.add(new Callback(parts[3], JSON.readTree(body)));
      exchange.sendResponseHeaders(202, -1);
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /** One callback as received: the last path segment (its number) and the JSON body. */
  static final class Callback {
    final String number;
    final JsonNode body;

    Callback(String number, JsonNode body) {
      this.number = number;
      this.body = body;
    }

    @Override
    public String toString() {
      return number + " " + body;
    }
  }

  /** The callbacks of one stream, checked in arrival order against the numbers 1, 2, 3 … */
  static final class Endpoint {
    private static final long WAIT_SECONDS = 5;

    final String url;
    private final BlockingQueue<Callback> received = new LinkedBlockingQueue<>();
    private int expectedNumber = 1;

    Endpoint(String url) {
      this.url = url;
    }

    /** The next callback's body; it must arrive within 5 s and carry the next number. */
    JsonNode next() throws InterruptedException {
      Callback callback = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(callback).as("callback %d within %d s", expectedNumber, WAIT_SECONDS).isNotNull();
      assertThat(callback.number).as("number of %s", callback).isEqualTo("" + expectedNumber++);
      return callback.body;
    }

    void expectEvent(String type, String data, String id) throws InterruptedException {
      JsonNode body = next();
      assertThat(body.path("kind").asText()).as("kind of %s", body).isEqualTo("event");
      assertThat(body.path("event").path("type").asText()).as("type of %s", body).isEqualTo(type);
      assertThat(body.path("event").path("data").asText()).as("data of %s", body).isEqualTo(data);
      assertThat(body.path("event").path("id").asText()).as("id of %s", body).isEqualTo(id);
    }

    void expectComment(String text) throws InterruptedException {
      JsonNode body = next();
      assertThat(body.path("kind").asText()).as("kind of %s", body).isEqualTo("comment");
      assertThat(body.path("comment").asText()).as("comment of %s", body).isEqualTo(text);
    }

    /** Expects an error callback and returns its text. */
    String expectError() throws InterruptedException {
      JsonNode body = next();
      assertThat(body.path("kind").asText()).as("kind of %s", body).isEqualTo("error");
      assertThat(body.path("error").asText()).as("error of %s", body).isNotBlank();
      return body.path("error").asText();
    }

    /** Fails if any callback arrives within the time. */
    void expectNothingFor(long millis) throws InterruptedException {
      Callback callback = received.poll(millis, TimeUnit.MILLISECONDS);
      assertThat(callback).as("no callback within %d ms", millis).isNull();
    }
  }
}
