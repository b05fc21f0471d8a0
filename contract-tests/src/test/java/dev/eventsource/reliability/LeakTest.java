package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.RawServer;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ten thousand sources opened and closed per transport: closed while connecting, while waiting to
 * reconnect, from inside their own listeners, and by eight threads at once. Afterwards the server
 * must have seen every connection closed by the client, no thread may be left doing anything (idle
 * pool threads parked until their keep-alive ends are allowed, and listed), the process must hold
 * no more sockets than before, and every source must be garbage: a pending timer, a connection or a
 * listener task still holding one would keep it reachable (REQUIREMENTS R42).
 */
class LeakTest extends ReliabilityTest {
  static final int DURING_CONNECT = 4_000;
  static final int DURING_RECONNECT_WAIT = 1_500;
  static final int FROM_LISTENERS = 1_500;
  static final int FROM_THREADS = 3_000;

  private final List<String> leakWarnings = Collections.synchronizedList(new ArrayList<>());

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void tenThousandOpenCloseCyclesLeaveNoThreadSocketOrTimer(Adapter adapter) throws Exception {
    CloseCycles cycles = new CloseCycles(adapter, new Random(DropsTest.SEED));
    RawServer server = serve(cycles::handle).forgetExchanges();
    cycles.serveFrom(server);
    Handler logs =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String message = String.valueOf(record.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("leak")) {
              leakWarnings.add(record.getLoggerName() + ": " + message);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger.getLogger("").addHandler(logs);
    ExecutorService closers = Executors.newFixedThreadPool(CloseCycles.CLOSERS);
    try {
      cycles.run(10, 10, 10, 100, closers); // warm-up: pools, clients and classes exist before
      assertThat(server.awaitNoOpenConnections(20_000)).isTrue();
      Census before = settle(null);
      int warmUp = cycles.sources.size();
      long threadsStarted = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
      long start = System.nanoTime();
      cycles.run(DURING_CONNECT, DURING_RECONNECT_WAIT, FROM_LISTENERS, FROM_THREADS, closers);
      long elapsed = millisSince(start);
      threadsStarted =
          ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsStarted;
      closers.shutdown();
      assertThat(closers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      assertThat(server.awaitNoOpenConnections(20_000))
          .as("every connection closed by the client (%s)", server)
          .isTrue();
      Census after = settle(before);
      int collected = collectGarbage(cycles.sources);
      assertThat(cycles.late).as("callbacks after close()").hasValue(0);
      assertThat(after.busyThreads)
          .as(
              "busy threads, %s; server: %d accepted, %d open, %d of them without a request yet",
              after, server.accepted(), server.openConnections(), server.awaitingRequest())
          .isLessThanOrEqualTo(before.busyThreads + 2);
      assertThat(after.sockets).as("open sockets").isLessThanOrEqualTo(before.sockets + 2);
      assertThat(collected).as("sources garbage-collected").isEqualTo(cycles.sources.size());
      assertThat(leakWarnings).as("leak warnings logged").isEmpty();
      Figures.print(
          "leaks",
          adapter,
          "cycles=%d (close while connecting %d, in the reconnect wait %d, from listeners %d, by %d"
              + " threads at once %d) + %d warm-up in %d ms; server: %d connections accepted (%d"
              + " requests, %d closed before the request), open after=%d; requests to /flap"
              + " beyond one per source=%d; callbacks racing close()=%d, late=%d;"
              + " threads started during the run=%d; busy threads before=%d after=%d %s; idle pool"
              + " threads after=%s; sockets"
              + " before=%d after=%d; sources collected=%d/%d; core timer queue=%s",
          cycles.sources.size() - warmUp,
          DURING_CONNECT,
          DURING_RECONNECT_WAIT,
          FROM_LISTENERS,
          CloseCycles.CLOSERS,
          FROM_THREADS,
          warmUp,
          elapsed,
          server.accepted(),
          server.requests(),
          server.closedWithoutRequest(),
          server.openConnections(),
          cycles.flapRequests.get() - cycles.flapSources.get(),
          cycles.racing.get(),
          cycles.late.get(),
          threadsStarted,
          before.busyThreads,
          after.busyThreads,
          after.busy(),
          after.idle(),
          before.sockets,
          after.sockets,
          collected,
          cycles.sources.size(),
          Census.timerQueue());
    } finally {
      closers.shutdownNow();
      Logger.getLogger("").removeHandler(logs);
    }
  }

  /**
   * Waits up to 20 s for busy threads and sockets to come back to the baseline, if one is given.
   */
  static Census settle(@Nullable Census baseline) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Census census = Census.take();
    while (System.nanoTime() < deadline) {
      Thread.sleep(200);
      Census next = Census.take();
      boolean settled =
          baseline == null
              ? next.busyThreads == census.busyThreads && next.sockets == census.sockets
              : next.busyThreads <= baseline.busyThreads && next.sockets <= baseline.sockets;
      census = next;
      if (settled) {
        break;
      }
    }
    return census;
  }

  /** Collects garbage until every source is gone or 10 s passed; returns how many are gone. */
  static <T> int collectGarbage(List<WeakReference<T>> sources) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int gone = 0;
    while (System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(50);
      gone = 0;
      for (WeakReference<T> source : sources) {
        gone += source.get() == null ? 1 : 0;
      }
      if (gone == sources.size()) {
        break;
      }
    }
    return gone;
  }
}
