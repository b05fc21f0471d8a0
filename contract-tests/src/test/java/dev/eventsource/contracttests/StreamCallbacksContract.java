package dev.eventsource.contracttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsource.testing.StreamScript;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** What the suite sees of a stream: callbacks, numbered from 1, for events, comments and errors. */
abstract class StreamCallbacksContract extends ServiceTestBase {
  @Test
  void eventsCommentsAndErrorsArePostedInOrderNumberedFromOne() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    StreamScript first = sse.stream("/s");
    StreamScript second = sse.stream("/s");
    create(params("/s", cb).put("initialDelayMs", 0));
    sse.takeRequest("/s");

    first.send(":Hello\n").send("id: abc\ndata: Hello\n\n").send("data: World\n\n").drop();
    cb.expectComment("Hello");
    cb.expectEvent("message", "Hello", "abc");
    cb.expectEvent("message", "World", "abc");
    cb.expectError();
    RecordedRequest reconnect = sse.takeRequest("/s");
    assertThat(reconnect.getHeaders().get("Last-Event-ID")).isEqualTo("abc");

    second.send("event: greeting\ndata: again\n\n");
    cb.expectEvent("greeting", "again", "abc");
    cb.expectNothingFor(300);
  }

  @Test
  void commentTextIsPostedExactlyAsTheLibraryGivesIt() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    StreamScript stream = sse.stream("/s");
    create(params("/s", cb));

    stream.send(": spaced\n:\n");
    cb.expectComment(" spaced"); // the library keeps what follows the colon, space included
    cb.expectComment("");
  }

  @Test
  void restartReconnectsWithoutAnErrorCallback() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    StreamScript first = sse.stream("/s");
    StreamScript second = sse.stream("/s");
    String stream = create(params("/s", cb).put("initialDelayMs", 0));
    sse.takeRequest("/s");
    first.send("id: 1\ndata: Hello\n\n").awaitClientClose();
    cb.expectEvent("message", "Hello", "1");

    command(stream, "{\"command\":\"restart\"}");

    assertThat(first.awaitClientGone(5, TimeUnit.SECONDS)).as("first connection closed").isTrue();
    assertThat(sse.takeRequest("/s").getHeaders().get("Last-Event-ID")).isEqualTo("1");
    second.send("data: Thanks\n\n");
    cb.expectEvent("message", "Thanks", "1"); // number 2: no error came in between
    cb.expectNothingFor(300);
  }

  @Test
  void listenedTypesAreReportedOnceLikeAllOthers() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    StreamScript stream = sse.stream("/s");
    String source = create(params("/s", cb));
    sse.takeRequest("/s");

    command(source, "{\"command\":\"listen\",\"listen\":{\"type\":\"greeting\"}}");
    command(source, "{\"command\":\"listen\",\"listen\":{\"type\":\" spaced\"}}");
    command(source, "{\"command\":\"listen\",\"listen\":{\"type\":\"greeting\"}}");
    stream
        .send("event: greeting\ndata: Hi\n\n")
        .send("data: plain\n\n")
        .send("event:  spaced\ndata: x\n\n")
        .send("event: other\ndata: y\n\n");

    cb.expectEvent("greeting", "Hi", "");
    cb.expectEvent("message", "plain", "");
    cb.expectEvent(" spaced", "x", "");
    cb.expectEvent("other", "y", "");
    cb.expectNothingFor(300);
  }

  @Test
  void leadingByteOrderMarkIsStripped() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    StreamScript stream = sse.stream("/s");
    create(params("/s", cb));
    sse.takeRequest("/s");

    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    stream.send(bom).send("data: Hello\n\n".getBytes(StandardCharsets.UTF_8));
    cb.expectEvent("message", "Hello", "");
  }

  @Test
  void largeEventSplitAcrossChunksArrivesWhole() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    StreamScript stream = sse.stream("/s");
    create(params("/s", cb));
    sse.takeRequest("/s");

    String half = "0123456789abcdef".repeat(7 * 1024 * 1024 / 16 / 2);
    stream.send("data: " + half).send(half + "\n\n");
    JsonNode body = cb.next();
    String data = body.path("event").path("data").asText();
    assertThat(data.length()).isEqualTo(2 * half.length());
    assertThat(data.equals(half + half)).as("the data arrived whole").isTrue();
  }

  @Test
  void readTimeoutLeadsToAnErrorAndAReconnect() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    StreamScript first = sse.stream("/s");
    sse.stream("/s");
    create(params("/s", cb).put("initialDelayMs", 0).put("readTimeoutMs", 300));
    sse.takeRequest("/s");

    first.send("data: Hello\n\n"); // then silence
    cb.expectEvent("message", "Hello", "");
    assertThat(cb.expectError()).contains("read timeout");
    sse.takeRequest("/s");
  }

  @Test
  void status204StopsReconnecting() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    sse.enqueue("/s", new MockResponse.Builder().code(204).build());
    sse.stream("/s"); // would answer a reconnection, if there were one
    create(params("/s", cb).put("initialDelayMs", 0));
    sse.takeRequest("/s");

    assertThat(cb.expectError()).contains("204");
    assertThat(sse.pollRequest("/s", 1_000)).as("a reconnection after 204").isNull();
    cb.expectNothingFor(100);
  }

  @Test
  void nothingIsPostedAfterDelete() throws Exception {
    CallbackReceiver.Endpoint cb = callbacks.endpoint();
    StreamScript stream = sse.stream("/s");
    String source = create(params("/s", cb));
    sse.takeRequest("/s");
    stream.send("data: Hello\n\n");
    cb.expectEvent("message", "Hello", "");

    assertThat(client.delete(source).statusCode()).isEqualTo(204);

    stream.send("data: late\n\n:late\n").awaitClientClose();
    assertThat(stream.awaitClientGone(5, TimeUnit.SECONDS)).as("connection closed").isTrue();
    cb.expectNothingFor(500);
  }
}
