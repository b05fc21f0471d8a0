package dev.eventsource.benchmarks.fanout;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens N idle streams with one client and measures what they hold: {@code FanOutRun CLIENT N PORT
 * STALL_SECONDS IDLE_SECONDS POOL_SETTLE_SECONDS}. Live platform threads come from {@link
 * ThreadMXBean}; heap per stream is the used heap after {@code System.gc()} with the streams open,
 * less the same before they were opened (client already built), over the streams that opened.
 * Prints one line {@code RESULT client=... opened=... threads=... heap_per_stream=...}.
 */
public final class FanOutRun {
  private FanOutRun() {}

  /**
   * Runs one fan-out measurement against an {@link IdleServer} and exits.
   *
   * @param args client name, stream count, server port, seconds without progress before giving up
   *     on more streams opening, seconds to wait idle before measuring
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    String client = args[0];
    int n = Integer.parseInt(args[1]);
    URI uri = URI.create("http://127.0.0.1:" + Integer.parseInt(args[2]) + "/idle");
    int stallSeconds = Integer.parseInt(args[3]);
    int idleSeconds = Integer.parseInt(args[4]);
    int poolSettleSeconds = Integer.parseInt(args[5]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    AtomicInteger opened = new AtomicInteger();
    FanOutClients.Opener opener = FanOutClients.create(client);
    long heapBefore = settledHeap();
    int threadsBefore = threads.getThreadCount();

    long start = System.nanoTime();
    List<Object> streams = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      AtomicBoolean first = new AtomicBoolean();
      streams.add(
          opener.open(
              uri,
              () -> {
                if (first.compareAndSet(false, true)) {
                  opened.incrementAndGet(); // each stream once, reconnections aside
                }
              }));
    }
    int last = -1;
    long lastProgress = System.nanoTime();
    while (opened.get() < n) {
      Thread.sleep(100);
      int now = opened.get();
      if (now != last) {
        last = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(stallSeconds)) {
        break;
      }
    }
    double openSeconds = (System.nanoTime() - start) / 1e9;
    Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
    double poolSettle = awaitIdlePoolThreadsEnded(poolSettleSeconds);
    int threadsAfter = threads.getThreadCount();
    long heapAfter = settledHeap();
    int open = opened.get();
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT client=%s requested=%d opened=%d threads=%d threads_before=%d peak_threads=%d"
                + " heap_per_stream=%d open_seconds=%.1f pool_settle_seconds=%.1f"
                + " thread_names=%s",
            client,
            n,
            open,
            threadsAfter,
            threadsBefore,
            threads.getPeakThreadCount(),
            open == 0 ? 0 : (heapAfter - heapBefore) / open,
            openSeconds,
            poolSettle,
            threadNames()));
    System.out.flush();
    if (streams.size() != n) {
      throw new AssertionError(); // keeps every stream reachable until the heap is measured
    }
    Runtime.getRuntime().halt(0); // closing thousands of streams one by one measures nothing
  }

  /**
   * Waits until no OkHttp {@code TaskRunner} thread is left, at most the given seconds; returns the
   * seconds waited. Those threads run OkHttp's short tasks (connecting, pool upkeep) and idle 60 s
   * before they end, so their number right after the streams opened measures only how many connects
   * overlapped; the streams hold none of them.
   */
  static double awaitIdlePoolThreadsEnded(int maxSeconds) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
    while (System.nanoTime() < deadline && poolThreadsLeft() > 0) {
      Thread.sleep(500);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static int poolThreadsLeft() {
    int left = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      left += t.getName().startsWith("OkHttp TaskRunner") ? 1 : 0;
    }
    return left;
  }

  /** Live threads by name with digits dropped, e.g. {@code eventsource-okhttp-:1000,main:1}. */
  static String threadNames() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      counts.merge(t.getName().replaceAll("[0-9]+", "").replaceAll("\\s+", "_"), 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder();
    counts.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(
            e ->
                sb.append(sb.length() == 0 ? "" : ",")
                    .append(e.getKey())
                    .append(':')
                    .append(e.getValue()));
    return sb.toString();
  }

  /** Used heap after full collections, once two in a row agree within 1%. */
  static long settledHeap() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(200);
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(used - previous) < previous / 100) {
        return used;
      }
      previous = used;
    }
    return previous;
  }
}
