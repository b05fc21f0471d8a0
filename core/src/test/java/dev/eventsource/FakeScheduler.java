package dev.eventsource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A manual clock and timer: nothing runs until the test calls {@link #advance(long)}, which runs
 * every due task in time order (ties in scheduling order), moving the clock to each task's time
 * first. Tasks scheduled while advancing run in the same call if they fall due within it.
 */
final class FakeScheduler implements Scheduler {
  /**
   * The clock does not start at zero: {@code System.nanoTime()} has an arbitrary origin, and code
   * that treats 0 as "never" must not pass only because the fake started there.
   */
  private static final long ORIGIN_NANOS = 7_654_321_000_000L;

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          Comparator.<Task>comparingLong(t -> t.dueMillis).thenComparingLong(t -> t.sequence));
  private long nowMillis;
  private long sequence;
  private int cancelled;
  private final List<Long> scheduledDelays = new ArrayList<>();

  @Override
  public synchronized long nanoTime() {
    return ORIGIN_NANOS + TimeUnit.MILLISECONDS.toNanos(nowMillis);
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayMillis) {
    if (delayMillis < 0) {
      throw new AssertionError("negative delay: " + delayMillis);
    }
    long due = nowMillis + delayMillis < nowMillis ? Long.MAX_VALUE : nowMillis + delayMillis;
    Task t = new Task(task, due, sequence++);
    tasks.add(t);
    scheduledDelays.add(delayMillis);
    return t;
  }

  /** Moves the clock forward, running every task that falls due on the way. */
  void advance(long millis) {
    long target;
    synchronized (this) {
      target = nowMillis + millis;
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.dueMillis > target) {
          nowMillis = target;
          return;
        }
        tasks.poll();
        nowMillis = Math.max(nowMillis, next.dueMillis);
      }
      next.task.run();
    }
  }

  /** Runs the tasks due now (delay 0) without moving the clock. */
  void runDueTasks() {
    advance(0);
  }

  /** Milliseconds since the fake clock started. */
  synchronized long nowMillis() {
    return nowMillis;
  }

  /** Tasks scheduled and neither run nor cancelled. */
  synchronized int pending() {
    return tasks.size();
  }

  /** Tasks cancelled before they ran. */
  synchronized int cancelledCount() {
    return cancelled;
  }

  /** Milliseconds until the earliest pending task is due; fails if there is none. */
  synchronized long millisUntilNextTask() {
    Task next = tasks.peek();
    if (next == null) {
      throw new AssertionError("no task is pending");
    }
    return next.dueMillis - nowMillis;
  }

  /** Every delay ever passed to {@link #schedule}, in order. */
  synchronized List<Long> scheduledDelays() {
    return new ArrayList<>(scheduledDelays);
  }

  private final class Task implements Cancellable {
    final Runnable task;
    final long dueMillis;
    final long sequence;

    Task(Runnable task, long dueMillis, long sequence) {
      this.task = task;
      this.dueMillis = dueMillis;
      this.sequence = sequence;
    }

    @Override
    public void cancel() {
      synchronized (FakeScheduler.this) {
        if (tasks.remove(this)) {
          cancelled++;
        }
      }
    }
  }
}
