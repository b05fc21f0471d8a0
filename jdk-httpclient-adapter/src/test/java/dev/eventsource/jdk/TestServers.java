package dev.eventsource.jdk;

import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;

/** MockWebServer on the loopback address only, and a body that notices the client leaving. */
final class TestServers {
  private TestServers() {}

  static MockWebServer start() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  static URI uri(MockWebServer server, String path) {
    return server.url(path).uri();
  }

  /** The next request the server received; fails the test after 10 s rather than hanging. */
  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the server received no request within 10 s");
    }
    return request;
  }

  static TransportRequest.Builder get(MockWebServer server, String path) {
    return TransportRequest.builder(uri(server, path));
  }

  /**
   * A chunked body that writes its first bytes, then a comment line every 20 ms for up to 30 s, and
   * counts {@link #clientGone} down as soon as a write fails: the client closed the connection.
   */
  static final class EndlessBody implements MockResponseBody {
    final CountDownLatch clientGone = new CountDownLatch(1);
    private final String first;

    EndlessBody(String first) {
      this.first = first;
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      try {
        sink.writeUtf8(first).flush();
        while (System.nanoTime() < deadline) {
          Thread.sleep(20);
          sink.writeUtf8(":\n").flush();
        }
      } catch (IOException e) {
        clientGone.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    boolean awaitClientGone(long seconds) throws InterruptedException {
      return clientGone.await(seconds, TimeUnit.SECONDS);
    }
  }
}
