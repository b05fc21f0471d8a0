package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serial executor: tasks run in order, once each, never two at once, on the delegate or, when
 * started on the thread it was told to run in place on, right there.
 */
class SerialExecutorTest {
  private static final int TASKS = 100;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final AtomicInteger handOffs = new AtomicInteger();

  /** Released each time a drain handed to the pool returns, lingering included. */
  private final Semaphore drainsEnded = new Semaphore(0);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void eachLoneTaskIsHandedOverAndNoTwoOverlap() throws Exception {
    List<Integer> ran = runTasks(new SerialExecutor(this::handOff), TASKS);

    assertThat(ran).hasSize(TASKS).isSorted();
    assertThat(handOffs.get()).isEqualTo(TASKS);
  }

  @Test
  void startOnTheInPlaceThreadDrainsThereAndOnAnyOtherHandsOver() throws Exception {
    List<String> ran = new ArrayList<>();
    List<Runnable> handedOver = new ArrayList<>();
    SerialExecutor serial = new SerialExecutor(handedOver::add);
    serial.runInPlaceOn(Thread.currentThread());
    serial.enqueue(() -> ran.add("in place"));
    serial.start();
    assertThat(ran).containsExactly("in place");
    assertThat(handedOver).isEmpty();

    Thread other = new Thread(serial::start);
    serial.enqueue(() -> ran.add("handed over"));
    other.start();
    other.join();
    assertThat(handedOver).hasSize(1);
    handedOver.get(0).run();

    serial.runInPlaceOn(null);
    serial.enqueue(() -> ran.add("handed over again"));
    serial.start();
    assertThat(handedOver).hasSize(2);
    handedOver.get(1).run();
    assertThat(ran).containsExactly("in place", "handed over", "handed over again");
  }

  @Test
  void tasksQueuedBeforeAndDuringADrainRunInOrderAndClearDropsTheRest() {
    List<String> ran = new ArrayList<>();
    List<Runnable> handedOver = new ArrayList<>();
    SerialExecutor serial = new SerialExecutor(handedOver::add);
    for (int i = 0; i < 3; i++) {
      String name = "queued " + i;
      serial.enqueue(() -> ran.add(name));
    }
    serial.enqueue(
        () -> {
          ran.add("adds two");
          serial.enqueue(() -> ran.add("added 1"));
          serial.enqueue(() -> ran.add("added 2"));
        });
    serial.start();
    serial.start(); // already draining: no second hand-over
    assertThat(handedOver).hasSize(1);
    handedOver.get(0).run();

    assertThat(ran)
        .containsExactly("queued 0", "queued 1", "queued 2", "adds two", "added 1", "added 2");

    serial.enqueue(() -> ran.add("dropped 1"));
    serial.enqueue(() -> ran.add("dropped 2"));
    serial.clear();
    serial.enqueue(() -> ran.add("after clear"));
    serial.start();
    assertThat(handedOver).hasSize(2);
    handedOver.get(1).run();
    assertThat(ran).endsWith("added 2", "after clear");
  }

  @Test
  void anExecutorThatRefusesDropsEveryQueuedTaskAndTheNextStartTriesAgain() {
    List<String> ran = new ArrayList<>();
    AtomicInteger refusals = new AtomicInteger(1);
    List<Runnable> handedOver = new ArrayList<>();
    SerialExecutor serial =
        new SerialExecutor(
            drain -> {
              if (refusals.getAndDecrement() > 0) {
                throw new RejectedExecutionException("shut down");
              }
              handedOver.add(drain);
            });
    serial.enqueue(() -> ran.add("first"));
    serial.enqueue(() -> ran.add("second"));

    assertThatThrownBy(serial::start).isInstanceOf(RejectedExecutionException.class);
    serial.enqueue(() -> ran.add("after the refusal"));
    serial.start();
    handedOver.get(0).run();

    assertThat(ran).containsExactly("after the refusal");
  }

  private void handOff(Runnable drain) {
    handOffs.incrementAndGet();
    pool.execute(
        () -> {
          try {
            drain.run();
          } finally {
            drainsEnded.release();
          }
        });
  }

  /**
   * Queues tasks from this thread, each a millisecond after the last has run; after each of the
   * first {@code awaitedDrains} tasks it also waits until the drain that ran it has returned, so
   * that a drain can never take the next task and save a hand-off by luck.
   */
  private List<Integer> runTasks(SerialExecutor serial, int awaitedDrains)
      throws InterruptedException {
    List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    for (int i = 0; i < TASKS; i++) {
      int n = i;
      CountDownLatch done = new CountDownLatch(1);
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
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      if (i < awaitedDrains) {
        assertThat(drainsEnded.tryAcquire(30, TimeUnit.SECONDS)).as("drain returned").isTrue();
      }
      Thread.sleep(1);
    }
    assertThat(overlaps.get()).as("tasks running at once").isZero();
    return ran;
  }
}
