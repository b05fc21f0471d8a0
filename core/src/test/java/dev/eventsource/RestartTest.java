package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** restart(): drop the connection and reconnect at once, reporting no error. */
class RestartTest extends EventSourceTestBase {

  @Test
  void restartReconnectsAtOnceWithoutAnErrorAndSendsTheLastEventId() {
    EventSource source = open();
    FakeExchange old = transport.last();
    old.body("id: 3\ndata: a\n\n");
    listener.takeMessage("a");

    source.restart();
    assertThat(old.isCancelled()).isTrue();
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    assertThat(transport.count()).as("no waiting").isEqualTo(2);
    assertThat(transport.last().header("Last-Event-ID")).isEqualTo("3");
    assertThat(scheduler.pending()).isZero();
    listener.assertNoMoreCallbacks(); // no error

    transport.last().respondOk();
    listener.takeOpen();
    transport.last().body("data: b\n\n");
    assertThat(listener.takeMessage("b").lastEventId()).isEqualTo("3");
  }

  @Test
  void eventsOfTheOldConnectionAlreadyParsedAreDeliveredNotLost() {
    ManualExecutor ui = new ManualExecutor();
    EventSource source = start(builder().executor(ui));
    transport.last().respondOk().body("id: 1\ndata: a\n\nid: 2\ndata: b\n\n");
    source.restart();
    assertThat(transport.last().header("Last-Event-ID")).isEqualTo("2");
    transport.last().respondOk().body("data: c\n\n");

    ui.runAll();
    listener.takeOpen();
    listener.takeMessage("a");
    listener.takeMessage("b");
    listener.takeOpen(); // the new connection's open comes after the old one's events (R35)
    assertThat(listener.takeMessage("c").lastEventId()).isEqualTo("2");
  }

  @Test
  void restartWhileWaitingToReconnectSkipsTheWait() {
    EventSource source = open();
    endStream();
    assertThat(scheduler.pending()).isEqualTo(1);
    source.restart();
    assertThat(transport.count()).isEqualTo(2);
    assertThat(scheduler.pending()).as("the reconnect timer was cancelled").isZero();
    scheduler.advance(RECONNECT_MILLIS);
    assertThat(transport.count()).isEqualTo(2);
  }

  @Test
  void restartWhileConnectingDropsTheAttemptInFlight() {
    EventSource source = start();
    FakeExchange first = transport.last();
    source.restart();
    assertThat(first.isCancelled()).isTrue();
    transport.last().respondOk();
    listener.takeOpen();
    // The dropped attempt's late answer changes nothing.
    first
        .handler()
        .onResponse(dev.eventsource.transport.TransportResponse.of(404, java.util.Map.of(), URL));
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void lateCallbacksOfTheRestartedConnectionAreIgnored() {
    EventSource source = open();
    FakeExchange old = transport.last();
    source.restart();
    old.handler().onBody(ByteBuffer.wrap("retry: 1\nid: 9\ndata: stale\n\n".getBytes()));
    old.handler().onEnd();
    assertThat(scheduler.pending()).isZero();
    assertThat(source.reconnectionTimeMillis()).isEqualTo(RECONNECT_MILLIS);
    transport.last().respondOk();
    listener.takeOpen();
    endStream();
    assertThat(reconnectsAfter(RECONNECT_MILLIS).header("Last-Event-ID")).isNull();
  }

  @Test
  void restartInsideAListenerReconnects() {
    open(builder().onMessage((s, e) -> s.restart()));
    transport.last().body("data: go\n\n");
    listener.takeMessage("go");
    assertThat(transport.get(0).isCancelled()).isTrue();
    assertThat(transport.count()).isEqualTo(2);
    transport.last().respondOk();
    listener.takeOpen();
  }

  @Test
  void restartAfterAFailureDoesNothing() {
    EventSource source = start();
    transport.last().respond(204, null);
    listener.takeError(ReadyState.CLOSED);
    source.restart();
    assertThat(transport.count()).isEqualTo(1);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }
}
