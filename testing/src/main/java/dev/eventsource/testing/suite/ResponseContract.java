package dev.eventsource.testing.suite;

import static dev.eventsource.testing.SseTestServer.EVENT_STREAM;
import static dev.eventsource.testing.SseTestServer.complete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import dev.eventsource.StreamEndedException;
import dev.eventsource.UnexpectedResponseException;
import dev.eventsource.testing.SseTestServer;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The response check of WHATWG HTML §9.2.3: status 200 with a {@code text/event-stream} MIME type
 * announces the connection; anything else fails it (CLOSED, one error, no reconnection) unless the
 * retry policy opts in to retrying HTTP errors.
 */
abstract class ResponseContract extends ContractBase {
  @Test
  void status200WithEventStreamOpensAndDelivers() throws Exception {
    server.stream().send("event: greeting\nid: 1\ndata: hello\ndata: world\n\n");
    EventSource source = connect(builder("/stream"));

    recorder.takeOpen();
    MessageEvent event = recorder.takeMessage();
    assertThat(event).isEqualTo(MessageEvent.of("greeting", "hello\nworld", "1", server.origin()));
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
    assertThat(source.url()).isEqualTo(URI.create(server.url("/stream")));
  }

  @Test
  void fixedLengthBodyIsAStreamThatEnds() throws Exception {
    server.enqueue(complete(200, EVENT_STREAM, "id: 1\ndata: a\n\ndata: b\n\n"));
    server.stream().send("data: c\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeMessage("b");
    assertThat(recorder.takeError(ReadyState.CONNECTING)).isInstanceOf(StreamEndedException.class);
    recorder.takeOpen();
    recorder.takeMessage("c");
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("1");
  }

  @Test
  void status204ClosesWithoutReconnect() throws Exception {
    server.enqueue(SseTestServer.status(204));
    EventSource source = connect(builder("/stream"));

    EventSourceException error = recorder.takeError(ReadyState.CLOSED);
    assertThat(error).isInstanceOf(UnexpectedResponseException.class);
    assertThat(((UnexpectedResponseException) error).status()).isEqualTo(204);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    server.takeRequest();
    assertThat(server.pollRequest(QUIET_MILLIS)).as("a reconnection after 204").isNull();
  }

  /** R17: a status other than 200 fails the connection even when the body is a valid stream. */
  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {201, 206, 400, 404, 410, 500, 503})
  void otherStatusClosesWithTheStatus(int status) throws Exception {
    server.enqueue(complete(status, EVENT_STREAM, "data: not for you\n\n"));
    connect(builder("/stream"));

    EventSourceException error = recorder.takeError(ReadyState.CLOSED);
    assertThat(error).isInstanceOf(UnexpectedResponseException.class);
    assertThat(((UnexpectedResponseException) error).status()).isEqualTo(status);
    server.takeRequest();
    assertThat(server.pollRequest(QUIET_MILLIS)).as("a reconnection after %d", status).isNull();
  }

  @Test
  void retryHttpErrorsReconnectsAfter503() throws Exception {
    server.enqueue(complete(503, "text/plain", "busy"));
    server.stream().send("data: back\n\n");
    RetryPolicy retrying =
        RetryPolicy.builder()
            .reconnectionTime(50, TimeUnit.MILLISECONDS)
            .backoff(false)
            .retryHttpErrors(true)
            .build();
    connect(builder("/stream").retryPolicy(retrying));

    EventSourceException error = recorder.takeError(ReadyState.CONNECTING);
    assertThat(((UnexpectedResponseException) error).status()).isEqualTo(503);
    recorder.takeOpen();
    recorder.takeMessage("back");
    server.takeRequest();
    server.takeRequest();
  }

  /** R15: the MIME type's essence is compared; the body is UTF-8 whatever the charset says. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "text/event-stream; charset=utf-8",
        "text/event-stream;charset=windows-1252",
        "Text/Event-Stream",
        "TEXT/EVENT-STREAM ; foo=bar"
      })
  void eventStreamWithParametersOrOtherCaseIsAccepted(String contentType) throws Exception {
    server.stream(contentType).send("data: caf\u00e9 \u2026\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    recorder.takeMessage("caf\u00e9 \u2026");
  }

  /** R16: a wrong Content-Type with status 200 fails the connection. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text/plain", "application/json", "text/event-streams", "text/html"})
  void wrongContentTypeCloses(String contentType) throws Exception {
    assertWrongContentTypeCloses(contentType);
  }

  @Test
  void missingContentTypeCloses() throws Exception {
    assertWrongContentTypeCloses(null);
  }

  private void assertWrongContentTypeCloses(@Nullable String contentType) throws Exception {
    server.enqueue(complete(200, contentType, "data: not a stream\n\n"));
    connect(builder("/stream"));

    EventSourceException error = recorder.takeError(ReadyState.CLOSED);
    assertThat(error).isInstanceOf(UnexpectedResponseException.class);
    UnexpectedResponseException unexpected = (UnexpectedResponseException) error;
    assertThat(unexpected.status()).isEqualTo(200);
    assertThat(unexpected.contentType()).isEqualTo(contentType);
    server.takeRequest();
    assertThat(server.pollRequest(QUIET_MILLIS)).as("a reconnection").isNull();
  }
}
