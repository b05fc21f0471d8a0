package dev.eventsource.contracttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.StreamScript;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** What the SSE endpoint sees of a stream: the method, headers and body the suite asked for. */
abstract class StreamRequestContract extends ServiceTestBase {
  @Test
  void defaultRequestIsAPlainGet() throws Exception {
    sse.stream("/s");
    create(params("/s", callbacks.endpoint()));

    RecordedRequest request = sse.takeRequest("/s");
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(request.getHeaders().get("Cache-Control")).isEqualTo("no-cache");
    assertThat(request.getHeaders().values("Last-Event-ID")).isEmpty();
  }

  @Test
  void initialLastEventIdIsSentOnTheFirstRequest() throws Exception {
    sse.stream("/s");
    create(params("/s", callbacks.endpoint()).put("lastEventId", "abc"));

    assertThat(sse.takeRequest("/s").getHeaders().get("Last-Event-ID")).isEqualTo("abc");
  }

  @Test
  void postSendsBodyAndHeadersOnEveryConnection() throws Exception {
    String body = "{\"hello\": \"world\"}";
    StreamScript first = sse.stream("/s");
    sse.stream("/s");
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    create(
        params("/s", cb)
            .put("initialDelayMs", 0)
            .put("method", "POST")
            .put("body", body)
            .set(
                "headers",
                JSON.createObjectNode()
                    .put("content-type", "application/json; charset=utf-8")
                    .put("x-custom", "value-1")));

    for (int connection = 1; connection <= 2; connection++) {
      RecordedRequest request = sse.takeRequest("/s");
      assertThat(request.getMethod()).as("connection %d", connection).isEqualTo("POST");
      assertThat(request.getBody().utf8()).as("connection %d", connection).isEqualTo(body);
      assertThat(request.getHeaders().get("Content-Type"))
          .isEqualTo("application/json; charset=utf-8");
      assertThat(request.getHeaders().get("x-custom")).isEqualTo("value-1");
      if (connection == 1) {
        first.drop();
        cb.expectError();
      }
    }
  }

  @Test
  void reportWithoutContentTypeSendsTextPlain() throws Exception {
    sse.stream("/s");
    create(params("/s", callbacks.endpoint()).put("method", "REPORT").put("body", "query"));

    RecordedRequest request = sse.takeRequest("/s");
    assertThat(request.getMethod()).isEqualTo("REPORT");
    assertThat(request.getBody().utf8()).isEqualTo("query");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("text/plain");
  }
}
