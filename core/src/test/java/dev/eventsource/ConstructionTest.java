package dev.eventsource;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REQUIREMENTS A (R1–R5): construction, attributes, and listeners in place before connecting. */
class ConstructionTest extends EventSourceTestBase {

  @Test
  void r1_unparseableUrlThrowsAndSendsNoRequest() {
    // WPT eventsource-constructor-url-bogus: "http://this is invalid/"
    assertThatThrownBy(() -> EventSource.builder("http://this is invalid/", transport))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(transport.count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/stream", "stream", "//example.com/stream", "ftp://example.com/", "ws://x/"})
  void r1_r2_relativeOrNonHttpUrlsAreRejectedForLackOfABaseUrl(String url) {
    assertThatThrownBy(() -> EventSource.builder(url, transport))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute http or https");
    assertThatThrownBy(() -> EventSource.builder(URI.create(url), transport))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(transport.count()).isZero();
  }

  @Test
  void r2_emptyUrlIsRejected() {
    // A browser resolves "" against the document's base URL; a Java port has none (R2).
    assertThatThrownBy(() -> EventSource.builder("", transport))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(transport.count()).isZero();
  }

  @Test
  void nullArgumentsAreRejectedAtTheEdge() {
    assertThatThrownBy(() -> EventSource.builder((String) null, transport))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> EventSource.builder(URL, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder().onMessage(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void r3_urlIsTheOneGivenAndRedirectsDoNotChangeIt() {
    EventSource source = start(builder());
    assertThat(source.url()).isEqualTo(URL);
    transport
        .last()
        .respond(
            200,
            java.util.Map.of("Content-Type", java.util.List.of("text/event-stream")),
            URI.create("https://cdn.example.net/moved"));
    listener.takeOpen();
    assertThat(source.url()).isEqualTo(URL);
    assertThat(source.toString()).contains(URL.toString(), "OPEN");
  }

  @Test
  void r5_readyStateIsConnectingWhenBuildReturnsAndCodesAreTheBrowsers() {
    EventSource source = start();
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    assertThat(transport.count()).as("build() starts connecting").isEqualTo(1);
    assertThat(ReadyState.CONNECTING.code()).isZero();
    assertThat(ReadyState.OPEN.code()).isEqualTo(1);
    assertThat(ReadyState.CLOSED.code()).isEqualTo(2);
  }

  @Test
  void r4_withCredentialsIsFalseByDefaultAndReachesTheTransport() {
    EventSource source = start();
    assertThat(source.withCredentials()).isFalse();
    assertThat(transport.last().sent().withCredentials()).isFalse();
    assertThat(transport.last().sent().sensitiveHeaders())
        .contains("authorization", "cookie", "proxy-authorization");
  }

  @Test
  void r4_withCredentialsTrueAndExtraSensitiveHeadersReachTheTransport() {
    EventSource source = start(builder().withCredentials(true).sensitiveHeader("X-Api-Key"));
    assertThat(source.withCredentials()).isTrue();
    assertThat(transport.last().sent().withCredentials()).isTrue();
    assertThat(transport.last().sent().sensitiveHeaders()).contains("x-api-key");
  }

  @Test
  void listenersAreInPlaceEvenWhenTheTransportAnswersInsideOpen() {
    // No event may be lost to a race between construction and registration.
    transport.answerInsideOpen(e -> e.respondOk().body("data: early\n\n"));
    EventSource source = start();
    listener.takeOpen();
    listener.takeMessage("early");
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void aTransportThatThrowsOnOpenIsANetworkError() {
    transport.throwOnOpen(new IllegalStateException("client shut down"));
    EventSource source = start();
    EventSourceException error =
        listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
    assertThat(error.getCause()).hasMessageContaining("client shut down");
    transport.throwOnOpen(null);
    reconnectsAfter(RECONNECT_MILLIS).respondOk();
    listener.takeOpen();
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void r24_d9_defaultReconnectionTimeIsTheDocumentedThreeSeconds() {
    assertThat(RetryPolicy.defaults().reconnectionTimeMillis()).isEqualTo(3000);
    EventSource source = open(builder().retryPolicy(RetryPolicy.defaults()));
    assertThat(source.reconnectionTimeMillis()).isEqualTo(3000);
    endStream();
    // The first reconnection after a connection is never backed off nor jittered.
    reconnectsAfter(3000);
  }

  @Test
  void r24_initialReconnectionTimeIsConfigurable() {
    EventSource source = open(builder().retryPolicy(fixedDelay(250)));
    assertThat(source.reconnectionTimeMillis()).isEqualTo(250);
    endStream();
    reconnectsAfter(250);
  }

  @Test
  void builderRejectsOutOfRangeSettings() {
    assertThatThrownBy(() -> builder().maxEventSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEventSize");
    assertThatThrownBy(() -> builder().readTimeout(-1, MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readTimeout");
    RetryPolicy.Builder policy = RetryPolicy.builder();
    assertThatThrownBy(() -> policy.reconnectionTime(-1, MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.jitter(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.jitter(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.healthyAfter(-5, MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(transport.count()).isZero();
  }
}
