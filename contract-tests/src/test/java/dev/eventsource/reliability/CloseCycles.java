package dev.eventsource.reliability;

import static dev.eventsource.reliability.ReliabilityTest.WAIT_MILLIS;
import static dev.eventsource.reliability.ReliabilityTest.noBackoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.RawServer;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open/close cycles of {@link LeakTest}, against one server that answers three paths: {@code
 * /hang} never answers, {@code /flap} sends a stream head and drops the connection, {@code /stream}
 * sends one event and holds the connection until the client closes it. Every source sends the
 * {@link Secrets}, is held only weakly here, and notes callbacks that start after its close().
 */
final class CloseCycles {
  static final int CLOSERS = 8;

  /** A callback this long after close() returned cannot be one that was already under way. */
  static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  final List<WeakReference<EventSource>> sources = new ArrayList<>();

  /** Callbacks that started after close() returned where none may (see {@link Cycle}). */
  final AtomicInteger late = new AtomicInteger();

  /** Callbacks that started within 100 ms of a close() on another thread: allowed, counted. */
  final AtomicInteger racing = new AtomicInteger();

  /** Sources built for {@code /flap}, and the requests that path got. */
  final AtomicInteger flapSources = new AtomicInteger();

  final AtomicInteger flapRequests = new AtomicInteger();

  private final Adapter adapter;
  private final Random random;
  private RawServer server;

  CloseCycles(Adapter adapter, Random random) {
    this.adapter = adapter;
    this.random = random;
  }

  /** The server that {@link #handle} answers for. */
  void serveFrom(RawServer server) {
    this.server = server;
  }

  /**
   * One source's life. Strict: no callback may start once close() returned (it was called from a
   * listener, or nothing was under way). Otherwise a callback that had passed the source's check
   * just before close() may still run; one that starts 100 ms later is a bug.
   */
  private final class Cycle {
    private final boolean strict;
    private volatile long closedAt;

    Cycle(boolean strict) {
      this.strict = strict;
    }

    void callback() {
      long closed = closedAt;
      if (closed != 0) {
        (strict || System.nanoTime() - closed > LATE_NANOS ? late : racing).incrementAndGet();
      }
    }

    void closed() {
      if (closedAt == 0) {
        closedAt = System.nanoTime();
      }
    }
  }

  /** The server's handler. */
  void handle(Exchange exchange) throws Exception {
    String path = exchange.requestLine.split(" ")[1];
    if (path.equals("/hang")) {
      exchange.holdUntilClientCloses(); // never answers
    } else if (path.equals("/flap")) {
      flapRequests.incrementAndGet();
      exchange.streamHead(); // the server drops it: the source waits to reconnect
      exchange.close();
    } else {
      exchange.streamHead();
      exchange.write("data: hello\n\n");
      exchange.holdUntilClientCloses();
    }
  }

  /** Runs so many cycles of each kind, in this order; {@code pool} has {@link #CLOSERS} threads. */
  void run(int connect, int wait, int listeners, int threads, ExecutorService pool)
      throws Exception {
    closeWhileConnecting(connect);
    closeDuringTheReconnectWait(wait);
    closeFromListeners(listeners);
    closeFromManyThreads(threads, pool);
  }

  private EventSource.Builder builder(String path, Cycle cycle) {
    if (path.equals("/flap")) {
      flapSources.incrementAndGet();
    }
    return Secrets.addTo(EventSource.builder(server.uri(path), adapter.transport()))
        .onOpen(s -> cycle.callback())
        .onAnyEvent((s, e) -> cycle.callback())
        .onError(
            (s, e) -> {
              cycle.callback();
              Secrets.scan(e);
            });
  }

  private EventSource start(EventSource.Builder builder) {
    EventSource source = builder.build();
    sources.add(new WeakReference<>(source));
    return source;
  }

