package dev.eventsource.testing.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import dev.eventsource.testing.SseTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reconnection at the server's pace, with the library's default {@link RetryPolicy}: WHATWG HTML
 * §9.2.3 allows a delay beyond the reconnection time only "if the previous attempt failed". A
 * server that ends its responses routinely is followed at its {@code retry:}; one that accepts and
 * sends nothing backs off. Delays are measured at the transport (see {@link TimedTransport}).
 */
abstract class ServerPaceContract extends ContractBase {
  /** Far below any backoff step (the first doubles to 200 ms), far above a timer's lateness. */
  private static final long TOLERANCE_MILLIS = 150;

  /** The least interval between the starts of two attempts, as {@code RetryPolicy} documents. */
  private static final long LEAST_INTERVAL_MILLIS = 10;

  @Test
  void serverThatEndsEveryResponseAfterSomeEventsIsFollowedAtItsRetryEveryTime() throws Exception {
    int reconnections = 25;
    for (int i = 0; i <= reconnections; i++) {
      StringBuilder body = new StringBuilder("retry: 100\n");
      for (int k = 1; k <= 5; k++) {
        body.append("id: ").append(i).append('.').append(k).append("\ndata: e\n\n");
      }
      server.enqueue(SseTestServer.complete(200, SseTestServer.EVENT_STREAM, body.toString()));
    }
    server.fallback(SseTestServer.status(204));
    TimedTransport timed = new TimedTransport(transport());
    connect(builder(server.url("/capped"), timed).retryPolicy(RetryPolicy.defaults()));

    for (int i = 0; i <= reconnections; i++) {
      recorder.takeOpen();
      for (int k = 1; k <= 5; k++) {
        assertThat(recorder.takeMessage("e").lastEventId()).isEqualTo(i + "." + k);
      }
      recorder.takeError(ReadyState.CONNECTING);
    }
    recorder.takeError(ReadyState.CLOSED); // the 204
    List<Long> gaps = new ArrayList<>();
    for (int i = 0; i < reconnections; i++) {
      gaps.add(TimedTransport.millisBetween(timed.ends.get(i), timed.opens.get(i + 1)));
    }
    assertThat(gaps)
        .as("end of each response to the next request, ms")
        .allSatisfy(gap -> assertThat(gap).isBetween(100L, 100 + TOLERANCE_MILLIS));
  }

  /**
   * A server that accepts and ends at once, without an event, still backs off up to the cap. The
   * initial reconnection time is 0 and the cap 800 ms (the default is 30 s) to keep the test short;
   * backoff, its floor and jitter are the defaults.
   */
  @Test
  void flappingServerBacksOffToTheCapWithAShortenedCap() throws Exception {
    server.fallback(SseTestServer.complete(200, SseTestServer.EVENT_STREAM, ": nothing to say\n"));
    TimedTransport timed = new TimedTransport(transport());
    RetryPolicy policy =
        RetryPolicy.builder()
            .reconnectionTime(0, TimeUnit.MILLISECONDS)
            .maxReconnectionTime(800, TimeUnit.MILLISECONDS)
            .build();
    connect(builder(server.url("/flap"), timed).retryPolicy(policy));

    int attempts = 8;
    for (int i = 0; i < attempts; i++) {
      recorder.takeOpen();
      if (i == attempts - 1) {
        recorder.closeOnError(); // the next attempt is at least 400 ms away
      }
      recorder.takeError(ReadyState.CONNECTING);
    }
    // Nominal delays after 1, 2, 3 ... failures in a row: 0 (spaced to 10 ms), 200, 400, 800, 800,
    // 800; jitter takes off at most half of what backoff added.
    long[] least = {0, 100, 200, 400, 400, 400, 400};
    long[] most = {LEAST_INTERVAL_MILLIS, 200, 400, 800, 800, 800, 800};
    for (int i = 0; i < least.length; i++) {
      long gap = TimedTransport.millisBetween(timed.ends.get(i), timed.opens.get(i + 1));
      assertThat(gap)
          .as("delay after %d failed attempts in a row", i + 1)
          .isBetween(least[i], most[i] + TOLERANCE_MILLIS);
    }
  }

  @Test
  void retryZeroWithEventsReconnectsAtOnceButNeverFasterThanTheLeastInterval() throws Exception {
    server.fallback(
        SseTestServer.complete(200, SseTestServer.EVENT_STREAM, "retry: 0\ndata: e\n\n"));
    TimedTransport timed = new TimedTransport(transport());
    connect(builder(server.url("/zero"), timed).retryPolicy(RetryPolicy.defaults()));

    int attempts = 30;
    for (int i = 0; i < attempts; i++) {
      if (i == attempts - 1) {
        // Before the last attempt's events are taken: its error may run before the test takes
        // them, and the source must close there, not reconnect once more.
        recorder.closeOnError();
      }
      recorder.takeOpen();
      recorder.takeMessage("e");
      recorder.takeError(ReadyState.CONNECTING);
    }
    for (int i = 1; i < attempts; i++) {
      long sinceLastStart = (timed.opens.get(i) - timed.opens.get(i - 1)) / 1_000;
      long afterEnd = TimedTransport.millisBetween(timed.ends.get(i - 1), timed.opens.get(i));
      assertThat(sinceLastStart)
          .as("µs between the starts of attempts %d and %d", i, i + 1)
          .isGreaterThanOrEqualTo(LEAST_INTERVAL_MILLIS * 1_000);
      assertThat(afterEnd)
          .as("ms from the end of response %d to the next request", i)
          .isLessThanOrEqualTo(LEAST_INTERVAL_MILLIS + TOLERANCE_MILLIS);
    }
  }
}
