package dev.eventsource;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * Backoff, jitter, the healthy threshold and the attempt limit: WHATWG HTML §9.2.3 lets the client
 * wait longer than the reconnection time "if the previous attempt failed", so a failing or flapping
 * server cannot cause a storm, while a server that ends its streams routinely is followed at its
 * reconnection time.
 */
class BackoffTest extends EventSourceTestBase {
  private static final long HEALTHY_AFTER = 10_000;

  private static RetryPolicy.Builder backoff() {
    return RetryPolicy.builder()
        .reconnectionTime(1000, MILLISECONDS)
        .backoff(true)
        .maxReconnectionTime(8000, MILLISECONDS)
        .jitter(0)
        .healthyAfter(HEALTHY_AFTER, MILLISECONDS);
  }

  /** The current attempt is refused; asserts the error and the exact delay to the next request. */
  private void refusedThenRetriedAfter(long millis) {
    transport.last().fail(new ConnectException("refused"));
    listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    reconnectsAfter(millis);
  }

  @Test
  void consecutiveFailuresDoubleTheDelayUpToTheCap() {
    start(builder().retryPolicy(backoff().build()));
    for (long delay : new long[] {1000, 2000, 4000, 8000, 8000, 8000}) {
      refusedThenRetriedAfter(delay);
    }
  }

  @Test
  void aConnectionThatOpensAndDropsAtOnceDoesNotResetTheBackoff() {
    // A flapping server (accepts, then closes at once) must not get a request every second.
    start(builder().retryPolicy(backoff().build()));
    transport.last().respondOk();
    listener.takeOpen();
    for (long delay : new long[] {1000, 2000, 4000, 8000}) {
      scheduler.advance(HEALTHY_AFTER - 1); // open, but not for long enough
      endStream();
      reconnectsAfter(delay).respondOk();
      listener.takeOpen();
    }
  }

  @Test
  void aConnectionThatStaysOpenForTheHealthyThresholdResetsTheBackoff() {
    start(builder().retryPolicy(backoff().build()));
    refusedThenRetriedAfter(1000);
    refusedThenRetriedAfter(2000);
    refusedThenRetriedAfter(4000);
    transport.last().respondOk();
    listener.takeOpen();
    scheduler.advance(HEALTHY_AFTER);
    endStream();
    reconnectsAfter(1000); // back to the reconnection time
    refusedThenRetriedAfter(2000); // and growing again from there
  }

  @Test
  void aReconnectionTimeOfZeroStillBacksOffFromTheFloor() {
    // retry: 0 against a server that drops at once: the first retry waits only the least interval
    // between two attempts, then the delay doubles from ReconnectDelay.BACKOFF_FLOOR_MILLIS
    // instead of staying 0 (a request storm).
    start(builder().retryPolicy(backoff().reconnectionTime(0, MILLISECONDS).build()));
    long first = ReconnectDelay.MIN_INTERVAL_MILLIS;
    for (long delay : new long[] {first, 200, 400, 800, 1600, 3200, 6400, 8000, 8000}) {
      refusedThenRetriedAfter(delay);
    }
  }

  @Test
  void anAttemptThatFiredAnEventResetsTheBackoff() {
    start(builder().retryPolicy(backoff().build()));
    refusedThenRetriedAfter(1000);
    refusedThenRetriedAfter(2000);
    refusedThenRetriedAfter(4000);
    transport.last().respondOk();
    listener.takeOpen();
    transport.last().body("data: progress\n\n");
    listener.takeMessage("progress");
    endStream(); // long before the healthy threshold
    reconnectsAfter(1000);
    refusedThenRetriedAfter(2000); // a failure after progress grows from the reconnection time
  }

  @Test
  void aStreamThatEndsBeforeItsFirstEventIsAFailedAttempt() {
    // Comments, retry and id lines are not events: a server that sends only those and closes is
    // flapping, and backs off.
    start(builder().retryPolicy(backoff().build()));
    transport.last().respondOk();
    listener.takeOpen();
    for (long delay : new long[] {1000, 2000, 4000, 8000}) {
      transport.last().body(": keep-alive\nid: 7\ndata\n");
      assertThat(listener.takeComment()).isEqualTo(" keep-alive");
      endStream();
      reconnectsAfter(delay).respondOk();
      listener.takeOpen();
    }
  }

  @Test
  void serverThatEndsEveryResponseAfterEventsIsFollowedAtItsRetryWithTheDefaultPolicy() {
    // A server or proxy that caps every response (serverless platforms, load balancers) must not
    // push the client into ever longer waits: each reconnection waits exactly retry:.
    start(builder().retryPolicy(RetryPolicy.defaults()));
    for (int i = 0; i < 30; i++) {
      transport.last().respondOk();
      listener.takeOpen();
      transport.last().body("retry: 30\nid: " + i + "\ndata: e" + i + "\n\n");
      listener.takeMessage("e" + i);
      endStream();
      reconnectsAfter(30);
    }
  }

