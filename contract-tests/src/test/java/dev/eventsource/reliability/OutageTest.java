package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.ConnectionFailedException;
import dev.eventsource.EventSource;
import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import dev.eventsource.StreamEndedException;
import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A server that keeps dropping connections at once, and one that restarts on the same port. */
class OutageTest extends ReliabilityTest {
  static final long WINDOW_MILLIS = 3_000;

  /**
   * RetryPolicy's Javadoc: a stream that ends before its first event is a failed attempt; each
   * failed attempt after the first in a row doubles the delay, starting from at least 100 ms even
   * when the reconnection time is 0; jitter (0.5 by default) takes off at most half of what backoff
   * added; only an event, or a connection open for healthyAfter (60 s), resets the count. Read
   * conservatively, the delay after the n-th failure in a row is at least 0 for n = 1, then 50,
   * 100, 200, 400, 800, 1600 ms: the requests arrive no earlier than 0, 0, 50, 150, 350, 750, 1550
   * and 3150 ms, so at most 7 fall in a 3 s window. (As implemented, the doubling starts at 200 ms,
   * which allows 6.)
   */
  static final int MAX_REQUESTS_IN_WINDOW = 7;

  static long documentedLeastDelayMillis(int failuresInARow) {
    return failuresInARow <= 1 ? 0 : 50L << (failuresInARow - 2);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void flappingServerGetsFewRequestsBecauseBackoffIsNotReset(Adapter adapter) throws Exception {
    RawServer server =
        serve(
            exchange -> {
              exchange.streamHead(); // 200 text/event-stream, announced, then dropped at once
              exchange.close();
            });
    RecordingListener recorder = Secrets.recorder();
    RetryPolicy policy = RetryPolicy.builder().reconnectionTime(0, TimeUnit.MILLISECONDS).build();

    EventSource source = open(builder(adapter, server.uri("/flap"), recorder).retryPolicy(policy));
    Exchange first = server.nextExchange(WAIT_MILLIS);
    assertThat(first).as("first request").isNotNull();
    long windowEnd = first.nanos + TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(windowEnd - System.nanoTime())));
    source.close();
    int afterClose = server.requests();
    Thread.sleep(300);

