package dev.eventsource.contracttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.StreamScript;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * The test's own SSE endpoint on 127.0.0.1: MockWebServer answering each path from its own queue of
 * responses, and recording each path's requests, so that concurrent streams do not mix.
 */
final class SseServer implements AutoCloseable {
  private static final long WAIT_SECONDS = 5;

  private final MockWebServer server = new MockWebServer();
  private final ConcurrentMap<String, BlockingQueue<MockResponse>> responses =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, BlockingQueue<RecordedRequest>> requests =
      new ConcurrentHashMap<>();
  private final List<StreamScript> scripts = new ArrayList<>();
  private volatile boolean closed;

  SseServer() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = request.getUrl().encodedPath();
            requestsTo(path).add(request);
            BlockingQueue<MockResponse> queue = responsesFor(path);
            // Waits for the test to queue a response, but lets close() end the wait early.
            for (int i = 0; i < WAIT_SECONDS * 10 && !closed; i++) {
              MockResponse response = queue.poll(100, TimeUnit.MILLISECONDS);
              if (response != null) {
                return response;
              }
            }
            return new MockResponse.Builder().code(404).build();
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  /** Queues a stream for the next request to the path, and returns it for the test to write. */
  StreamScript stream(String path) {
    StreamScript script = new StreamScript("text/event-stream", true);
    synchronized (scripts) {
      scripts.add(script);
    }
    enqueue(path, script.response());
    return script;
  }

  void enqueue(String path, MockResponse response) {
    responsesFor(path).add(response);
  }

  /** The next request to the path; fails the test if none comes within 5 seconds. */
  RecordedRequest takeRequest(String path) throws InterruptedException {
    RecordedRequest request = pollRequest(path, WAIT_SECONDS * 1000);
    assertThat(request).as("a request to %s within %d s", path, WAIT_SECONDS).isNotNull();
    return request;
  }

  /** The next request to the path, or null if none comes in time. */
  @Nullable RecordedRequest pollRequest(String path, long millis) throws InterruptedException {
    return requestsTo(path).poll(millis, TimeUnit.MILLISECONDS);
  }

  private BlockingQueue<MockResponse> responsesFor(String path) {
    return responses.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
  }

  private BlockingQueue<RecordedRequest> requestsTo(String path) {
    return requests.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
  }

  @Override
  public void close() {
    closed = true;
    synchronized (scripts) {
      scripts.forEach(StreamScript::stop);
    }
    server.close();
  }
}
