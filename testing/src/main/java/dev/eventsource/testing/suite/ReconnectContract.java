package dev.eventsource.testing.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.ConnectionFailedException;
import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import dev.eventsource.StreamEndedException;
import dev.eventsource.UnexpectedResponseException;
import dev.eventsource.testing.RecordingListener;
import dev.eventsource.testing.SseTestServer;
import dev.eventsource.testing.StreamScript;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Reestablishing the connection (HTML §9.2.3): after the body ends or breaks, an error with
 * CONNECTING, a wait of the reconnection time ({@code retry:} wins), and a new request carrying
 * {@code Last-Event-ID}; 204 on a reconnection stops for good; a read timeout turns silence into a
 * reconnection.
 */
abstract class ReconnectContract extends ContractBase {
  @Test
  void reconnectsWithLastEventIdAfterTheServerEndsTheStream() throws Exception {
    server.stream().send("id: 1\ndata: a\n\nid: 2\ndata: b\n\n").end();
    server.stream().send("data: c\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeMessage("b");
    assertThat(recorder.takeError(ReadyState.CONNECTING)).isInstanceOf(StreamEndedException.class);
    recorder.takeOpen();
    assertThat(recorder.takeMessage("c").lastEventId()).as("R29: the ID persists").isEqualTo("2");

    assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isNull();
    RecordedRequest reconnect = server.takeRequest();
    assertThat(reconnect.getHeaders().values("Last-Event-ID")).containsExactly("2");
    assertThat(reconnect.getHeaders().values("Accept")).containsExactly("text/event-stream");
    assertThat(reconnect.getHeaders().values("Cache-Control")).containsExactly("no-cache");
    assertThat(reconnect.getHeaders().values("Pragma")).containsExactly("no-cache");
  }

  @Test
  void idWithoutEventBeforeTheEndIsStillSent() throws Exception {
    server.stream().send("data: a\n\nid: 5\n\n").end(); // R27: a dispatch without data keeps the ID
    server.stream().send("data: b\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeOpen();
    assertThat(recorder.takeMessage("b").lastEventId()).isEqualTo("5");
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().values("Last-Event-ID")).containsExactly("5");
  }

  @Test
  void idClearedByAnEmptyIdFieldIsNotSent() throws Exception {
    server.stream().send("id: 1\ndata: a\n\nid\ndata: b\n\n").end();
    server.stream().send("data: c\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    assertThat(recorder.takeMessage("b").lastEventId()).isEmpty();
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeOpen();
    recorder.takeMessage("c");
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).as("R11").isNull();
  }

  /**
   * R25/R26: measured from the end of the first response to the second request, at the transport:
   * between listener callbacks, a late wake-up of the listener thread would shorten the gap.
   */
  @Test
  void retryFieldSetsTheReconnectionDelay() throws Exception {
    server.stream().send("retry: 400\ndata: a\n\n").end();
    server.stream().send("data: b\n\n");
    TimedTransport timed = new TimedTransport(transport());
    // The reconnection time is 50 ms until retry: sets it.
    EventSource source = connect(builder(server.url("/stream"), timed));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeOpen();
    recorder.takeMessage("b");
    long gapMillis = TimedTransport.millisBetween(timed.ends.get(0), timed.opens.get(1));
    assertThat(gapMillis)
        .as("end of the first response to the second request")
        .isBetween(400L, 2_000L);
    assertThat(source.reconnectionTimeMillis()).isEqualTo(400);
  }

  @Test
  void status204OnReconnectStopsForGood() throws Exception {
    server.stream().send("id: 1\ndata: a\n\n").end();
    server.enqueue(SseTestServer.status(204));
    EventSource source = connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeError(ReadyState.CONNECTING);
    EventSourceException error = recorder.takeError(ReadyState.CLOSED);
    assertThat(((UnexpectedResponseException) error).status()).isEqualTo(204);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    server.takeRequest();
    server.takeRequest();
    assertThat(server.pollRequest(QUIET_MILLIS)).as("a request after 204").isNull();
  }

  @Test
  void readTimeoutDropsASilentConnectionAndReconnects() throws Exception {
    StreamScript silent = server.stream().send("id: 1\ndata: a\n\n").awaitClientClose();
    server.stream().send("data: b\n\n").repeatUntilClientGone(":keep-alive\n", 50);
    TimedTransport timed = new TimedTransport(transport());
    connect(builder(server.url("/stream"), timed).readTimeout(300, TimeUnit.MILLISECONDS));

    recorder.takeOpen();
    RecordingListener.Callback message = recorder.next();
    assertThat(message.event().data()).isEqualTo("a");
    RecordingListener.Callback timeout = recorder.takeErrorCallback(ReadyState.CONNECTING);
    assertThat(timeout.error())
        .isInstanceOf(ConnectionFailedException.class)
        .hasCauseInstanceOf(SocketTimeoutException.class);
    // From the last chunk's arrival: the timer starts there, before the message callback runs.
    assertThat(TimedTransport.millisBetween(timed.chunks.get(0), timeout.nanos()))
        .as("silence before the timeout")
        .isGreaterThanOrEqualTo(300L);
    assertThat(silent.awaitClientGone(5, TimeUnit.SECONDS))
        .as("the silent connection was closed")
        .isTrue();
    recorder.takeOpen();
    recorder.takeMessage("b");
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("1");
  }

  @Test
  void brokenConnectionReconnects() throws Exception {
    server.stream().send("id: 1\ndata: a\n\ndata: incomplete").drop();
    server.stream().send("data: b\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    EventSourceException error = recorder.takeError(ReadyState.CONNECTING);
    assertThat(error)
        .as("a body cut short is a network error")
        .isInstanceOf(ConnectionFailedException.class);
    recorder.takeOpen();
    recorder.takeMessage("b");
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("1");
  }

  /** R19: a refused connection is a network error, retried until the policy's attempts run out. */
  @Test
  void refusedConnectionIsRetriedUntilMaxAttempts() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort(); // closed again: nothing listens there
    }
    RetryPolicy twoAttempts =
        RetryPolicy.builder()
            .reconnectionTime(20, TimeUnit.MILLISECONDS)
            .backoff(false)
            .maxAttempts(2)
            .build();
    connect(builder("http://127.0.0.1:" + port + "/stream", transport()).retryPolicy(twoAttempts));

    for (ReadyState state :
        List.of(ReadyState.CONNECTING, ReadyState.CONNECTING, ReadyState.CLOSED)) {
      assertThat(recorder.takeError(state)).isInstanceOf(ConnectionFailedException.class);
    }
  }