    List<Long> arrivals = new ArrayList<>();
    for (Exchange exchange : server.exchanges()) {
      if (exchange.nanos <= windowEnd) {
        arrivals.add(TimeUnit.NANOSECONDS.toMillis(exchange.nanos - first.nanos));
      }
    }
    assertThat(arrivals.size())
        .as("requests in %d ms, arriving at %s ms", WINDOW_MILLIS, arrivals)
        .isBetween(4, MAX_REQUESTS_IN_WINDOW);
    List<Exchange> exchanges = server.exchanges();
    for (int n = 1; n < exchanges.size(); n++) {
      long gap = TimeUnit.NANOSECONDS.toMillis(exchanges.get(n).nanos - exchanges.get(n - 1).nanos);
      assertThat(gap)
          .as("delay after %d failures in a row (arrivals %s)", n, arrivals)
          .isGreaterThanOrEqualTo(documentedLeastDelayMillis(n));
    }
    assertThat(server.requests()).as("requests after close()").isEqualTo(afterClose);
    for (RecordingListener.Callback call : recorder.errors()) {
      assertThat(call.state()).isEqualTo(ReadyState.CONNECTING);
      assertThat(call.error()).isInstanceOf(StreamEndedException.class);
    }
    Figures.print(
        "flapping",
        adapter,
        "requests in %d ms window=%d (bound %d), arrivals ms=%s",
        WINDOW_MILLIS,
        arrivals.size(),
        MAX_REQUESTS_IN_WINDOW,
        arrivals);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void serverRestartOnTheSamePortResumesFromTheLastEventId(Adapter adapter) throws Exception {
    RawServer before =
        track(
            RawServer.start(
                0,
                exchange -> {
                  exchange.streamHead();
                  exchange.write("id: 1\ndata: one\n\nid: 2\ndata: two\n\nid: 3\ndata: three\n\n");
                  exchange.holdUntilClientCloses();
                }));
    int port = before.port();
    RecordingListener recorder = Secrets.recorder();
    open(builder(adapter, before.uri("/feed"), recorder).retryPolicy(noBackoff(100)));
    recorder.next(RecordingListener.Kind.OPEN, WAIT_MILLIS);
    for (String data : List.of("one", "two", "three")) {
      assertThat(recorder.takeMessage(WAIT_MILLIS).data()).isEqualTo(data);
    }

    long down = System.nanoTime();
    before.close(); // the process dies: listening socket and connection gone
    recorder.takeError(ReadyState.CONNECTING, WAIT_MILLIS);
    Thread.sleep(800);
    RawServer after =
        track(
            RawServer.start(
                port,
                exchange -> {
                  assertThat(exchange.header("Last-Event-ID")).isEqualTo("3");
                  exchange.streamHead();
                  exchange.write("id: 4\ndata: four\n\nid: 5\ndata: five\n\n");
                  exchange.holdUntilClientCloses();
                }));
    long up = System.nanoTime();
    int refused = 0;
    RecordingListener.Callback call;
    while ((call = recorder.next(WAIT_MILLIS)).kind() == RecordingListener.Kind.ERROR) {
      assertThat(call.state()).isEqualTo(ReadyState.CONNECTING);
      assertThat(call.error()).isInstanceOf(ConnectionFailedException.class);
      refused++;
    }
    assertThat(call.kind()).isEqualTo(RecordingListener.Kind.OPEN);
    long resumedAfter = millisSince(up);
    assertThat(recorder.takeMessage(WAIT_MILLIS).data()).isEqualTo("four");
    assertThat(recorder.takeMessage(WAIT_MILLIS).data()).isEqualTo("five");
    assertThat(after.exchanges().get(0).header("Last-Event-ID")).isEqualTo("3");
    assertThat(refused).as("reconnections refused while the server was down").isPositive();
    Figures.print(
        "restart",
        adapter,
        "down %d ms, refused reconnections=%d, reopened %d ms after the restart, events 1-5 once",
        TimeUnit.NANOSECONDS.toMillis(up - down),
        refused,
        resumedAfter);
  }

  /**
   * WHATWG HTML §9.2.3 "reestablish the connection", step 4: the new request waits until the task
   * that fired {@code error} has run, so a {@code close()} inside the error listener leaves the
   * server with no further request, whatever the reconnection time. Half the sources close at once
   * in the listener, half after 50 ms of work in it; the reconnection time is 0.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void closeInsideTheErrorListenerLeavesTheServerWithoutAnotherRequest(Adapter adapter)
      throws Exception {
    RawServer server =
        serve(
            exchange -> {
              exchange.streamHead();
              exchange.close();
            });
    int sources = 40;
    for (int i = 0; i < sources; i++) {
      long work = i % 2 == 0 ? 0 : 50;
      CountDownLatch closed = new CountDownLatch(1);
      open(
          builder(adapter, server.uri("/flap/" + work), Secrets.recorder())
              .retryPolicy(noBackoff(0))
              .onError(
                  (s, e) -> {
                    sleep(work);
                    s.close();
                    closed.countDown();
                  }));
      assertThat(closed.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    }
    Thread.sleep(300);
    int slow = 0;
    for (Exchange exchange : server.exchanges()) {
      slow += exchange.requestLine.contains("/flap/50 ") ? 1 : 0;
    }
    Figures.print(
        "close-in-error-listener",
        adapter,
        "%d sources closed inside their first error listener (reconnection time 0): %d requests"
            + " reached the server (%d from the %d that closed at once, %d from the %d that worked"
            + " 50 ms first)",
        sources,
        server.requests(),
        server.requests() - slow,
        sources / 2,
        slow,
        sources / 2);
    assertThat(server.requests()).as("requests from %d sources", sources).isEqualTo(sources);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
