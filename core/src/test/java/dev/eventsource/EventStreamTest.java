package dev.eventsource;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pull stream over a fake transport: the test thread pulls, so every callback runs inside its
 * calls; order, end, failure, time-outs, reconnection and the bounded read-ahead.
 */
class EventStreamTest extends EventSourceTestBase {
  private final List<EventStream> streams = new ArrayList<>();

  private EventStream stream(EventSource.Builder builder) {
    EventStream stream = builder.stream();
    streams.add(stream);
    return stream;
  }

  @AfterEach
  void closeStreams() {
    streams.forEach(EventStream::close);
  }

  private static List<String> data(EventStream stream) {
    List<String> data = new ArrayList<>();
    for (MessageEvent event : stream) {
      data.add(event.data());
    }
    return data;
  }

  @Test
  void loopReadsEveryEventAndEndsWhenTheOneShotStreamCompletes() {
    EventStream stream = stream(bareBuilder().oneShot(true));
    transport.last().respondOk().body("data: a\n\nevent: t\ndata: b\n\n").end();
    assertThat(data(stream)).containsExactly("a", "b");
    assertThat(stream.source().readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void callbacksRunOnThePullingThreadOnlyWhileItPulls() throws Exception {
    EventStream stream = stream(builder().oneShot(true));
    transport.last().respondOk().body("data: a\n\n").end();
    listener.assertNoMoreCallbacks(); // nothing runs between pulls
    assertThat(stream.next(0, MILLISECONDS).data()).isEqualTo("a");
    listener.takeOpen();
    assertThat(listener.takeMessage("a")).isNotNull();
    assertThat(stream.next(0, MILLISECONDS)).as("the end").isNull();
    listener.takeComplete();
  }

  @Test
  void failureThatClosesTheSourceIsThrownWithItsCauseOnEveryCall() {
    EventStream stream = stream(bareBuilder());
    transport.last().respond(503, "text/plain");
    Iterator<MessageEvent> events = stream.iterator();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(events::hasNext)
          .isInstanceOf(EventStreamException.class)
          .cause()
          .isInstanceOf(UnexpectedResponseException.class);
    }
    assertThatThrownBy(() -> stream.next(1, TimeUnit.HOURS))
        .isInstanceOf(EventStreamException.class)
        .hasCauseInstanceOf(UnexpectedResponseException.class);
  }

  @Test
  void oneShotCutOffMidStreamFailsAfterTheEventsReceived() {
    EventStream stream = stream(bareBuilder().oneShot(true));
    transport.last().respondOk().body("data: a\n\n").fail(new IOException("reset"));
    Iterator<MessageEvent> events = stream.iterator();
    assertThat(events.next().data()).isEqualTo("a");
    assertThatThrownBy(events::hasNext).hasCauseInstanceOf(ConnectionFailedException.class);
  }

  @Test
  void nextTimesOutWhileNothingCameAndLeavesTheStreamOpen() throws Exception {
    EventStream stream = stream(bareBuilder());
    assertThatThrownBy(() -> stream.next(0, MILLISECONDS)).isInstanceOf(TimeoutException.class);
    transport.last().respondOk();
    assertThatThrownBy(() -> stream.next(0, MILLISECONDS)).isInstanceOf(TimeoutException.class);
    transport.last().body("data: a\n\n");
    assertThat(stream.next(0, MILLISECONDS).data()).isEqualTo("a");
    assertThat(stream.source().readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void reconnectionsAreInvisibleToTheLoop() throws Exception {
    EventStream stream = stream(bareBuilder());
    transport.last().respondOk().body("id: 1\ndata: a\n\n").end();
    assertThat(stream.next(0, MILLISECONDS).data()).isEqualTo("a");
    // The error callback runs on this thread when it pulls; the reconnection waits for it.
    assertThatThrownBy(() -> stream.next(0, MILLISECONDS)).isInstanceOf(TimeoutException.class);
    FakeExchange second = reconnectsAfter(RECONNECT_MILLIS);
    assertThat(second.sent().header("Last-Event-ID")).isEqualTo("1");
    second.respondOk().body("data: b\n\n");
    assertThat(stream.next(0, MILLISECONDS).data()).isEqualTo("b");
  }

  @Test
  void consumerThatDoesNotPullHoldsBackTheNetworkRead() throws Exception {
    EventStream stream = stream(bareBuilder());
    FakeExchange exchange = transport.last().respondOk();
    for (int i = 0; i < 50; i++) {
      exchange.body(FlowControlTest.HALF_BUDGET + "data: " + i + "\n\n");
    }
    assertThat(exchange.delivered()).as("chunks read with no pull").isEqualTo(2);
    for (int i = 0; i < 10; i++) {
      assertThat(stream.next(0, MILLISECONDS).data()).isEqualTo(String.valueOf(i));
      // Each pull takes one chunk's events and lets the read go one chunk further, no more.
      assertThat(exchange.delivered()).as("chunks read after %d pulls", i + 1).isEqualTo(i + 3);
    }
  }

  @Test
  void closeEndsTheLoopDropsWhatWasNotTakenAndCancelsTheConnection() throws Exception {
    EventStream stream = stream(bareBuilder());
    FakeExchange exchange = transport.last().respondOk().body("data: a\n\ndata: b\n\n");
    Iterator<MessageEvent> events = stream.iterator();
    assertThat(events.next().data()).isEqualTo("a");
    stream.close();
    assertThat(exchange.isCancelled()).isTrue();
    assertThat(events.hasNext()).isFalse();
    assertThatThrownBy(events::next).isInstanceOf(NoSuchElementException.class);
    assertThat(stream.next(0, MILLISECONDS)).isNull();
  }

  @Test
  void closeFromAnotherThreadWakesAWaitingConsumer() throws Exception {
    EventStream stream = stream(bareBuilder());
    Thread[] consumer = new Thread[1];
    CompletableFuture<Boolean> hasNext =
        CompletableFuture.supplyAsync(
            () -> {
              consumer[0] = Thread.currentThread();
              return stream.iterator().hasNext();
            });
    Threads.awaitWaiting(() -> consumer[0]);
    stream.close();
    assertThat(hasNext.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void listenerThatClosesTheSourceEndsTheLoop() {
    EventStream stream =
        stream(bareBuilder().on("stop", (source, event) -> source.close()).oneShot(true));
    transport.last().respondOk().body("data: a\n\n").body("event: stop\ndata: x\n\ndata: b\n\n");
    assertThat(data(stream)).containsExactly("a");
  }

  @Test
  void interruptWhileWaitingClosesTheStreamAndThrows() {
    EventStream stream = stream(bareBuilder());
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> stream.iterator().hasNext())
          .isInstanceOf(EventStreamException.class)
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(stream.source().readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(transport.last().isCancelled()).isTrue();
  }

  @Test
  void theBuildersExecutorIsNotUsed() throws Exception {
    ManualExecutor unused = new ManualExecutor();
    EventStream stream = stream(bareBuilder().executor(unused).oneShot(true));
    transport.last().respondOk().body("data: a\n\n").end();
    assertThat(stream.next(0, MILLISECONDS).data()).isEqualTo("a");
    assertThat(stream.next(0, MILLISECONDS)).isNull();
    assertThat(unused.queued()).isZero();
  }

  @Test
  void whenReadyKeepsTheCallbackUntilAnEventCanBeTakenAndRunsItOnce() throws Exception {
    EventStream stream = stream(bareBuilder());
    transport.last().respondOk();
    assertThatThrownBy(() -> stream.next(0, MILLISECONDS)).isInstanceOf(TimeoutException.class);
    AtomicInteger calls = new AtomicInteger();
    assertThat(stream.whenReady(calls::incrementAndGet)).as("nothing to take yet").isFalse();
    assertThat(calls).hasValue(0);
    transport.last().body("data: a\n\ndata: b\n\n");
    assertThat(calls).as("told once the chunk waits").hasValue(1);
    assertThat(stream.next(0, MILLISECONDS).data()).isEqualTo("a");
    assertThat(stream.whenReady(calls::incrementAndGet)).as("b was taken with a").isTrue();
    assertThat(stream.next(0, MILLISECONDS).data()).isEqualTo("b");
    assertThat(stream.whenReady(calls::incrementAndGet)).isFalse();
    transport.last().body("data: c\n\n");
    transport.last().body("data: d\n\n");
    assertThat(calls).as("a kept callback runs once").hasValue(2);
  }

  @Test
  void whenReadyIsToldOfTheEndOfTheFailureAndOfClose() throws Exception {
    EventStream done = stream(bareBuilder().oneShot(true));
    AtomicInteger calls = new AtomicInteger();
    assertThat(done.whenReady(calls::incrementAndGet)).isFalse();
    transport.last().respondOk().end();
    assertThat(calls).hasValue(1);
    assertThat(done.next(0, MILLISECONDS)).as("the end").isNull();
    assertThat(done.whenReady(calls::incrementAndGet)).isTrue();

    EventStream failed = stream(bareBuilder());
    assertThat(failed.whenReady(calls::incrementAndGet)).isFalse();
    transport.last().respond(503, "text/plain");
    assertThat(calls).hasValue(2);
    assertThatThrownBy(() -> failed.next(0, MILLISECONDS))
        .hasCauseInstanceOf(UnexpectedResponseException.class);

    EventStream closed = stream(bareBuilder());
    assertThat(closed.whenReady(calls::incrementAndGet)).isFalse();
    closed.close();
    assertThat(calls).as("close wakes the consumer").hasValue(3);
    assertThat(closed.whenReady(calls::incrementAndGet)).isTrue();
    assertThat(closed.next(0, MILLISECONDS)).isNull();
  }
}
