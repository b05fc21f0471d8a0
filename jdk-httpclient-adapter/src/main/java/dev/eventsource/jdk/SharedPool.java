package dev.eventsource.jdk;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transports' own threads: as many as cores, between 2 and 4, shared by every stream of the
 * process, daemons that end after 10 idle seconds. They run every transport's small tasks (sending
 * each hop, which may resolve a host name and connect; cancels; early failures; redirect hops) and,
 * when the client has no executor, parse a busy stream's chunks off the JDK's threads. The common
 * pool would serve the small tasks, but on 2 cores or fewer it starts a new thread for every task.
 */
final class SharedPool {
  private SharedPool() {}

  static Executor executor() {
    return Holder.POOL;
  }

  private static final class Holder {
    static final ThreadPoolExecutor POOL = create();

    private static ThreadPoolExecutor create() {
      int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
      AtomicInteger count = new AtomicInteger();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              threads,
              threads,
              10,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread thread = new Thread(task, "eventsource-jdk-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}
