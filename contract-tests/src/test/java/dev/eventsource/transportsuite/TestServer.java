package dev.eventsource.transportsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * MockWebServer on 127.0.0.1 answering requests in order from a queue of responses. A request that
 * finds the queue empty gets the fallback response, by default 204 (which stops an event source for
 * good), so that a test that did not expect another request sees it without hanging.
 */
final class TestServer implements AutoCloseable {
  static final String EVENT_STREAM = "text/event-stream";

  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<MockResponse> responses = new LinkedBlockingQueue<>();
  private final List<StreamScript> scripts = new CopyOnWriteArrayList<>();
  private volatile MockResponse fallback = status(204);

  /** Responses whose head waits for a latch, by identity. */
  private final Map<MockResponse, CountDownLatch> held =
      Collections.synchronizedMap(new IdentityHashMap<>());

  TestServer() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            MockResponse next = responses.poll();
            if (next == null) {
              return fallback;
            }
            CountDownLatch release = held.remove(next);
            if (release != null) {
              release.await(10, TimeUnit.SECONDS);
            }
            return next;
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  String url(String path) {
    return origin() + path;
  }

  /** The serialized origin, as {@code MessageEvent.origin()} should report it. */
  String origin() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Queues a 200 stream with the content type, for the test to write while it runs. */
  StreamScript stream(String contentType) {
    return enqueue(new StreamScript(contentType, true));
  }

  /** Queues a 200 stream whose body ends when the server closes the connection. */
  StreamScript streamUntilClose() {
    return enqueue(new StreamScript(EVENT_STREAM, false));
  }

  /** Queues a redirect whose body the test writes, and which stays open until the client leaves. */
  StreamScript redirectWithOpenBody(int code, String location) {
    StreamScript script = new StreamScript("text/html", true);
    scripts.add(script);
    enqueue(script.response().newBuilder().code(code).setHeader("Location", location).build());
    return script;
  }

  private StreamScript enqueue(StreamScript script) {
    scripts.add(script);
    enqueue(script.response());
    return script;
  }

  StreamScript stream() {
    return stream(EVENT_STREAM);
  }

  void enqueue(MockResponse response) {
    responses.add(response);
  }

  /**
   * Queues a response whose head is sent only once {@code release} counts down (at most 10 s
   * later), so that a test can act before it arrives however slow the machine is.
   */
  void enqueueHeld(MockResponse response, CountDownLatch release) {
    held.put(response, release);
    responses.add(response);
  }

  /** The answer to every request once the queue is empty. */
  void fallback(MockResponse response) {
    this.fallback = response;
  }

  /** The next request received; fails if none arrives within 5 seconds. */
  RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = pollRequest(RecordingListener.WAIT_MILLIS);
    assertThat(request).as("a request to %s within 5 s", origin()).isNotNull();
    return request;
  }

  /** The next request received within the time, or null. */
  @Nullable RecordedRequest pollRequest(long millis) throws InterruptedException {
    return server.takeRequest(millis, TimeUnit.MILLISECONDS);
  }

  int requestCount() {
    return server.getRequestCount();
  }

  @Override
  public void close() {
    scripts.forEach(StreamScript::stop);
    server.close();
  }

  /** A response with the status and no body. */
  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  /** A complete (Content-Length) response with the status, content type and body. */
  static MockResponse complete(int code, @Nullable String contentType, String body) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code).body(body);
    if (contentType != null) {
      builder.setHeader("Content-Type", contentType);
    }
    return builder.build();
  }

  /** A redirect; a null location sends no Location header at all. */
  static MockResponse redirect(int code, @Nullable String location) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code);
    if (location != null) {
      builder.addHeaderLenient("Location", location);
    }
    return builder.build();
  }
}