  /** Closed at once, after a yield or a spin, or once the server has the request. */
  private void closeWhileConnecting(int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      Cycle cycle = new Cycle(false);
      int requests = server.requests();
      EventSource source = start(builder("/hang", cycle).retryPolicy(noBackoff(0)));
      if (i % 4 == 1) {
        Thread.yield();
      } else if (i % 4 == 2) {
        long until = System.nanoTime() + 50_000;
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      } else if (i % 4 == 3) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.requests() == requests && System.nanoTime() < until) {
          Thread.sleep(0, 100_000);
        }
      }
      source.close();
      cycle.closed();
      assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    }
  }

  private void closeDuringTheReconnectWait(int count) throws InterruptedException {
    RetryPolicy minute = RetryPolicy.builder().reconnectionTime(60, TimeUnit.SECONDS).build();
    for (int done = 0; done < count; done += 50) {
      int size = Math.min(50, count - done);
      CountDownLatch waiting = new CountDownLatch(size);
      List<EventSource> batch = new ArrayList<>();
      List<Cycle> cycles = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        Cycle cycle = new Cycle(true);
        cycles.add(cycle);
        batch.add(
            start(
                builder("/flap", cycle)
                    .retryPolicy(minute)
                    .onError(
                        (s, e) -> {
                          if (s.readyState() == ReadyState.CONNECTING) {
                            waiting.countDown();
                          }
                        })));
      }
      assertThat(waiting.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).as("all waiting").isTrue();
      for (int i = 0; i < size; i++) {
        batch.get(i).close();
        cycles.get(i).closed();
        assertThat(batch.get(i).readyState()).isEqualTo(ReadyState.CLOSED);
      }
    }
  }

  /** In turn from onOpen, from an event listener, and from onError before a 0 ms reconnect. */
  private void closeFromListeners(int count) throws InterruptedException {
    for (int done = 0; done < count; done += 50) {
      int size = Math.min(50, count - done);
      CountDownLatch closed = new CountDownLatch(size);
      List<EventSource> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        Cycle cycle = new Cycle(true);
        int mode = (done + i) % 3;
        EventSource.Builder builder = builder(mode == 2 ? "/flap" : "/stream", cycle);
        if (mode == 0) {
          builder.onOpen(s -> closeInside(s, cycle, closed));
        } else if (mode == 1) {
          builder.onMessage((s, e) -> closeInside(s, cycle, closed));
        } else {
          builder.retryPolicy(noBackoff(0)).onError((s, e) -> closeInside(s, cycle, closed));
        }
        batch.add(start(builder));
      }
      assertThat(closed.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).as("all closed").isTrue();
      for (EventSource source : batch) {
        assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
      }
    }
  }

  private static void closeInside(EventSource source, Cycle cycle, CountDownLatch closed) {
    source.close();
    cycle.closed();
    closed.countDown();
  }

  /** Batches of 100 sources, some open and some still connecting, closed by 8 threads at once. */
  private void closeFromManyThreads(int count, ExecutorService pool) throws Exception {
    for (int done = 0; done < count; done += 100) {
      int size = Math.min(100, count - done);
      List<EventSource> batch = new ArrayList<>();
      List<Cycle> cycles = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        Cycle cycle = new Cycle(false);
        cycles.add(cycle);
        batch.add(start(builder("/stream", cycle).retryPolicy(noBackoff(0))));
      }
      Thread.sleep(random.nextInt(4));
      CyclicBarrier barrier = new CyclicBarrier(CLOSERS);
      List<Future<?>> closing = new ArrayList<>();
      for (int t = 0; t < CLOSERS; t++) {
        int offset = t * size / CLOSERS;
        closing.add(
            pool.submit(
                () -> {
                  barrier.await();
                  for (int i = 0; i < size; i++) {
                    int k = (offset + i) % size;
                    batch.get(k).close();
                    cycles.get(k).closed();
                  }
                  return null;
                }));
      }
      for (Future<?> future : closing) {
        future.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
      }
      for (EventSource source : batch) {
        assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
      }
    }
  }
}
