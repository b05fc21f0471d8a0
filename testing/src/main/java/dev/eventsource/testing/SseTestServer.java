package dev.eventsource.testing;

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
 * A scriptable SSE server for tests: MockWebServer on 127.0.0.1 answering requests in order from a
 * queue of responses. A request that finds the queue empty gets the fallback response, by default
 * 204 (which stops an event source for good), so that a test that did not expect another request
 * sees it without hanging.
 *
 * <p>Queue an event stream with {@link #stream()} and write it while the test runs ({@link
 * StreamScript}: events, comments, {@code retry:}, pauses, a clean end or a dropped connection);
 * queue statuses and redirects with {@link #enqueue} and the factories {@link #status}, {@link
 * #complete} and {@link #redirect}; read what the client sent with {@link #takeRequest}.
 * Thread-safe. Close it after the test: that stops every script and the server.
 */
public final class SseTestServer implements AutoCloseable {
  /** The event stream media type. */
  public static final String EVENT_STREAM = "text/event-stream";

  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<MockResponse> responses = new LinkedBlockingQueue<>();
  private final List<StreamScript> scripts = new CopyOnWriteArrayList<>();
  private volatile MockResponse fallback = status(204);

  /** Responses whose head waits for a latch, by identity. */
  private final Map<MockResponse, CountDownLatch> held =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * Starts a server on 127.0.0.1, on a free port.
   *
   * @throws IOException if it cannot bind
   */
  public SseTestServer() throws IOException {
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

  /**
   * An absolute URL on this server.
   *
   * @param path the path, starting with {@code /}
   * @return {@code http://127.0.0.1:port} and the path
   */
  public String url(String path) {
    return origin() + path;
  }

  /**
   * The serialized origin, as {@code MessageEvent.origin()} should report it.
   *
   * @return {@code http://127.0.0.1:port}
   */
  public String origin() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /**
   * Queues a 200 chunked stream of {@code text/event-stream}, for the test to write while it runs.
   *
   * @return the script of its body
   */
  public StreamScript stream() {
    return stream(EVENT_STREAM);
  }

  /**
   * Queues a 200 chunked stream with the content type, for the test to write while it runs.
   *
   * @param contentType the Content-Type header
   * @return the script of its body
   */
  public StreamScript stream(String contentType) {
    return enqueue(new StreamScript(contentType, true));
  }

  /**
   * Queues a 200 event stream whose body ends when the server closes the connection (no chunking,
   * no Content-Length).
   *
   * @return the script of its body
   */
  public StreamScript streamUntilClose() {
    return enqueue(new StreamScript(EVENT_STREAM, false));
  }

  /**
   * Queues a redirect whose body the test writes, and which stays open until the client leaves.
   *
   * @param code the 3xx status
   * @param location the Location header
   * @return the script of its body
   */
  public StreamScript redirectWithOpenBody(int code, String location) {
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

  /**
   * Queues a response, for example one of {@link #status}, {@link #complete} or {@link #redirect}.
   *
   * @param response the answer to the next request that finds nothing queued before it
   */
  public void enqueue(MockResponse response) {
    responses.add(response);
  }

  /**
   * Queues a response whose head is sent only once {@code release} counts down (at most 10 s
   * later), so that a test can act before it arrives however slow the machine is.
   *
   * @param response the response
   * @param release the latch the test counts down
   */
  public void enqueueHeld(MockResponse response, CountDownLatch release) {
    held.put(response, release);
    responses.add(response);
  }

  /**
   * Sets the answer to every request once the queue is empty (at first a 204).
   *
   * @param response the answer
   */
  public void fallback(MockResponse response) {
    this.fallback = response;
  }

  /**
   * The next request received.
   *
   * @return it
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if none arrives within 5 seconds
   */
  public RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = pollRequest(RecordingListener.WAIT_MILLIS);
    assertThat(request).as("a request to %s within 5 s", origin()).isNotNull();
    return request;
  }

  /**
   * The next request received within the time.
   *
   * @param millis how long to wait
   * @return it, or null
   * @throws InterruptedException if interrupted while waiting
   */
  public @Nullable RecordedRequest pollRequest(long millis) throws InterruptedException {
    return server.takeRequest(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * How many requests arrived so far.
   *
   * @return the count
   */
  public int requestCount() {
    return server.getRequestCount();
  }

  /** Stops every script and shuts the server down. */
  @Override
  public void close() {
    scripts.forEach(StreamScript::stop);
    server.close();
  }

  /**
   * A response with the status and no body.
   *
   * @param code the status
   * @return the response
   */
  public static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  /**
   * A complete (Content-Length) response.
   *
   * @param code the status
   * @param contentType the Content-Type, or null for none
   * @param body the body
   * @return the response
   */
  public static MockResponse complete(int code, @Nullable String contentType, String body) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code).body(body);
    if (contentType != null) {
      builder.setHeader("Content-Type", contentType);
    }
    return builder.build();
  }

  /**
   * A redirect.
   *
   * @param code the 3xx status
   * @param location the Location header, sent as it is; null sends none
   * @return the response
   */
  public static MockResponse redirect(int code, @Nullable String location) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code);
    if (location != null) {
      builder.addHeaderLenient("Location", location);
    }
    return builder.build();
  }
}
