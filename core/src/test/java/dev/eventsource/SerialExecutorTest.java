package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serial executor on real threads: tasks queued while a drain lingers run in order, once each,
 * without a new hand-off to the pool; a drain that does not linger hands every lone task over.
 */
class SerialExecutorTest {
  private static final int TASKS = 1000;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final AtomicInteger handOffs = new AtomicInteger();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void aBusySourceKeepsItsThreadWhileTasksKeepComing() throws Exception {
    List<Integer> ran = runTasksTwentyMicrosecondsApart(new SerialExecutor(this::handOff, true));

    assertThat(ran).hasSize(TASKS).isSorted();
    // Without lingering every lone task is a hand-off (see below); with it, few are.
    assertThat(handOffs.get()).isLessThan(TASKS / 10);
  }

  @Test
  void withoutLingeringEachLoneTaskIsHandedOver() throws Exception {
    List<Integer> ran = runTasksTwentyMicrosecondsApart(new SerialExecutor(this::handOff, false));

    assertThat(ran).hasSize(TASKS).isSorted();
    assertThat(handOffs.get()).isGreaterThan(TASKS / 4);
  }

  private void handOff(Runnable task) {
    handOffs.incrementAndGet();
    pool.execute(task);
  }

  /** Queues tasks from this thread, each 20 µs after the last, as a fast stream's chunks come. */
  private static List<Integer> runTasksTwentyMicrosecondsApart(SerialExecutor serial)
      throws InterruptedException {
    List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(TASKS);
    for (int i = 0; i < TASKS; i++) {
      int n = i;
      serial.enqueue(
          () -> {
            if (inside.incrementAndGet() != 1) {
              overlaps.incrementAndGet();
            }
            ran.add(n);
            inside.decrementAndGet();
            done.countDown();
          });
      serial.start();
      long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(20);
      while (System.nanoTime() < until) {
        // the gap between two chunks of a fast stream
      }
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(overlaps.get()).as("tasks running at once").isZero();
    return ran;
  }
}
