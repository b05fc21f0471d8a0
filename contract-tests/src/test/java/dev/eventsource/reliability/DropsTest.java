package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import dev.eventsource.UnexpectedResponseException;
import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A resumable feed whose server cuts the connection a thousand times at random places (see {@link
 * FeedCutter}): the listeners still receive every event exactly once and in order, with the
 * library's default {@link RetryPolicy} and the server's {@code retry: 0}, in a time that backoff
 * after connections that delivered events would break. The core advances {@code Last-Event-ID} only
 * as events are parsed, and the server resends from it.
 *
 * <p>Seeded: {@code -Dreliability.seed=N} replays another run. The server's choices per connection
 * depend only on the seed; where a RST makes the client lose bytes it had not read yet, the
 * client's next {@code Last-Event-ID} (and so the run's path) may vary, never the outcome.
 */
class DropsTest extends ReliabilityTest {
  static final long SEED = Long.getLong("reliability.seed", 7_2024_0607L);
  static final int EVENTS = 5_000;
  static final int DROPS = 1_000;

  /**
   * A connection cut before its first event (one in five cuts lands inside the first event, one in
   * twenty in the head, and a RST may take bytes the client had not read) is a failed attempt and
   * backs off (100 to 200 ms after two in a row, and so on), and attempts start at least 10 ms
   * apart, so the run takes about a minute; with backoff after every cut, as when only a long-lived
   * connection reset it, the delay would reach its 30 s cap within a dozen cuts and the run would
   * take hours.
   */
  static final long TIME_BOUND_MILLIS = 150_000;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  @Timeout(value = 200, unit = TimeUnit.SECONDS)
  void thousandDropsLoseAndRepeatNoEvent(Adapter adapter) throws Exception {
    ResumableFeed feed = new ResumableFeed(EVENTS, SEED);
    FeedCutter cutter = new FeedCutter(feed, DROPS, SEED);
    RawServer server = serve(cutter);
    RecordingListener recorder = Secrets.recorder();
    long start = System.nanoTime();

    EventSource source =
        open(builder(adapter, server.uri("/feed"), recorder).retryPolicy(RetryPolicy.defaults()));

    assertThat(recorder.awaitClosedByError(TIME_BOUND_MILLIS))
        .as("the feed ran to its end (204) within %d ms", TIME_BOUND_MILLIS)
        .isTrue();
    long elapsed = millisSince(start);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    List<MessageEvent> events = recorder.events();
    int[] seen = new int[EVENTS + 1];
    for (MessageEvent event : events) {
      seen[Integer.parseInt(event.lastEventId())]++;
    }
    int lost = 0;
    int duplicated = 0;
    for (int id = 1; id <= EVENTS; id++) {
      lost += seen[id] == 0 ? 1 : 0;
      duplicated += Math.max(0, seen[id] - 1);
    }
    assertThat(cutter.dropped()).as("connections cut").isEqualTo(DROPS);
    assertThat(lost).as("events lost").isZero();
    assertThat(duplicated).as("events duplicated").isZero();
    List<ResumableFeed.Expected> received = new ArrayList<>();
    for (MessageEvent event : events) {
      received.add(new ResumableFeed.Expected(event.type(), event.data(), event.lastEventId()));
      assertThat(event.origin()).isEqualTo("http://127.0.0.1:" + server.port());
    }
    List<ResumableFeed.Expected> expected = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      expected.add(feed.expected(i));
    }
    assertThat(received).as("events, in order").isEqualTo(expected);

    List<String> ids = new ArrayList<>(cutter.lastEventIds);
    assertThat(ids.get(0)).as("Last-Event-ID of the first request").isEmpty();
    for (int i = 1; i < ids.size(); i++) {
      assertThat(feed.resumeIndex(ids.get(i)))
          .as("Last-Event-ID of request %d never goes back", i + 1)
          .isGreaterThanOrEqualTo(feed.resumeIndex(ids.get(i - 1)));
    }
    List<RecordingListener.Callback> errors = recorder.errors();
    RecordingListener.Callback last = errors.get(errors.size() - 1);
    assertThat(last.error()).isInstanceOf(UnexpectedResponseException.class);
    assertThat(((UnexpectedResponseException) last.error()).status()).isEqualTo(204);
    assertThat(errors.subList(0, errors.size() - 1))
        .as("one error per lost connection, each announcing a reconnection")
        .hasSize(server.requests() - 1)
        .allMatch(call -> call.state() == ReadyState.CONNECTING);

    List<Exchange> exchanges = server.exchanges();
    int backoffs = 0;
    long backoffMillis = 0;
    for (int i = 1; i < exchanges.size(); i++) {
      long gap = TimeUnit.NANOSECONDS.toMillis(exchanges.get(i).nanos - exchanges.get(i - 1).nanos);
      if (gap >= ReliabilityTest.BACKOFF_STEP_MILLIS) {
        backoffs++;
        backoffMillis += gap;
      }
    }
    Figures.print(
        "drops",
        adapter,
        "seed=%d drops=%d (by kind %s, in response head %d, chunked %d, RST %d) requests=%d"
            + " events checked=%d lost=%d duplicated=%d bytes of feed=%d time=%d ms"
            + " (%d waits of 100 ms or more after failed attempts, %d ms in all)",
        SEED,
        cutter.dropped(),
        cutter.byKind(),
        cutter.inHead.get(),
        cutter.chunked.get(),
        cutter.resets.get(),
        server.requests(),
        events.size(),
        lost,
        duplicated,
        feed.bytes().length,
        elapsed,
        backoffs,
        backoffMillis);
  }
}
