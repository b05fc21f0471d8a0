package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code oneShot(true)}: the end of the response completes the source, a failure after the answer
 * closes it, and the request is never sent again; before the answer, the retry policy rules.
 */
class OneShotTest extends EventSourceTestBase {
  private EventSource openOneShot() {
    return open(builder().oneShot(true));
  }

  @Test
  void endOfStreamCompletesAfterTheEventsAndNeverSendsTheRequestAgain() {
    EventSource source = openOneShot();
    transport.last().body("data: a\n\ndata: b\n\ndata: never dispatched").end();
    listener.takeMessage("a");
    listener.takeMessage("b");
    listener.takeComplete();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    scheduler.advance(TimeUnit.HOURS.toMillis(1));
    assertThat(transport.count()).as("requests sent").isEqualTo(1);
    assertThat(scheduler.pending()).as("pending timers").isZero();
  }

  @Test
  void networkErrorAfterTheAnswerFailsForGoodInsteadOfReconnecting() {
    EventSource source = openOneShot();
    transport.last().body("data: a\n\n").fail(new IOException("reset"));
    listener.takeMessage("a");
    listener.takeError(ReadyState.CLOSED, ConnectionFailedException.class);
    scheduler.advance(TimeUnit.HOURS.toMillis(1));
    assertThat(transport.count()).isEqualTo(1);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }

  @Test
  void readTimeoutAfterTheAnswerFailsForGood() {
    open(builder().oneShot(true).readTimeout(500, TimeUnit.MILLISECONDS));
    scheduler.advance(500);
    assertThat(listener.takeError(ReadyState.CLOSED, ConnectionFailedException.class))
        .hasCauseInstanceOf(SocketTimeoutException.class);
    scheduler.advance(TimeUnit.HOURS.toMillis(1));
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void failureToConnectIsRetriedAsThePolicySaysThenTheStreamCompletes() {
    start(builder().oneShot(true));
    transport.last().fail(new IOException("connection refused"));
    listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    reconnectsAfter(RECONNECT_MILLIS).respondOk().body("data: a\n\n").end();
    listener.takeOpen();
    listener.takeMessage("a");
    listener.takeComplete();
    assertThat(transport.count()).isEqualTo(2);
  }

  @Test
  void failureToConnectStopsAtMaxAttempts() {
    start(
        builder()
            .oneShot(true)
            .retryPolicy(
                RetryPolicy.builder()
                    .reconnectionTime(RECONNECT_MILLIS, TimeUnit.MILLISECONDS)
                    .backoff(false)
                    .maxAttempts(1)
                    .build()));
    transport.last().fail(new IOException("refused"));
    listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    reconnectsAfter(RECONNECT_MILLIS).fail(new IOException("refused"));
    listener.takeError(ReadyState.CLOSED, ConnectionFailedException.class);
  }

  @Test
  void httpErrorStatusFailsAsOnAnySource() {
    start(builder().oneShot(true));
    transport.last().respond(500, "text/plain");
    listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void closeBeforeTheEndIsDispatchedSilencesCompletion() {
    ManualExecutor ui = new ManualExecutor();
    EventSource source = start(listener.attach(bareBuilder().oneShot(true).executor(ui)));
    transport.last().respondOk().end();
    source.close();
    ui.runAll();
    listener.assertNoMoreCallbacks();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }

  @Test
  void withoutOneShotTheEndOfStreamReconnectsAndNeverCompletes() {
    open();
    endStream();
    reconnectsAfter(RECONNECT_MILLIS);
  }

  @Test
  void restartSendsTheRequestAgainWhenAsked() {
    EventSource source = openOneShot();
    source.restart();
    assertThat(transport.count()).isEqualTo(2);
    transport.last().respondOk().end();
    listener.takeOpen();
    listener.takeComplete();
  }
}
