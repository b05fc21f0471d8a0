package dev.eventsource;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every source shares unless the user supplies an executor: one timer thread, and a
 * small bounded pool that runs listeners (idle sources hold no thread), so thousands of sources fit
 * in one JVM. All are daemon threads that never keep a JVM alive.
 */
final class SharedThreads {
  private SharedThreads() {}

  /** The default dispatch executor: 2 to 4 threads shared by all sources. */
  static Executor dispatchExecutor() {
    return Holder.DISPATCH;
  }

  /** The default scheduler: one timer thread over the system clock. */
  static Scheduler scheduler() {
    return Holder.SCHEDULER;
  }

  private static final class Holder {
    static final ThreadPoolExecutor DISPATCH = boundedPool();
    static final Scheduler SCHEDULER = new TimerScheduler();
  }

  /**
   * As many threads as cores, between 2 and 4, shared by every source; idle threads end after 60 s.
   * Bounded, so a burst of first events across thousands of sources does not start a thread each; a
   * listener that blocks for long should therefore have an executor of its own.
   */
  private static ThreadPoolExecutor boundedPool() {
    int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<Runnable>(),
            daemonThreads("eventsource-dispatch-"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static final class TimerScheduler implements Scheduler {
    private final ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemonThreads("eventsource-timer-"));

    TimerScheduler() {
      timer.setRemoveOnCancelPolicy(true); // cancelled reconnects and timeouts must not pile up
      timer.setKeepAliveTime(10, TimeUnit.SECONDS);
      timer.allowCoreThreadTimeOut(true);
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
      final ScheduledFuture<?> future = timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
      return new Cancellable() {
        @Override
        public void cancel() {
          future.cancel(false);
        }
      };
    }
  }

  private static ThreadFactory daemonThreads(final String prefix) {
    final AtomicInteger count = new AtomicInteger();
    return new ThreadFactory() {
      @Override
      public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      }
    };
  }
}
