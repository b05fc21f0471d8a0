package dev.eventsource.testing.suite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.ReadyState;
import dev.eventsource.StreamEndedException;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The request: what is sent on the first connection and again on every reconnection. */
abstract class RequestContract extends ContractBase {
  @Test
  void firstRequestAsksForAnEventStreamWithNoCacheAndNoLastEventId() throws Exception {
    server.stream().send("data: a\n\n");
    connect(builder("/stream?topic=a%20b&x=1"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/stream?topic=a%20b&x=1");
    assertThat(request.getHeaders().values("Accept")).containsExactly("text/event-stream");
    assertThat(request.getHeaders().values("Cache-Control")).containsExactly("no-cache");
    assertThat(request.getHeaders().values("Pragma")).containsExactly("no-cache");
    assertThat(request.getHeaders().get("Last-Event-ID")).isNull();
    assertThat(request.getBodySize()).isZero();
    recorder.takeOpen();
    recorder.takeMessage("a");
  }

  @Test
  void customHeadersAreSentOnEveryConnection() throws Exception {
    server.stream().send("id: 1\ndata: a\n\n").end();
    server.stream().send("data: b\n\n");
    connect(
        builder("/stream")
            .header("X-Custom", "one")
            .header("Authorization", "Bearer secret")
            .header("User-Agent", "contract-suite/1"));

    for (int i = 0; i < 2; i++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getHeaders().values("X-Custom")).containsExactly("one");
      assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer secret");
      assertThat(request.getHeaders().values("User-Agent")).containsExactly("contract-suite/1");
      assertThat(request.getHeaders().values("Accept")).containsExactly("text/event-stream");
      assertThat(request.getHeaders().values("Cache-Control")).containsExactly("no-cache");
      assertThat(request.getHeaders().get("Last-Event-ID")).isEqualTo(i == 0 ? null : "1");
    }
    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeOpen();
    recorder.takeMessage("b");
  }

  @Test
  void initialLastEventIdIsSentOnTheFirstRequest() throws Exception {
    server.stream().send("data: a\n\n");
    connect(builder("/stream").lastEventId("resume-42"));

    assertThat(server.takeRequest().getHeaders().values("Last-Event-ID"))
        .containsExactly("resume-42");
    recorder.takeOpen();
    assertThat(recorder.takeMessage("a").lastEventId()).isEqualTo("resume-42");
  }

  @Test
  void postBodyIsSentAgainOnReconnect() throws Exception {
    byte[] body = "{\"subscribe\":[\"a\",\"b\"]}".getBytes(UTF_8);
    server.stream().send("id: 5\ndata: a\n\n").end();
    server.stream().send("data: b\n\n");
    connect(
        builder("/stream")
            .method("POST", body)
            .header("Content-Type", "application/json; charset=utf-8"));

    for (int i = 0; i < 2; i++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getBody().toByteArray()).isEqualTo(body);
      assertThat(request.getHeaders().get("Content-Type"))
          .isEqualTo("application/json; charset=utf-8");
      assertThat(request.getHeaders().get("Last-Event-ID")).isEqualTo(i == 0 ? null : "5");
    }
    recorder.takeOpen();
    recorder.takeMessage("a");
    assertThat(recorder.takeError(ReadyState.CONNECTING)).isInstanceOf(StreamEndedException.class);
    recorder.takeOpen();
    recorder.takeMessage("b");
  }

  @Test
  void otherMethodsCarryTheirBody() throws Exception {
    byte[] body = "filter=x".getBytes(UTF_8);
    server.stream().send("data: a\n\n");
    connect(builder("/stream").method("REPORT", body));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("REPORT");
    assertThat(request.getBody().toByteArray()).isEqualTo(body);
    recorder.takeOpen();
    recorder.takeMessage("a");
  }

  /** The ID goes out as UTF-8, as browsers send it, from the builder and from the stream. */
  @Test
  void nonAsciiLastEventIdIsSentAsUtf8() throws Exception {
    String initial = "caf\u00e9 \u2026";
    String fromStream = "\u00fcber-\u65e5\u672c";
    server.stream().send("id: " + fromStream + "\ndata: a\n\n").end();
    server.stream().send("data: b\n\n");
    connect(builder("/stream").lastEventId(initial));

    assertThat(server.takeRequest().getHeaders().get("Last-Event-ID"))
        .isEqualTo(onTheWire(initial));
    assertThat(server.takeRequest().getHeaders().get("Last-Event-ID"))
        .isEqualTo(onTheWire(fromStream));
    recorder.takeOpen();
    assertThat(recorder.takeMessage("a").lastEventId()).isEqualTo(fromStream);
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeOpen();
    recorder.takeMessage("b");
  }

  /** The value MockWebServer (which decodes header lines as UTF-8) reads for the sent ID. */
  private String onTheWire(String id) {
    if (http1HeadersCarryUtf8()) {
      return id;
    }
    StringBuilder asAscii = new StringBuilder();
    for (byte b : id.getBytes(UTF_8)) {
      asAscii.append(b >= 0 ? (char) b : '?');
    }
    return asAscii.toString();
  }
}
