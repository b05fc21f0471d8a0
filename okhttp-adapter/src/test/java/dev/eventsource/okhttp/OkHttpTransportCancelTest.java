package dev.eventsource.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.testing.StreamScript;
import dev.eventsource.transport.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class OkHttpTransportCancelTest extends OkHttpTestSupport {

  @Test
  void cancelClosesTheSocketOffTheCallersThread() throws Exception {
    MockWebServer server = startServer();
    StreamScript stream = stream().send("data: 1\n\n").awaitClientClose();
    server.enqueue(stream.response());
    List<Thread> closers = new CopyOnWriteArrayList<>();
    OkHttpTransport watched =
        OkHttpTransport.create(
            userClient.newBuilder().socketFactory(new ClosingThreadRecorder(closers)).build());

    Connection connection = open(watched, get(server, "/"), handler);
    handler.takeResponse();
    connection.request();
    handler.takeBody();
    connection.request(); // the reader now blocks on the socket
    connection.cancel();

    assertThat(stream.awaitClientGone(5, TimeUnit.SECONDS)).isTrue();
    assertThat(closers).isNotEmpty().doesNotContain(Thread.currentThread());
  }

  /** Creates plain sockets that remember which threads closed them. */
  private static final class ClosingThreadRecorder extends SocketFactory {
    private final List<Thread> closers;

    ClosingThreadRecorder(List<Thread> closers) {
      this.closers = closers;
    }

    @Override
    public Socket createSocket() {
      return new Socket() {
        @Override
        public synchronized void close() throws IOException {
          closers.add(Thread.currentThread());
          super.close();
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
    }
  }

  @Test
  void cancelReturnsPromptlyAndClosesTheConnection() throws Exception {
    MockWebServer server = startServer();
    StreamScript stream = stream().send("data: 1\n\n").awaitClientClose();
    server.enqueue(stream.response());

    Connection connection = open(get(server, "/"));
    handler.takeResponse();
    connection.request();
    handler.takeBody();
    connection.request(); // the reader now blocks on the socket

    long start = System.nanoTime();
    connection.cancel();
    long cancelMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    connection.cancel(); // idempotent

    // A cancel() that waited for the blocked reader would wait as long as the server holds the
    // stream; a second allows for a slow machine.
    assertThat(cancelMillis).isLessThan(1_000);
    assertThat(stream.awaitClientGone(5, TimeUnit.SECONDS)).isTrue();
    handler.assertNoMoreCalls(300);
  }

  @Test
  void cancelWhileWaitingForDemandClosesTheConnection() throws Exception {
    MockWebServer server = startServer();
    StreamScript stream = stream().send("data: 1\n\n").awaitClientClose();
    server.enqueue(stream.response());

    Connection connection = open(get(server, "/"));
    handler.takeResponse();

    connection.cancel();

    assertThat(stream.awaitClientGone(5, TimeUnit.SECONDS)).isTrue();
    connection.request(); // ignored after a cancel
    handler.assertNoMoreCalls(300);
  }

  @Test
  void cancelBeforeTheResponseReportsNothing() throws Exception {
    MockWebServer server = startServer();
    CountDownLatch release = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(10, TimeUnit.SECONDS); // the head goes out only after the cancel
            return new MockResponse.Builder().body("data: late\n\n").build();
          }
        });

    Connection connection = open(get(server, "/"));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    connection.cancel();
    release.countDown();

    handler.assertNoMoreCalls(1_000);
  }

  @Test
  void noThreadIsLeftBusyAfterCancel() throws Exception {
    MockWebServer server = startServer();
    List<StreamScript> streams = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      StreamScript stream = stream().send("data: x\n\n").awaitClientClose();
      streams.add(stream);
      server.enqueue(stream.response());
    }
    for (int i = 0; i < 5; i++) {
      RecordingHandler each = new RecordingHandler();
      Connection connection = open(transport, get(server, "/" + i), each);
      each.takeResponse();
      if (i % 2 == 0) {
        connection.request(); // some readers wait for demand, others block on the socket
        each.takeBody();
        connection.request();
      }
      connection.cancel();
      assertThat(streams.get(i).awaitClientGone(5, TimeUnit.SECONDS)).isTrue();
    }

    awaitNoThreadInAdapter();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("eventsource-okhttp-")) {
        assertThat(thread.isDaemon()).as(thread.getName()).isTrue();
      }
    }
  }

  /** Waits until no thread runs code of this adapter: every stream's thread went back idle. */
  private static void awaitNoThreadInAdapter() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> busy;
    do {
      busy = new ArrayList<>();
      for (var entry : Thread.getAllStackTraces().entrySet()) {
        for (StackTraceElement frame : entry.getValue()) {
          if (frame.getClassName().startsWith(OkHttpConnection.class.getName())) {
            busy.add(entry.getKey().getName());
            break;
          }
        }
      }
      if (busy.isEmpty()) {
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    assertThat(busy).as("threads still inside OkHttpConnection").isEmpty();
  }
}
