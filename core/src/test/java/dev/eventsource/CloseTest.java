package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REQUIREMENTS G (R30–R33): close() from outside and from inside every kind of listener. */
class CloseTest extends EventSourceTestBase {

  @Test
  void r30_r31_closeIsSynchronousCancelsTheConnectionAndFiresNothing() {
    EventSource source = open();
    FakeExchange exchange = transport.last();
    source.close();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(exchange.cancelCount()).isEqualTo(1);
    exchange.body("data: after close\n\n");
    exchange.end();
    // Even a transport that keeps calling after cancel() reaches nobody.
    exchange.handler().onBody(ByteBuffer.wrap("data: late\n\n".getBytes()));
    exchange.handler().onFailure(new IOException("late"));
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(3_600_000);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void r30_closeWhileConnectingCancelsTheRequest() {
    EventSource source = start();
    source.close();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(transport.last().isCancelled()).isTrue();
    transport
        .last()
        .handler()
        .onResponse(
            TransportResponse.of(
                200, Map.of("Content-Type", java.util.List.of("text/event-stream")), URL));
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }

  @Test
  void r30_closeCancelsAPendingReconnect() {
    EventSource source = open();
    endStream();
    assertThat(scheduler.pending()).isEqualTo(1);
    source.close();
    assertThat(scheduler.pending()).isZero();
    assertThat(scheduler.cancelledCount()).isEqualTo(1);
    scheduler.advance(3_600_000);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void r33_closeIsIdempotentAndTheSourceCannotBeReopened() {
    EventSource source = open();
    source.close();
    source.close();
    assertThat(transport.last().cancelCount()).isEqualTo(1);
    source.restart();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void r33_closeAfterAFailureIsANoOp() {
    EventSource source = start();
    transport.last().respond(404, null);
    listener.takeError(ReadyState.CLOSED);
    source.close();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }

  @Test
  void autoCloseableClosesTheSource() {
    EventSource kept;
    try (EventSource source = open()) {
      kept = source;
    }
    assertThat(kept.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(transport.last().isCancelled()).isTrue();
  }

  @Test
  void r32_closeInsideAMessageListenerDropsTheRestOfTheChunk() {
    open(builder().onMessage((s, e) -> closeOn(s, e, "A")));
    FakeExchange exchange = transport.last();
    exchange.body("data: A\n\n: comment\ndata: B\n\ndata: C\n\n");
    listener.takeMessage("A");
    assertThat(exchange.isCancelled()).isTrue();
    assertThat(exchange.requestCount()).as("no chunk asked for after close").isEqualTo(1);
  }

  @Test
  void r32_closeInsideTheAnyEventListenerStopsTheTypeListeners() {
    open(builder().onAnyEvent((s, e) -> s.close()));
    transport.last().body("data: A\n\n");
    listener.assertNoMoreCallbacks();
  }

  @Test
  void r32_closeInsideACommentListenerStopsEverythingAfterIt() {
    open(builder().onComment((s, c) -> s.close()));
    transport.last().body(": bye\ndata: A\n\n");
    assertThat(listener.takeComment()).isEqualTo(" bye");
  }

  @Test
  void r32_closeInsideOpenSuppressesEveryMessage() {
    EventSource source = start(builder().onOpen(EventSource::close));
    FakeExchange exchange = transport.last().respondOk();
    listener.takeOpen();
    exchange.body("data: A\n\n");
    assertThat(exchange.isCancelled()).isTrue();
    assertThat(exchange.requestCount()).isZero();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }

  @Test
  void r32_closeInsideErrorCancelsTheReconnect() {
    EventSource source = open(builder().onError((s, e) -> s.close()));
    transport.last().end();
    listener.takeError(ReadyState.CONNECTING); // seen before the second listener closed
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(3_600_000);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void r32_closeInsideOneErrorListenerSilencesTheOthers() {
    int[] later = {0};
    start(builder().onError((s, e) -> s.close()).onError((s, e) -> later[0]++));
    transport.last().fail(new IOException("refused"));
    listener.takeError(ReadyState.CONNECTING);
    transport.last().respond(500, null); // ignored: closed
    assertThat(later[0]).isZero();
  }

  @Test
  void r32_closeInsideAnErrorListenerOfAFailureSilencesTheOthers() {
    int[] later = {0};
    start(builder().onError((s, e) -> s.close()).onError((s, e) -> later[0]++));
    transport.last().respond(404, null);
    listener.takeError(ReadyState.CLOSED);
    assertThat(later[0]).as("error listeners called after close()").isZero();
  }

  @Test
  void r32_closeFromAnotherThreadDropsEventsAlreadyParsedAndQueued() {
    ManualExecutor ui = new ManualExecutor();
    EventSource source = start(builder().executor(ui));
    transport.last().respondOk().body("data: A\n\ndata: B\n\n");
    transport.last().fail(new IOException("reset"));
    assertThat(ui.queued()).isEqualTo(1); // open, A, B and the error wait for the UI thread
    source.close();
    ui.runAll();
    listener.assertNoMoreCallbacks();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void r32_closeDropsAQueuedFailure() {
    ManualExecutor ui = new ManualExecutor();
    EventSource source = start(builder().executor(ui));
    transport.last().respond(404, null);
    source.close();
    ui.runAll();
    listener.assertNoMoreCallbacks();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }

  private static void closeOn(EventSource source, MessageEvent event, String data) {
    if (event.data().equals(data)) {
      source.close();
    }
  }
}
