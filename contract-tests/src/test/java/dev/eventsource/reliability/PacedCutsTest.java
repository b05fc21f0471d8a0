package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.MessageEvent;
import dev.eventsource.RetryPolicy;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fast feed whose connections a proxy cuts every few hundred milliseconds, far sooner than the
 * retry policy's healthy time: with the library's defaults and the server's {@code retry:}, the
 * client keeps up (WHATWG HTML §9.2.3: no backoff after an attempt that made progress).
 */
class PacedCutsTest extends ReliabilityTest {
  static final int EVENTS = 3_000;
  static final long CUT_EVERY_MILLIS = 250;
  static final long RETRY_MILLIS = 20;

  /**
   * The feed takes about 3 s to send (an event per millisecond) and is cut about a dozen times; the
   * reconnections add about a dozen times 20 ms. Backoff after each cut, doubling from 100 ms,
   * would add over 30 s.
   */
  static final long TIME_BOUND_MILLIS = 15_000;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void connectionsCutEveryQuarterSecondKeepUpWithAFastFeed(Adapter adapter) throws Exception {
    AtomicInteger cuts = new AtomicInteger();
    RawServer server =
        serve(
            exchange -> {
              String lastEventId = exchange.header("Last-Event-ID");
              int next = lastEventId == null ? 1 : Integer.parseInt(lastEventId) + 1;
              if (next > EVENTS) {
                exchange.respond("204 No Content");
                return;
              }
              exchange.streamHead();
              exchange.write("retry: " + RETRY_MILLIS + "\n\n");
              long cutAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CUT_EVERY_MILLIS);
              for (int id = next; id <= EVENTS && System.nanoTime() < cutAt; id++) {
                exchange.write("id: " + id + "\ndata: event " + id + "\n\n");
                Thread.sleep(1);
              }
              cuts.incrementAndGet();
              exchange.close();
            });
    RecordingListener recorder = Secrets.recorder();
    long start = System.nanoTime();

    open(builder(adapter, server.uri("/fast"), recorder).retryPolicy(RetryPolicy.defaults()));

    assertThat(recorder.awaitClosedByError(TIME_BOUND_MILLIS))
        .as("the whole feed within %d ms", TIME_BOUND_MILLIS)
        .isTrue();
    long elapsed = millisSince(start);
    List<String> ids = new ArrayList<>();
    for (MessageEvent event : recorder.events()) {
      ids.add(event.lastEventId());
    }
    List<String> expected = new ArrayList<>();
    for (int id = 1; id <= EVENTS; id++) {
      expected.add(String.valueOf(id));
    }
    assertThat(ids).as("every event, in order, none twice").isEqualTo(expected);
    assertThat(cuts.get()).as("connections cut").isGreaterThanOrEqualTo(5);
    Figures.print(
        "paced cuts",
        adapter,
        "events=%d cuts=%d (every %d ms, retry: %d) time=%d ms",
        EVENTS,
        cuts.get(),
        CUT_EVERY_MILLIS,
        RETRY_MILLIS,
        elapsed);
  }
}
