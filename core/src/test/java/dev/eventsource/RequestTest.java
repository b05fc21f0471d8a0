package dev.eventsource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsource.transport.TransportRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** REQUIREMENTS B (R7–R9): the request, custom headers and bodies, the per-attempt hook. */
class RequestTest extends EventSourceTestBase {

  @Test
  void r7_r8_r9_r10_firstRequestIsAPlainGetForAnEventStream() {
    start();
    TransportRequest sent = transport.last().sent();
    assertThat(sent.url()).isEqualTo(URL);
    assertThat(sent.method()).isEqualTo("GET");
    assertThat(sent.body()).isNull();
    assertThat(sent.header("Accept")).isEqualTo("text/event-stream");
    assertThat(sent.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(sent.header("Pragma")).isEqualTo("no-cache");
    assertThat(sent.header("Last-Event-ID")).isNull();
    assertThat(sent.headers().keySet()).containsExactly("Accept", "Cache-Control", "Pragma");
  }

  @Test
  void r8_r9_everyReconnectRepeatsAcceptAndNoCache() {
    open();
    for (int i = 0; i < 3; i++) {
      endStream();
      FakeExchange next = reconnectsAfter(RECONNECT_MILLIS);
      assertThat(next.header("Accept")).isEqualTo("text/event-stream");
      assertThat(next.header("Cache-Control")).isEqualTo("no-cache");
      assertThat(next.header("Pragma")).isEqualTo("no-cache");
      assertThat(next.sent().method()).isEqualTo("GET");
      next.respondOk();
      listener.takeOpen();
    }
  }

  @Test
  void customHeadersAreSentOnEveryConnection() {
    open(builder().header("Authorization", "Bearer abc").header("X-Tenant", "t1"));
    endStream();
    reconnectsAfter(RECONNECT_MILLIS);
    for (TransportRequest sent : transport.requests()) {
      assertThat(sent.header("authorization")).isEqualTo("Bearer abc");
      assertThat(sent.header("X-Tenant")).isEqualTo("t1");
      assertThat(sent.header("Accept")).isEqualTo("text/event-stream");
    }
  }

  @Test
  void aCustomHeaderReplacesADefaultOneOfTheSameName() {
    start(builder().header("accept", "text/event-stream, */*;q=0.1"));
    TransportRequest sent = transport.last().sent();
    assertThat(sent.header("Accept")).isEqualTo("text/event-stream, */*;q=0.1");
    assertThat(sent.headers()).hasSize(3); // Accept replaced, Cache-Control and Pragma kept
  }

  @Test
  void reconnectsWithoutAnIdShareOneRequestAndAnIdMakesANewOne() {
    // An idle source keeps its request for life: without an ID to add, every attempt sends the
    // same immutable object instead of holding a copy each.
    open();
    TransportRequest first = transport.last().sent();
    endStream();
    FakeExchange second = reconnectsAfter(RECONNECT_MILLIS);
    assertThat(second.sent()).isSameAs(first);
    second.respondOk();
    listener.takeOpen();
    second.body("id: 7\n\n");
    endStream();
    TransportRequest third = reconnectsAfter(RECONNECT_MILLIS).sent();
    assertThat(third).isNotSameAs(first);
    assertThat(third.header("Last-Event-ID")).isEqualTo("7");
    assertThat(first.header("Last-Event-ID")).isNull();
  }

  @Test
  void headersKeepTheOrderSetAndGroupTheValuesOfOneNameWhateverItsCase() {
    TransportRequest request =
        TransportRequest.builder(URL)
            .addHeader("X-A", "1")
            .addHeader("X-B", "2")
            .addHeader("x-a", "3")
            .header("X-C", "4")
            .build();
    assertThat(request.headers().keySet()).containsExactly("X-A", "X-B", "X-C");
    assertThat(request.headers().get("X-A")).containsExactly("1", "3");
    assertThat(request.header("X-A")).isEqualTo("1");
    assertThat(request.header("x-b")).isEqualTo("2");
    assertThat(request.header("X-D")).isNull();
    assertThatThrownBy(() -> request.headers().put("X-D", List.of("5")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.headers().get("X-A").add("5"))
        .isInstanceOf(UnsupportedOperationException.class);
    TransportRequest copy = request.toBuilder().removeHeader("X-B").build();
    assertThat(copy.headers()).containsOnlyKeys("X-A", "X-C");
    assertThat(copy.headers().get("X-A")).containsExactly("1", "3");
    assertThat(request.headers()).containsOnlyKeys("X-A", "X-B", "X-C");
  }

  @Test
  void r10_r11_lastEventIdIsManagedByTheSourceNotByACustomHeader() {
    start(builder().header("Last-Event-ID", "forged"));
    assertThat(transport.last().header("Last-Event-ID")).isNull();
    transport.last().respondOk();
    listener.takeOpen();
    transport.last().body("id: real\n\n");
    endStream();
    assertThat(reconnectsAfter(RECONNECT_MILLIS).sent().headers().get("Last-Event-ID"))
        .containsExactly("real");
  }

  @Test
  void aMethodWithABodyIsSentAgainOnEveryReconnect() {
    byte[] body = "{\"topics\":[\"a\"]}".getBytes(UTF_8);
    open(builder().method("post", body).header("Content-Type", "application/json"));
    body[0] = 'X'; // the builder kept its own copy
    for (int i = 0; i < 2; i++) {
      endStream();
      reconnectsAfter(RECONNECT_MILLIS).respondOk();
      listener.takeOpen();
    }
    assertThat(transport.requests()).hasSize(3);
    for (TransportRequest sent : transport.requests()) {
      assertThat(sent.method()).isEqualTo("POST");
      assertThat(sent.body()).asString(UTF_8).isEqualTo("{\"topics\":[\"a\"]}");
      assertThat(sent.header("Content-Type")).isEqualTo("application/json");
    }
  }

  static Stream<Arguments> forbiddenCharacters() {
    return Stream.of(
        Arguments.of("a\rb", "CR"), Arguments.of("a\nb", "LF"), Arguments.of("a\u0000b", "NUL"));
  }

  @ParameterizedTest
  @MethodSource("forbiddenCharacters")
  void r12_headerValuesWithCrLfOrNulAreRejectedSayingWhich(String value, String name) {
    assertThatThrownBy(() -> builder().header("X-Token", value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("X-Token")
        .hasMessageNotContaining(value); // values may be secrets
    assertThat(transport.count()).isZero();
  }

  @ParameterizedTest
  @MethodSource("forbiddenCharacters")
  void r12_initialLastEventIdWithCrLfOrNulIsRejectedSayingWhich(String id, String name) {
    assertThatThrownBy(() -> builder().lastEventId(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lastEventId contains " + name + " at index 1");
  }

  @Test
  void headerNamesMustBeTokens() {
    assertThatThrownBy(() -> builder().header("X Token", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header name");
    assertThatThrownBy(() -> builder().header("X-Token:", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().method("GE T", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestCustomizerIsCalledForEveryAttemptWithAFreshValue() {
    List<Integer> attempts = new ArrayList<>();
    List<String> idsSeen = new ArrayList<>();
    open(
        builder()
            .requestCustomizer(
                (request, attempt) -> {
                  attempts.add(attempt);
                  idsSeen.add(String.valueOf(request.header("Last-Event-ID")));
                  return request.toBuilder()
                      .header("Authorization", "Bearer token-" + attempt)
                      .build();
                }));
    transport.last().body("id: 7\ndata: x\n\n");
    listener.takeMessage("x");
    endStream();
    reconnectsAfter(RECONNECT_MILLIS).fail(new java.io.IOException("reset"));
    listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    reconnectsAfter(RECONNECT_MILLIS);

    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(idsSeen).containsExactly("null", "7", "7"); // it sees the Last-Event-ID to send
    assertThat(transport.requests())
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-3");
  }

  @Test
  void requestCustomizerMayChangeTheUrlButNotTheSourcesUrl() {
    URI other = URI.create("https://backup.example.com/stream?token=2");
    EventSource source =
        start(
            builder()
                .requestCustomizer(
                    (request, attempt) ->
                        attempt == 1 ? request : request.toBuilder().url(other).build()));
    transport.last().fail(new java.io.IOException("refused"));
    listener.takeError(ReadyState.CONNECTING);
    assertThat(reconnectsAfter(RECONNECT_MILLIS).sent().url()).isEqualTo(other);
    assertThat(source.url()).isEqualTo(URL);
  }

  @Test
  void aCustomizerThatThrowsOrReturnsNullIsANetworkErrorAndIsRetried() {
    int[] calls = {0};
    start(
        builder()
            .requestCustomizer(
                (request, attempt) -> {
                  calls[0]++;
                  if (attempt == 1) {
                    throw new IllegalStateException("token service down");
                  }
                  return attempt == 2 ? null : request;
                }));
    assertThat(transport.count()).isZero();
    EventSourceException first =
        listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    assertThat(first.getCause()).hasMessage("request customizer failed");
    assertThat(first.getCause().getCause()).hasMessage("token service down");

    scheduler.advance(RECONNECT_MILLIS);
    listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    assertThat(transport.count()).isZero();
    reconnectsAfter(RECONNECT_MILLIS);
    assertThat(calls[0]).isEqualTo(3);
  }
}