  @Test
  void connectionClosedByTheServerEndsTheStreamAndReconnects() throws Exception {
    server.streamUntilClose().send("id: 3\ndata: a\n\ndata: incomplete").end();
    server.stream().send("data: b\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    assertThat(recorder.takeError(ReadyState.CONNECTING)).isInstanceOf(StreamEndedException.class);
    recorder.takeOpen();
    recorder.takeMessage("b");
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("3");
  }

  @Test
  void readTimeoutAlsoCoversTheWaitForTheResponse() throws Exception {
    server.enqueue(
        SseTestServer.complete(200, SseTestServer.EVENT_STREAM, "data: late\n\n")
            .newBuilder()
            .headersDelay(2, TimeUnit.SECONDS)
            .build());
    server.stream().send("data: b\n\n").repeatUntilClientGone(":keep-alive\n", 50);
    connect(builder("/stream").readTimeout(300, TimeUnit.MILLISECONDS));

    assertThat(recorder.takeError(ReadyState.CONNECTING))
        .isInstanceOf(ConnectionFailedException.class)
        .hasCauseInstanceOf(SocketTimeoutException.class);
    recorder.takeOpen();
    recorder.takeMessage("b");
  }

  @Test
  void retryAfterSetsTheLeastDelayWhenHttpErrorsAreRetried() throws Exception {
    server.enqueue(
        SseTestServer.complete(503, "text/plain", "busy")
            .newBuilder()
            .setHeader("Retry-After", "1")
            .build());
    server.stream().send("data: back\n\n");
    RetryPolicy retrying =
        RetryPolicy.builder()
            .reconnectionTime(50, TimeUnit.MILLISECONDS)
            .backoff(false)
            .retryHttpErrors(true)
            .build();
    TimedTransport timed = new TimedTransport(transport());
    connect(builder(server.url("/stream"), timed).retryPolicy(retrying));

    recorder.takeErrorCallback(ReadyState.CONNECTING);
    recorder.takeOpen();
    recorder.takeMessage("back");
    // From the 503's arrival to the next request, at the transport: the wait starts there.
    assertThat(TimedTransport.millisBetween(timed.responses.get(0), timed.opens.get(1)))
        .isBetween(1_000L, 4_000L);
  }
}
