package dev.eventsource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** REQUIREMENTS C (R14–R18) and R22/R23: announce or fail, by status and Content-Type. */
class ResponseTest extends EventSourceTestBase {

  @Test
  void r14_status200EventStreamOpensWithOpenInsideTheCallback() {
    EventSource source = start();
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    transport.last().respondOk();
    listener.takeOpen(); // asserts readyState OPEN inside the listener
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
    assertThat(transport.last().requestCount()).as("asks for the first chunk").isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/event-stream",
        "Text/Event-Stream",
        "TEXT/EVENT-STREAM;charset=utf-8",
        "text/event-stream; charset=windows-1252",
        " text/event-stream ; foo=bar"
      })
  void r15_contentTypeIsMatchedByEssenceIgnoringCaseAndParameters(String contentType) {
    EventSource source = start();
    transport.last().respond(200, contentType);
    listener.takeOpen();
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void r15_r37_bodyIsUtf8WhateverTheCharsetParameterSays() {
    start();
    transport.last().respond(200, "text/event-stream; charset=windows-1252");
    listener.takeOpen();
    transport.last().body("data: caf\u00e9 \u2026 \ud83d\ude00\n\n".getBytes(UTF_8));
    listener.takeMessage("caf\u00e9 \u2026 \ud83d\ude00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"text/plain", "text/x-bogus", "text/event-streams", "application/json", ""})
  void r16_wrongContentTypeFailsTheConnection(String contentType) {
    EventSource source = start();
    FakeExchange exchange = transport.last().respond(200, contentType);
    UnexpectedResponseException error =
        listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertThat(error.status()).isEqualTo(200);
    assertThat(error.contentType()).isEqualTo(contentType);
    assertThat(error).hasMessageContaining("text/event-stream");
    assertFailedForGood(source, exchange);
  }

  @Test
  void r16_missingContentTypeFailsTheConnection() {
    EventSource source = start();
    FakeExchange exchange = transport.last().respond(200, null);
    UnexpectedResponseException error =
        listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertThat(error.contentType()).isNull();
    assertThat(error).hasMessageContaining("no Content-Type");
    assertFailedForGood(source, exchange);
  }

  @Test
  void r17_status204ClosesWithoutReconnect() {
    EventSource source = start();
    FakeExchange exchange = transport.last().respond(204, null);
    UnexpectedResponseException error =
        listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertThat(error.status()).isEqualTo(204);
    assertThat(error).hasMessageContaining("204");
    assertFailedForGood(source, exchange);
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 202, 205, 206, 299, 304, 400, 401, 403, 404, 410, 500, 502, 503})
  void r17_anyOtherStatusFailsTheConnectionEvenWithAValidStream(int status) {
    EventSource source = start();
    FakeExchange exchange =
        transport
            .last()
            .respond(
                status,
                Map.of(
                    "Content-Type", List.of("text/event-stream"), "x-request-id", List.of("r-42")),
                URL);
    exchange.body("data: never delivered\n\n").end();
    UnexpectedResponseException error =
        listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.headers().get("X-Request-Id")).containsExactly("r-42"); // any case
    assertThat(error).hasMessageContaining(String.valueOf(status));
    assertFailedForGood(source, exchange);
  }

  @Test
  void r17_a204OnAReconnectClosesForGood() {
    // WPT eventsource-close.js test 2: 200, 200, then 204.
    open();
    endStream();
    reconnectsAfter(RECONNECT_MILLIS).respondOk();
    listener.takeOpen();
    endStream();
    FakeExchange third = reconnectsAfter(RECONNECT_MILLIS).respond(204, null);
    listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertFailedForGood(null, third);
  }

  @Test
  void r18_originIsThatOfTheFinalUrlAfterRedirects() {
    EventSource source = start();
    transport
        .last()
        .respond(
            200,
            Map.of("Content-Type", List.of("text/event-stream")),
            URI.create("https://cdn.example.net:8443/feeds/moved?x=1"));
    listener.takeOpen();
    transport.last().body("data: a\n\n");
    assertThat(listener.takeMessage("a").origin()).isEqualTo("https://cdn.example.net:8443");
    assertThat(source.url()).isEqualTo(URL); // R3
  }

  @ParameterizedTest
  @CsvSource({
    "https://Example.COM:443/s, https://example.com",
    "http://example.com:80/s, http://example.com",
    "http://example.com:8080/s, http://example.com:8080",
    "https://example.com:80/s, https://example.com:80",
    "HTTPS://user:pw@example.com/s, https://example.com",
    "http://[::1]:9000/s, http://[::1]:9000",
    "https://\u00e9l\u00e8ve.example/s, https://xn--lve-6lad.example",
    "http://WWW.Example.COM/s, http://www.example.com",
    // An ASCII host is only lower-cased: no IDN check of label lengths, as URL parsing does.
    "http://a-label-longer-than-sixty-three-characters-which-idn-would-refuse-it.example/s,"
        + " http://a-label-longer-than-sixty-three-characters-which-idn-would-refuse-it.example"
  })
  void r18_r34_originIsSerializedWithDefaultPortsOmittedAndHostsInPunycode(
      String finalUrl, String origin) {
    start();
    transport
        .last()
        .respond(200, Map.of("Content-Type", List.of("text/event-stream")), URI.create(finalUrl));
    listener.takeOpen();
    transport.last().body("data: a\n\n");
    assertThat(listener.takeMessage("a").origin()).isEqualTo(origin);
  }

  @Test
  void d5_reconnectsGoToTheOriginalUrlAndTheRedirectHappensAgain() {
    start();
    transport
        .last()
        .respond(
            200,
            Map.of("Content-Type", List.of("text/event-stream")),
            URI.create("https://cdn.example.net/moved"));
    listener.takeOpen();
    endStream();
    assertThat(reconnectsAfter(RECONNECT_MILLIS).sent().url()).isEqualTo(URL);
  }

  /** CLOSED, connection dropped, no timer, and no request however long we wait (R16, R17, R22). */
  private void assertFailedForGood(EventSource source, FakeExchange exchange) {
    if (source != null) {
      assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    }
    assertThat(exchange.isCancelled()).isTrue();
    assertThat(exchange.requestCount()).as("no body read after a failure").isZero();
    int requests = transport.count();
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(3_600_000);
    assertThat(transport.count()).isEqualTo(requests);
  }
}
