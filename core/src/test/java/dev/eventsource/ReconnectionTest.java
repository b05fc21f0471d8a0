package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REQUIREMENTS C/D/E (R19–R21, R24–R26): reestablishing the connection, and {@code retry:}. */
class ReconnectionTest extends EventSourceTestBase {

  @Test
  void r20_r21_endOfBodyReportsConnectingAndReconnectsExactlyAfterTheReconnectionTime() {
    EventSource source = open();
    FakeExchange first = transport.last();
    first.end();
    listener.takeError(ReadyState.CONNECTING, StreamEndedException.class);
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    assertThat(scheduler.pending()).as("one reconnect timer").isEqualTo(1);
    assertThat(scheduler.millisUntilNextTask()).isEqualTo(RECONNECT_MILLIS);

    FakeExchange second = reconnectsAfter(RECONNECT_MILLIS);
    assertThat(scheduler.pending()).isZero();
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    second.respondOk();
    listener.takeOpen();
    second.body("data: again\n\n");
    listener.takeMessage("again");
  }

  @Test
  void r19_networkErrorBeforeAnyResponseReconnects() {
    EventSource source = start();
    ConnectException refused = new ConnectException("Connection refused");
    transport.last().fail(refused);
    ConnectionFailedException error =
        listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    assertThat(error.getCause()).isSameAs(refused);
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    reconnectsAfter(RECONNECT_MILLIS).respondOk();
    listener.takeOpen();
  }

  @Test
  void r20_failureInTheMiddleOfTheBodyReconnects() {
    open();
    transport.last().body("data: one\n\ndata: unfini");
    listener.takeMessage("one");
    transport.last().fail(new SocketException("Connection reset"));
    assertThat(listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class))
        .hasMessageContaining("Connection reset");
    reconnectsAfter(RECONNECT_MILLIS);
  }

  @Test
  void d8_aRequestTheTransportRefusesToSendFailsForGood() {
    EventSource source = start();
    transport
        .last()
        .fail(
            new dev.eventsource.transport.RequestRefusedException(
                "refused header Host", new IllegalArgumentException("restricted")));
    assertThat(listener.takeError(ReadyState.CLOSED, ConnectionFailedException.class))
        .hasMessageContaining("refused header Host");
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    scheduler.advance(60_000);
    assertThat(transport.count()).isEqualTo(1); // sending it again could never work
  }

  @Test
  void d8_anUnreachableServerIsRetriedAgainAndAgain() {
    EventSource source = start();
    for (int i = 0; i < 5; i++) {
      transport.last().fail(new ConnectException("refused " + i));
      listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
      reconnectsAfter(RECONNECT_MILLIS);
    }
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    assertThat(transport.count()).isEqualTo(6);
  }

  @Test
  void r21_aReconnectCanItselfFailForGood() {
    open();
    endStream();
    reconnectsAfter(RECONNECT_MILLIS).respond(500, "text/html");
    listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    scheduler.advance(60_000);
    assertThat(transport.count()).isEqualTo(2);
  }

  @Test
  void r26_theDelayRunsFromLosingTheConnectionNotFromOpening() {
    open();
    scheduler.advance(5000); // a long, healthy connection
    endStream();
    reconnectsAfter(RECONNECT_MILLIS);
  }

  @Test
  void r25_retryFieldTakesEffectAtOnceEvenIfItsEventIsNeverDispatched() {
    EventSource source = open();
    transport.last().body("retry: 5000\ndata: never dispatched");
    assertThat(source.reconnectionTimeMillis()).isEqualTo(5000);
    endStream(); // the unfinished event is dropped (R20, R40)
    reconnectsAfter(5000);
  }

  @Test
  void r25_retryPersistsForLaterReconnectsUntilAnotherArrives() {
    EventSource source = open();
    transport.last().body("retry: 2500\n\n");
    endStream();
    reconnectsAfter(2500).respondOk();
    listener.takeOpen();
    endStream(); // the second stream said nothing about retry
    reconnectsAfter(2500).respondOk();
    listener.takeOpen();
    transport.last().body("retry: 02000\n\n"); // leading zeros are fine
    assertThat(source.reconnectionTimeMillis()).isEqualTo(2000);
    endStream();
    reconnectsAfter(2000).fail(new IOException("refused")); // also after a network error
    listener.takeError(ReadyState.CONNECTING);
    reconnectsAfter(2000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"retry: 1000x", "retry: -1", "retry:  1000", "retry: 1.5", "retry: 1e3", "retry:"})
  void r25_d3_invalidRetryValuesAreIgnored(String line) {
    EventSource source = open(builder().retryPolicy(fixedDelay(1500)));
    transport.last().body(line + "\ndata: x\n\n");
    listener.takeMessage("x");
    assertThat(source.reconnectionTimeMillis()).isEqualTo(1500);
    endStream();
    reconnectsAfter(1500);
  }

  @Test
  void r26_retryZeroReconnectsAtOnce() {
    open();
    transport.last().body("retry: 0\ndata: x\n\n");
    listener.takeMessage("x");
    scheduler.advance(ReconnectDelay.MIN_INTERVAL_MILLIS); // see BackoffTest for shorter ones
    endStream();
    assertThat(scheduler.millisUntilNextTask()).isZero();
    reconnectsAfter(0);
  }

  @Test
  void r26_verySmallRetryValuesAreExact() {
    open();
    transport.last().body("retry: 2\ndata: x\n\n");
    listener.takeMessage("x");
    scheduler.advance(ReconnectDelay.MIN_INTERVAL_MILLIS); // see BackoffTest for shorter ones
    endStream();
    reconnectsAfter(2).respondOk();
    listener.takeOpen();
    transport.last().body("retry: 200\ndata: y\n\n");
    listener.takeMessage("y");
    endStream();
    reconnectsAfter(200);
  }

  @Test
  void d4_aRetryTooLargeForALongIsClampedAndNeverOverflowsTheTimer() {
    EventSource source = open(builder().retryPolicy(RetryPolicy.defaults()));
    transport.last().body("retry: 99999999999999999999999\n\n");
    assertThat(source.reconnectionTimeMillis()).isEqualTo(Long.MAX_VALUE);
    endStream();
    assertThat(scheduler.millisUntilNextTask()).isEqualTo(Long.MAX_VALUE);
    scheduler.advance(365L * 24 * 3_600_000);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void retryFromADroppedConnectionDoesNotChangeTheNextDelay() {
    EventSource source = open();
    FakeExchange old = transport.last();
    old.end();
    listener.takeError(ReadyState.CONNECTING);
    // A misbehaving transport keeps talking after the connection was dropped.
    old.handler().onBody(java.nio.ByteBuffer.wrap("retry: 9\n\n".getBytes()));
    assertThat(source.reconnectionTimeMillis()).isEqualTo(RECONNECT_MILLIS);
    reconnectsAfter(RECONNECT_MILLIS);
  }

  @Test
  void lateCallbacksOfADroppedConnectionAreIgnored() {
    open();
    FakeExchange old = transport.last();
    old.fail(new IOException("reset"));
    listener.takeError(ReadyState.CONNECTING);
    assertThat(old.isCancelled()).isTrue();
    old.handler().onBody(java.nio.ByteBuffer.wrap("data: stale\n\n".getBytes()));
    old.handler().onEnd();
    old.handler().onFailure(new IOException("again"));
    assertThat(scheduler.pending()).isEqualTo(1);
    reconnectsAfter(RECONNECT_MILLIS).respondOk();
    listener.takeOpen();
    old.handler().onEnd();
    assertThat(transport.count()).isEqualTo(2);
  }
}
