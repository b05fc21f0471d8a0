package dev.eventsource.contracttests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.eventsource.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The contract-test service: serves the suite's REST protocol on 127.0.0.1 and runs one {@link
 * dev.eventsource.EventSource} per test over the chosen transport.
 *
 * <p>Usage: {@code java -jar eventsource-contract-tests.jar --port 8000 --transport okhttp|jdk}. It
 * runs until the suite sends {@code DELETE /}, then exits with status 0. It logs to standard error.
 */
public final class TestService {
  /** Every capability of the suite's v2 protocol; each one is covered by this module's tests. */
  static final List<String> CAPABILITIES =
      Collections.unmodifiableList(
          Arrays.asList(
              "bom",
              "comments",
              "headers",
              "last-event-id",
              "post",
              "report",
              "read-timeout",
              "restart",
              "server-directed-shutdown-request",
              "event-type-listeners"));

  private final TransportKind kind;
  private final Transport transport;
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService threads = Executors.newCachedThreadPool(Threads.daemon("service-"));
  private final HttpClient callbackClient =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, StreamClient> streams = new ConcurrentHashMap<>();
  private final AtomicInteger lastStreamId = new AtomicInteger();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final HttpServer server;

  private TestService(TransportKind kind, int port) throws IOException {
    this.kind = kind;
    this.transport = kind.create();
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    server.setExecutor(threads);
    server.createContext("/", new Routes(this, json));
  }

  /**
   * Runs the service until the suite stops it.
   *
   * @param args {@code --port N} (default 8000) and {@code --transport okhttp|jdk}
   */
  public static void main(String[] args) {
    int port = 8000;
    TransportKind kind = null;
    try {
      for (int i = 0; i < args.length; i += 2) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        if (args[i].equals("--port")) {
          port = Integer.parseInt(value);
        } else if (args[i].equals("--transport")) {
          kind = TransportKind.fromId(value);
        } else {
          throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (kind == null) {
        throw new IllegalArgumentException("--transport is required");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: java -jar eventsource-contract-tests.jar --port N --transport okhttp|jdk");
      System.exit(2);
      return;
    }
    try {
      start(kind, port).awaitStopped(Long.MAX_VALUE, TimeUnit.DAYS);
    } catch (IOException e) {
      System.err.println("cannot serve on 127.0.0.1:" + port + ": " + e);
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(0);
  }

  /** Starts serving on 127.0.0.1; port 0 picks a free one. */
  static TestService start(TransportKind kind, int port) throws IOException {
    TestService service = new TestService(kind, port);
    service.server.start();
    Log.info("%s listening on http://127.0.0.1:%d", service.name(), service.port());
    return service;
  }

  int port() {
    return server.getAddress().getPort();
  }

  String name() {
    return "eventsource-java (" + kind.id() + ")";
  }

  /** The body of {@code GET /}. */
  ObjectNode status() {
    ObjectNode status = json.createObjectNode().put("name", name());
    CAPABILITIES.forEach(status.putArray("capabilities")::add);
    return status;
  }

  /** Creates and starts a client; returns its ID. */
  String createStream(StreamParams params) throws BadRequestException {
    URI callbackUrl;
    try {
      callbackUrl = URI.create(params.callbackUrl);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("callbackUrl: " + e.getMessage());
    }
    if (!callbackUrl.isAbsolute() || callbackUrl.getHost() == null) {
      throw new BadRequestException("callbackUrl must be an absolute URL: " + callbackUrl);
    }
    String id = String.valueOf(lastStreamId.incrementAndGet());
    String name = "stream " + id + (params.tag.isEmpty() ? "" : " [" + params.tag + "]");
    Log.info("%s: creating for %s", name, params.streamUrl);
    CallbackSender callbacks = new CallbackSender(callbackClient, json, threads, callbackUrl, name);
    streams.put(id, StreamClient.start(name, params, transport, callbacks));
    return id;
  }

  /** The client with this ID, or null if there is none. */
  @Nullable StreamClient stream(String id) {
    return streams.get(id);
  }

  /** Closes and forgets a client; false if there is none with this ID. */
  boolean deleteStream(String id) {
    StreamClient client = streams.remove(id);
    if (client == null) {
      return false;
    }
    client.close();
    return true;
  }

  /** Closes every client and stops serving. Idempotent. */
  void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    Log.info("stopping");
    for (String id : streams.keySet()) {
      deleteStream(id);
    }
    server.stop(0);
    threads.shutdown();
    stopped.countDown();
  }

  /** Stops on another thread, so that the request asking for it can be answered first. */
  void stopSoon() {
    Thread stopper = new Thread(this::stop, "service-stop");
    stopper.setDaemon(false);
    stopper.start();
  }

  /** Waits until {@link #stop()} has finished. */
  boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
  }
}
