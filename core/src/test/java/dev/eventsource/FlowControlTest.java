package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportResponse;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Dispatch threads and back-pressure: serial in-order delivery on any executor, the stream read at
 * most {@link ConnectionAttempt#MAX_QUEUED_BYTES} ahead of the listeners, an executor shut down
 * (R43), lifetime (R42).
 */
class FlowControlTest extends EventSourceTestBase {
  /** A comment line of just over half the read-ahead budget, so two chunks with it fill it. */
  static final String HALF_BUDGET = ":" + "x".repeat(ConnectionAttempt.MAX_QUEUED_BYTES / 2) + "\n";

  @Test
  void eventsOfAtMostTheBudgetWaitForListeners() {
    List<String> seen = new ArrayList<>();
    ManualExecutor ui = new ManualExecutor();
    int[] requestsSeenInside = new int[4];
    start(
        bareBuilder()
            .executor(ui)
            .onMessage(
                (s, e) -> {
                  int i = Integer.parseInt(e.data());
                  requestsSeenInside[i] = transport.last().requestCount();
                  seen.add(e.data());
                }));
    FakeExchange exchange = transport.last().respondOk();
    assertThat(exchange.requestCount()).as("the first chunk is asked for on open").isEqualTo(1);
    for (int i = 0; i < 4; i++) {
      exchange.body(HALF_BUDGET + "data: " + i + "\n\n");
    }
    // The listeners have not run yet: the first chunk waits for them, the second was read ahead
    // and fills the budget, and the rest wait in the transport: a slow listener holds the stream
    // back.
    assertThat(exchange.delivered()).isEqualTo(2);
    assertThat(exchange.queued()).isEqualTo(2);
    assertThat(exchange.requestCount()).isEqualTo(2);

    ui.runAll();
    assertThat(seen).containsExactly("0", "1", "2", "3");
    // Chunk i's listener ran while i + 2 chunks had been asked for: never more than the budget.
    assertThat(requestsSeenInside).containsExactly(2, 3, 4, 5);
    assertThat(exchange.requestCount()).isEqualTo(5); // waiting for the fifth
    assertThat(exchange.queued()).isZero();
  }

  @Test
  void aChunkWithoutACompleteEventIsFollowedByTheNextAtOnce() {
    ManualExecutor ui = new ManualExecutor();
    start(builder().executor(ui));
    FakeExchange exchange = transport.last().respondOk();
    ui.runAll();
    listener.takeOpen();
    exchange.body("data: par").body("tial").body("\n\n").body("data: next\n\n");
    // Nothing to dispatch in the first two, so each is followed at once; the third completes an
    // event and the fourth is read ahead while it waits for the listener.
    assertThat(exchange.delivered()).isEqualTo(4);
    ui.runAll();
    listener.takeMessage("partial");
    listener.takeMessage("next");
  }

  @Test
  void listenersRunSeriallyAndInOrderOnAMultiThreadedExecutor() throws Exception {
    // The one test on real threads; it waits on a latch with a bound, never sleeps.
    int events = 3000;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    try {
      EventSource source =
          start(
              bareBuilder()
                  .executor(pool)
                  .onOpen(s -> log.add("open " + s.readyState()))
                  .onMessage(
                      (s, e) -> {
                        if (inside.incrementAndGet() != 1) {
                          overlaps.incrementAndGet();
                        }
                        threads.add(Thread.currentThread());
                        log.add(e.data());
                        Thread.yield();
                        inside.decrementAndGet();
                      })
                  .onError(
                      (s, e) -> {
                        log.add("error " + s.readyState());
                        done.countDown();
                      }));
      FakeExchange exchange = transport.last().respondOk();
      StringBuilder stream = new StringBuilder();
      for (int i = 0; i < events; i++) {
        stream.append("data: ").append(i).append("\n\n");
      }
      Random random = new Random(42);
      for (int at = 0; at < stream.length(); ) {
        int end = Math.min(stream.length(), at + 1 + random.nextInt(40));
        exchange.body(stream.substring(at, end)); // races the pool's request() calls
        at = end;
      }
      exchange.end();
      assertThat(done.await(30, TimeUnit.SECONDS)).as("all events dispatched").isTrue();

      List<String> expected = new ArrayList<>();
      expected.add("open OPEN");
      for (int i = 0; i < events; i++) {
        expected.add(String.valueOf(i));
      }
      expected.add("error CONNECTING");
      assertThat(log).containsExactlyElementsOf(expected);
      assertThat(overlaps.get()).as("listeners running at once").isZero();
      assertThat(threads).doesNotContain(Thread.currentThread());
      source.close();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void r43_anExecutorThatRejectsClosesTheSource() {
    ManualExecutor ui = new ManualExecutor();
    ui.shutDown();
    EventSource source = start(builder().executor(ui));
    FakeExchange exchange = transport.last().respondOk();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(exchange.isCancelled()).isTrue();
    assertThat(exchange.requestCount()).isZero();
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(3_600_000);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void r43_anExecutorShutDownBeforeAReconnectClosesTheSource() {
    ManualExecutor ui = new ManualExecutor();
    EventSource source = start(builder().executor(ui));
    transport.last().respondOk().body("data: a\n\n");
    ui.runAll();
    listener.takeOpen();
    listener.takeMessage("a");
    ui.shutDown();
    transport.last().end(); // the error cannot be dispatched any more
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(scheduler.pending()).as("no reconnect is left scheduled").isZero();
    scheduler.advance(3_600_000);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void r42_aSourceIsKeptReachableByItsConnectionAndThenByItsReconnectTimer() {
    // A transport that holds the handler only while the test says so, to isolate each path.
    AtomicReference<ResponseHandler> live = new AtomicReference<>();
    Transport forgetful =
        (request, handler) -> {
          live.set(handler);
          return new Connection() {
            @Override
            public void request() {}

            @Override
            public void cancel() {}
          };
        };
    WeakReference<EventSource> ref =
        new WeakReference<>(
            EventSource.builder(URL, forgetful)
                .scheduler(scheduler)
                .executor(Runnable::run)
                .retryPolicy(fixedDelay(RECONNECT_MILLIS))
                .build());
    live.get()
        .onResponse(
            TransportResponse.of(200, Map.of("Content-Type", List.of("text/event-stream")), URL));
    System.gc();
    assertThat(ref.get()).as("held through the transport's handler while OPEN").isNotNull();
    live.getAndSet(null).onEnd();
    System.gc();
    assertThat(ref.get()).as("held through the timer while waiting to reconnect").isNotNull();
    assertThat(ref.get().readyState()).isEqualTo(ReadyState.CONNECTING);
    ref.get().close();
    assertThat(scheduler.pending()).isZero();
  }
}
