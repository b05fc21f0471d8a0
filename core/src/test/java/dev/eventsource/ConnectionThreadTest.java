package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners on the thread a transport gives each connection (a blocking reader's), when the user
 * gave no executor: the test's thread plays that connection, so whatever runs on it ran there,
 * inside the transport's call.
 */
class ConnectionThreadTest extends EventSourceTestBase {
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void dedicate() {
    transport.dedicateThreads(true);
  }

  /** The default executor: the shared pool, as a user who gives none gets. */
  private EventSource.Builder defaultExecutor() {
    return EventSource.builder(URL, transport)
        .scheduler(scheduler)
        .retryPolicy(fixedDelay(RECONNECT_MILLIS));
  }

  @Test
  void listenersRunOnTheConnectionThreadBeforeItsCallReturns() {
    Thread connection = Thread.currentThread();
    List<Thread> threads = new ArrayList<>();
    start(
        defaultExecutor()
            .onOpen(s -> threads.add(Thread.currentThread()))
            .onMessage(
                (s, e) -> {
                  threads.add(Thread.currentThread());
                  seen.add(e.data());
                }));
    FakeExchange exchange = transport.last().respondOk();
    exchange.body("data: 1\n\ndata: 2\n\n").body("data: 3\n\n");

    assertThat(seen).containsExactly("1", "2", "3");
    assertThat(threads).hasSize(4).allMatch(t -> t == connection);
  }

  @Test
  void aListenerHoldsBackTheReadWhileItRuns() {
    int[] requestsInside = new int[3];
    int[] deliveredInside = new int[3];
    start(
        defaultExecutor()
            .onMessage(
                (s, e) -> {
                  int i = Integer.parseInt(e.data());
                  requestsInside[i] = transport.last().requestCount();
                  deliveredInside[i] = transport.last().delivered();
                }));
    FakeExchange exchange = transport.last().respondOk();
    exchange.body("data: 0\n\n").body("data: 1\n\n").body("data: 2\n\n");

    for (int i = 0; i < 3; i++) {
      // Inside the listener of chunk i, chunk i is the last one asked for and delivered: nothing
      // is read ahead of a listener that runs where the stream is read.
      assertThat(requestsInside[i]).as("requests inside %s", i).isEqualTo(i + 1);
      assertThat(deliveredInside[i]).as("delivered inside %s", i).isEqualTo(i + 1);
    }
    assertThat(exchange.requestCount()).isEqualTo(4);
  }

  @Test
  void closeFromAListenerSilencesTheRestAtOnceAndCancels() {
    start(
        defaultExecutor()
            .onMessage(
                (s, e) -> {
                  seen.add("first " + e.data());
                  if (e.data().equals("2")) {
                    s.close();
                  }
                })
            .onMessage((s, e) -> seen.add("second " + e.data()))
            .onError((s, e) -> seen.add("error")));
    FakeExchange exchange = transport.last().respondOk();
    exchange.body("data: 1\n\ndata: 2\n\ndata: 3\n\n").body("data: 4\n\n");

    assertThat(seen).containsExactly("first 1", "second 1", "first 2");
    assertThat(exchange.isCancelled()).isTrue();
    assertThat(exchange.delivered()).isEqualTo(1);
  }

  @Test
  void callbacksQueuedByOtherThreadsRunAfterTheListenerNeverBesideIt() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    EventSource source =
        start(
            defaultExecutor()
                .onOpen(
                    s -> {
                      enter(running, overlaps);
                      seen.add("open on the first connection's thread: " + onTestThread());
                      running.decrementAndGet();
                    })
                .onMessage(
                    (s, e) -> {
                      enter(running, overlaps);
                      seen.add(e.data());
                      if (e.data().equals("slow")) {
                        inside.countDown();
                        await(release);
                      }
                      running.decrementAndGet();
                    }));
    FakeExchange first = transport.last().respondOk();
    seen.clear();
    Thread other =
        new Thread(
            () -> {
              await(inside);
              // A restart and the next connection's first callbacks, from another thread, while
              // the first connection's thread is inside a listener.
              source.restart();
              transport.last().respondOk().body("data: second\n\n");
              release.countDown();
            });
    other.start();
    first.body("data: slow\n\ndata: next\n\n");
    other.join();

    // What was queued meanwhile waited for the drain under way, which ran it in order.
    assertThat(seen)
        .containsExactly("slow", "next", "open on the first connection's thread: true", "second");
    assertThat(overlaps).hasValue(0);
    assertThat(first.isCancelled()).isTrue();
  }

  @Test
  void afterTheConnectionIsDroppedItsThreadNoLongerRunsListeners() throws Exception {
    CountDownLatch error = new CountDownLatch(1);
    List<Boolean> errorOnTestThread = new CopyOnWriteArrayList<>();
    start(
        defaultExecutor()
            .onMessage((s, e) -> seen.add(e.data()))
            .onError(
                (s, e) -> {
                  errorOnTestThread.add(onTestThread());
                  error.countDown();
                }));
    FakeExchange exchange = transport.last().respondOk();
    exchange.body("data: 1\n\n");
    exchange.fail(new IOException("reset"));

    assertThat(error.await(10, TimeUnit.SECONDS)).isTrue();
    // Dropped before its error was queued: the error goes to the pool like any other callback.
    assertThat(errorOnTestThread).containsExactly(false);
    assertThat(seen).containsExactly("1");
  }

  @Test
  void anExecutorOfTheUsersStillRunsEveryCallback() {
    ManualExecutor ui = new ManualExecutor();
    start(defaultExecutor().executor(ui).onMessage((s, e) -> seen.add(e.data())));
    FakeExchange exchange = transport.last().respondOk();
    exchange.body("data: 1\n\n");
    assertThat(seen).isEmpty();

    ui.runAll();
    assertThat(seen).containsExactly("1");
  }

  @Test
  void aTransportThatSharesItsThreadsGetsThePool() throws Exception {
    transport.dedicateThreads(false);
    CountDownLatch got = new CountDownLatch(1);
    List<Boolean> onTestThread = new CopyOnWriteArrayList<>();
    start(
        defaultExecutor()
            .onMessage(
                (s, e) -> {
                  onTestThread.add(onTestThread());
                  got.countDown();
                }));
    transport.last().respondOk().body("data: 1\n\n");

    assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(onTestThread).containsExactly(false);
  }

  private final Thread testThread = Thread.currentThread();

  private boolean onTestThread() {
    return Thread.currentThread() == testThread;
  }

  private static void enter(AtomicInteger running, AtomicInteger overlaps) {
    if (running.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
