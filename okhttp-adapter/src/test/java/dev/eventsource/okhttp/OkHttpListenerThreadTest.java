package dev.eventsource.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.ReadyState;
import dev.eventsource.testing.StreamScript;
import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An event source given no executor runs its listeners on the thread that reads its stream, as
 * okhttp-sse does: one at a time, in order, holding back that stream's reads and no other.
 */
class OkHttpListenerThreadTest extends OkHttpTestSupport {
  private final List<EventSource> sources = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeSources() {
    sources.forEach(EventSource::close);
  }

  private EventSource connect(EventSource.Builder builder) {
    EventSource source = builder.build();
    sources.add(source);
    return source;
  }

  @Test
  void listenersRunOnTheStreamsReadingThread() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(
        stream().send("data: 1\n\ndata: 2\n\n").pause(50).send("data: 3\n\n").response());
    List<Thread> threads = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);
    connect(
        EventSource.builder(uri(server, "/"), transport)
            .onOpen(s -> threads.add(Thread.currentThread()))
            .onMessage(
                (s, e) -> {
                  threads.add(Thread.currentThread());
                  three.countDown();
                }));

    assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threads).hasSize(4).allMatch(t -> t == threads.get(0));
    assertThat(threads.get(0).getName()).startsWith("eventsource-okhttp-");
  }

  @Test
  void slowListenerHoldsBackItsStreamsReads() throws Exception {
    MockWebServer server = startServer();
    StreamScript script = stream().send("data: 0\n\n");
    for (int i = 1; i <= 5; i++) {
      script.pause(20).send("data: " + i + "\n\n");
    }
    server.enqueue(script.response());
    CountingTransport counting = new CountingTransport(transport);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch all = new CountDownLatch(6);
    int[] chunksInside = new int[1];
    connect(
        EventSource.builder(uri(server, "/"), counting)
            .onMessage(
                (s, e) -> {
                  if (e.data().equals("0")) {
                    awaitQuietly(release);
                    chunksInside[0] = counting.chunks.get();
                  }
                  all.countDown();
                }));

    Thread.sleep(400); // the server has sent everything by now
    assertThat(counting.chunks).as("chunks read while the first listener blocks").hasValue(1);
    release.countDown();
    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(chunksInside[0]).isEqualTo(1);
  }

  @Test
  void closeFromAListenerStopsTheReadingThreadsStream() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(
        stream()
            .send("data: 1\n\ndata: 2\n\ndata: 3\n\n")
            .pause(50)
            .send("data: 4\n\n")
            .response());
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch closed = new CountDownLatch(1);
    EventSource source =
        connect(
            EventSource.builder(uri(server, "/"), transport)
                .onMessage(
                    (s, e) -> {
                      seen.add(e.data());
                      if (e.data().equals("2")) {
                        s.close();
                        closed.countDown();
                      }
                    })
                .onError((s, e) -> seen.add("error")));

    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);
    assertThat(seen).containsExactly("1", "2");
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts the chunks the transport hands to the event source. */
  private static final class CountingTransport implements Transport {
    final AtomicInteger chunks = new AtomicInteger();
    private final Transport delegate;

    CountingTransport(Transport delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean dedicatesThreadPerConnection() {
      return delegate.dedicatesThreadPerConnection();
    }

    @Override
    public Connection open(TransportRequest request, ResponseHandler handler) {
      return delegate.open(
          request,
          new ResponseHandler() {
            @Override
            public void onResponse(TransportResponse response) {
              handler.onResponse(response);
            }

            @Override
            public void onBody(ByteBuffer chunk) {
              chunks.incrementAndGet();
              handler.onBody(chunk);
            }

            @Override
            public void onEnd() {
              handler.onEnd();
            }

            @Override
            public void onFailure(IOException error) {
              handler.onFailure(error);
            }
          });
    }
  }
}
