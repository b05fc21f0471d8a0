package dev.eventsource;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** The read timeout: a silent connection is treated as a network error (R19/R20 reestablish). */
class ReadTimeoutTest extends EventSourceTestBase {
  private static final long TIMEOUT = 5000;

  private EventSource.Builder withTimeout() {
    return builder().readTimeout(TIMEOUT, MILLISECONDS);
  }

  private void assertTimesOutAfter(long millis) {
    FakeExchange exchange = transport.last();
    scheduler.advance(millis - 1);
    listener.assertNoMoreCallbacks();
    assertThat(exchange.isCancelled()).isFalse();
    scheduler.advance(1);
    ConnectionFailedException error =
        listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    assertThat(error)
        .hasCauseInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("no data received for 5000 ms (read timeout)");
    assertThat(exchange.isCancelled()).isTrue();
  }

  @Test
  void noBytesForTheTimeoutIsANetworkErrorAndReconnects() {
    EventSource source = open(withTimeout());
    assertTimesOutAfter(TIMEOUT);
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    reconnectsAfter(RECONNECT_MILLIS).respondOk();
    listener.takeOpen();
    assertTimesOutAfter(TIMEOUT); // the new connection is watched too
  }

  @Test
  void eventsKeepTheConnectionAlive() {
    open(withTimeout());
    for (int i = 0; i < 5; i++) {
      scheduler.advance(TIMEOUT - 1);
      transport.last().body("data: " + i + "\n\n");
      listener.takeMessage(String.valueOf(i));
    }
    assertTimesOutAfter(TIMEOUT);
  }

  @Test
  void commentsAndPartialLinesKeepTheConnectionAlive() {
    open(withTimeout());
    scheduler.advance(4000);
    transport.last().body(": keep-alive\n");
    assertThat(listener.takeComment()).isEqualTo(" keep-alive");
    scheduler.advance(4000);
    transport.last().body("da"); // not even a whole line
    scheduler.advance(4000);
    transport.last().body("ta: x\n\n");
    listener.takeMessage("x");
    assertTimesOutAfter(TIMEOUT);
  }

  @Test
  void aServerThatNeverAnswersTimesOutToo() {
    start(withTimeout());
    assertTimesOutAfter(TIMEOUT);
    reconnectsAfter(RECONNECT_MILLIS);
  }

  @Test
  void aSlowListenerDoesNotTriggerTheTimeout() {
    ManualExecutor executor = new ManualExecutor();
    start(withTimeout().executor(executor));
    transport.last().respondOk();
    transport
        .last()
        .body(FlowControlTest.HALF_BUDGET + "data: slow\n\n")
        .body(FlowControlTest.HALF_BUDGET + "data: slower\n\n");
    // Two chunks fill the read-ahead budget, so the client reads no further and the server's
    // silence
    // does not count: the listener has not even started, the UI thread is busy.
    scheduler.advance(TIMEOUT * 10);
    assertThat(transport.last().isCancelled()).isFalse();
    listener.assertNoMoreCallbacks();

    executor.runAll();
    listener.takeOpen();
    listener.takeComment();
    listener.takeMessage("slow");
    listener.takeComment();
    listener.takeMessage("slower");
    // The silence is counted from when the listener asked for more, not from the bytes.
    scheduler.advance(TIMEOUT - 1);
    assertThat(transport.last().isCancelled()).isFalse();
    scheduler.advance(1);
    assertThat(transport.last().isCancelled()).isTrue();
    executor.runAll();
    assertThat(listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class))
        .hasCauseInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void noTimeoutIsSetByDefault() {
    EventSource source = open();
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(24 * 3_600_000L);
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void theTimeoutTimerIsCancelledWithTheConnection() {
    EventSource source = open(withTimeout());
    assertThat(scheduler.pending()).isEqualTo(1);
    source.close();
    assertThat(scheduler.pending()).isZero();
  }
}
