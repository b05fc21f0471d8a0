package dev.eventsource.testing.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.ReadyState;
import dev.eventsource.testing.RecordingListener;
import dev.eventsource.testing.SseTestServer;
import dev.eventsource.testing.StreamScript;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} (HTML §9.2.2): CLOSED at once, the connection released, no callback afterwards,
 * not even for events of a chunk already read; and {@code restart()}: a new connection at once,
 * with {@code Last-Event-ID} and without an error callback.
 */
abstract class CloseContract extends ContractBase {
  @Test
  void closeDuringStreamDisconnectsAndStopsCallbacks() throws Exception {
    StreamScript stream = server.stream().repeatUntilClientGone("data: tick\n\n", 20);
    EventSource source = connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("tick");
    source.close();
    long closed = System.nanoTime();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);

    assertThat(stream.awaitClientGone(5, TimeUnit.SECONDS))
        .as("server saw the disconnect")
        .isTrue();
    Thread.sleep(100); // ticks the server wrote before it noticed would arrive by now
    RecordingListener.Callback late;
    while ((late = recorder.pollNow()) != null) {
      assertThat(late.nanos()).as("%s started after close() returned", late).isLessThan(closed);
    }
    server.takeRequest();
    assertThat(server.pollRequest(QUIET_MILLIS)).as("a reconnection after close()").isNull();
  }

  @Test
  void closeFromListenerDropsLaterEventsOfTheSameChunk() throws Exception {
    server.stream().send("data: a\n\ndata: b\n\ndata: c\n\n").send("data: d\n\n");
    connect(
        builder("/stream")
            .onMessage(
                (s, e) -> {
                  if (e.data().equals("a")) {
                    s.close();
                  }
                }));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.assertSilentFor(QUIET_MILLIS);
    server.takeRequest();
    assertThat(server.pollRequest(0)).as("a reconnection").isNull();
  }

  @Test
  void closeFromOpenListenerSuppressesEveryMessage() throws Exception {
    server.stream().send("data: a\n\n");
    connect(builder("/stream").onOpen(EventSource::close));

    recorder.takeOpen();
    recorder.assertSilentFor(QUIET_MILLIS);
  }

  @Test
  void closeFromErrorListenerCancelsTheReconnect() throws Exception {
    server.stream().send("data: a\n\n").end();
    server.stream().send("data: never\n\n");
    recorder.closeOnError();
    EventSource source = connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeError(ReadyState.CONNECTING);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    server.takeRequest();
    assertThat(server.pollRequest(QUIET_MILLIS)).as("a reconnection").isNull();
    recorder.assertSilentFor(0);
  }

  @Test
  void restartReconnectsAtOnceWithLastEventIdAndNoError() throws Exception {
    StreamScript first = server.stream().send("id: 7\ndata: a\n\n").awaitClientClose();
    server.stream().send("data: b\n\n");
    EventSource source =
        connect(builder("/stream").retryPolicy(policy(10_000))); // restart must not wait for it

    recorder.takeOpen();
    recorder.takeMessage("a");
    source.restart();
    assertThat(first.awaitClientGone(5, TimeUnit.SECONDS)).as("old connection closed").isTrue();
    recorder.takeOpen(); // no error before it
    assertThat(recorder.takeMessage("b").lastEventId()).isEqualTo("7");
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().values("Last-Event-ID")).containsExactly("7");
  }

  @Test
  void closeIsIdempotentAndRestartAfterCloseDoesNothing() throws Exception {
    server.stream().send("data: a\n\n");
    EventSource source = connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    source.close();
    source.close();
    source.restart();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    server.takeRequest();
    assertThat(server.pollRequest(QUIET_MILLIS)).as("a request after close()").isNull();
    recorder.assertSilentFor(0);
  }

  @Test
  void closeWhileWaitingForTheResponseFiresNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.enqueueHeld(
        SseTestServer.complete(200, SseTestServer.EVENT_STREAM, "data: late\n\n"), release);
    EventSource source = connect(builder("/stream"));

    server.takeRequest();
    source.close();
    release.countDown(); // the response goes out only now, after close()
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    recorder.assertSilentFor(500); // past the moment the response arrives
    assertThat(server.pollRequest(0)).as("a reconnection").isNull();
  }

  @Test
  void closeWhileARedirectTargetHoldsItsResponseFiresNothing() throws Exception {
    SseTestServer target = closeLater(new SseTestServer());
    CountDownLatch release = new CountDownLatch(1);
    server.enqueue(SseTestServer.redirect(302, target.url("/final")));
    target.enqueueHeld(
        SseTestServer.complete(200, SseTestServer.EVENT_STREAM, "data: late\n\n"), release);
    EventSource source = connect(builder("/start"));

    target.takeRequest(); // the redirect was followed; the target holds its response
    source.close();
    release.countDown();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    recorder.assertSilentFor(500);
    assertThat(server.requestCount() + target.requestCount()).as("requests").isEqualTo(2);
  }
}