  @Test
  void retryZeroWithEventsIsSpacedByTheLeastIntervalBetweenAttempts() {
    start(builder().retryPolicy(RetryPolicy.defaults()));
    for (int i = 0; i < 5; i++) {
      transport.last().respondOk();
      listener.takeOpen();
      transport.last().body("retry: 0\ndata: e\n\n");
      listener.takeMessage("e");
      endStream(); // at once: the attempt started 0 ms ago
      reconnectsAfter(ReconnectDelay.MIN_INTERVAL_MILLIS);
    }
    transport.last().respondOk();
    listener.takeOpen();
    transport.last().body("data: e\n\n");
    listener.takeMessage("e");
    scheduler.advance(ReconnectDelay.MIN_INTERVAL_MILLIS); // a connection that lived that long
    endStream();
    reconnectsAfter(0);
  }

  @Test
  void theServersRetryIsTheBaseOfTheBackoff() {
    start(builder().retryPolicy(backoff().build()));
    transport.last().respondOk();
    listener.takeOpen();
    transport.last().body("retry: 500\n\n");
    endStream();
    reconnectsAfter(500);
    refusedThenRetriedAfter(1000);
    refusedThenRetriedAfter(2000);
  }

  @Test
  void aReconnectionTimeAboveTheCapWins() {
    start(builder().retryPolicy(backoff().build()));
    transport.last().respondOk();
    listener.takeOpen();
    transport.last().body("retry: 20000\n\n");
    endStream();
    reconnectsAfter(20_000);
    refusedThenRetriedAfter(20_000);
    refusedThenRetriedAfter(20_000);
  }

  @Test
  void withBackoffOffEveryDelayIsTheReconnectionTime() {
    start(builder().retryPolicy(backoff().backoff(false).jitter(0.5).build()));
    for (int i = 0; i < 5; i++) {
      refusedThenRetriedAfter(1000);
    }
  }

  @Test
  void jitterRemovesAtMostItsFractionAndNeverGoesBelowTheReconnectionTime() {
    double jitter = 0.5;
    start(
        builder()
            .retryPolicy(
                backoff().jitter(jitter).maxReconnectionTime(64_000, MILLISECONDS).build()));
    long nominal = 1000;
    boolean sawJitter = false;
    for (int i = 0; i < 12; i++) {
      transport.last().fail(new ConnectException("refused"));
      listener.takeError(ReadyState.CONNECTING);
      long delay = scheduler.millisUntilNextTask();
      if (i == 0) {
        assertThat(delay).as("the first reconnection is never jittered").isEqualTo(1000);
      } else {
        assertThat(delay)
            .as("attempt %d, nominal %d", i + 1, nominal)
            .isBetween((long) Math.floor(nominal * (1 - jitter)), nominal)
            .isGreaterThanOrEqualTo(1000);
        sawJitter |= delay != nominal;
      }
      reconnectsAfter(delay);
      nominal = Math.min(nominal * 2, 64_000);
    }
    assertThat(sawJitter).as("jitter 0.5 varies the delays").isTrue();
  }

  @Test
  void maxAttemptsClosesWithTheLastCause() {
    start(builder().retryPolicy(backoff().maxAttempts(2).build()));
    refusedThenRetriedAfter(1000); // reconnection attempt 1
    refusedThenRetriedAfter(2000); // reconnection attempt 2
    ConnectException last = new ConnectException("third refusal");
    transport.last().fail(last);
    ConnectionFailedException error =
        listener.takeError(ReadyState.CLOSED, ConnectionFailedException.class);
    assertThat(error.getCause()).isSameAs(last);
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(3_600_000);
    assertThat(transport.count()).isEqualTo(3);
  }

  @Test
  void maxAttemptsCountsOnlyFailuresInARow() {
    EventSource source = start(builder().retryPolicy(backoff().maxAttempts(2).build()));
    for (int round = 0; round < 3; round++) {
      transport.last().respondOk();
      listener.takeOpen();
      scheduler.advance(HEALTHY_AFTER);
      endStream();
      reconnectsAfter(1000);
    }
    transport.last().fail(new IOException("down"));
    listener.takeError(ReadyState.CONNECTING);
    reconnectsAfter(2000).fail(new IOException("still down"));
    listener.takeError(ReadyState.CLOSED, ConnectionFailedException.class);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }
}
