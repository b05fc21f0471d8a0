package dev.eventsource.reliability;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Counts what a leak would leave in this JVM: threads that are doing something (not parked idle in
 * a pool, waiting for work that their keep-alive will end), and open sockets.
 */
final class Census {
  /** Threads by name, digits replaced by {@code #}: {@code [idle, busy]}. */
  final Map<String, int[]> threads = new TreeMap<>();

  /** Threads that are not idle pool workers. */
  int busyThreads;

  /** Open socket file descriptors of the process, or -1 where /proc is missing. */
  final int sockets;

  private Census() {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      boolean idle = isIdlePoolWorker(e.getValue());
      int[] counts =
          threads.computeIfAbsent(e.getKey().getName().replaceAll("\\d+", "#"), k -> new int[2]);
      counts[idle ? 0 : 1]++;
      busyThreads += idle ? 0 : 1;
    }
    sockets = countSockets();
  }

  static Census take() {
    return new Census();
  }

  /**
   * A pool thread waiting in {@code getTask()} (or a fork-join worker waiting for work) holds
   * nothing of a source: its pool's keep-alive ends it (60 s for the OkHttp transport's and the
   * dispatch pool, 10 s for the timer).
   */
  static boolean isIdlePoolWorker(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String type = frame.getClassName();
      String method = frame.getMethodName();
      if (type.equals("java.util.concurrent.ThreadPoolExecutor") && method.equals("getTask")
          || type.equals("java.util.concurrent.ForkJoinPool") && method.equals("awaitWork")) {
        return true;
      }
    }
    return false;
  }

  /** The busy threads, by name. */
  Map<String, Integer> busy() {
    Map<String, Integer> busy = new TreeMap<>();
    threads.forEach(
        (name, counts) -> {
          if (counts[1] > 0) {
            busy.put(name, counts[1]);
          }
        });
    return busy;
  }

  /** The idle pool threads, by name. */
  Map<String, Integer> idle() {
    Map<String, Integer> idle = new TreeMap<>();
    threads.forEach(
        (name, counts) -> {
          if (counts[0] > 0) {
            idle.put(name, counts[0]);
          }
        });
    return idle;
  }

  private static int countSockets() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    int sockets = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
            sockets++;
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor closed while we looked
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return sockets;
  }

  /**
   * Tasks in the core's shared timer queue, read by reflection (it is package-private), or a note
   * why not. For the figures only: other tests' sources in this JVM may own queued tasks too.
   */
  static String timerQueue() {
    try {
      Field holder =
          Class.forName("dev.eventsource.SharedThreads$Holder").getDeclaredField("SCHEDULER");
      holder.setAccessible(true);
      Object scheduler = holder.get(null);
      Field timer = scheduler.getClass().getDeclaredField("timer");
      timer.setAccessible(true);
      return String.valueOf(((ScheduledThreadPoolExecutor) timer.get(scheduler)).getQueue().size());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "n/a (" + e.getClass().getSimpleName() + ")";
    }
  }

  @Override
  public String toString() {
    return "busy threads="
        + busyThreads
        + " "
        + busy()
        + ", idle pool threads="
        + idle()
        + ", sockets="
        + sockets;
  }
}
