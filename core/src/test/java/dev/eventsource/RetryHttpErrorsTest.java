package dev.eventsource;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REQUIREMENTS D7: the spec fails the connection on any status but 200 (tested in {@link
 * ResponseTest}); the opt-in {@link RetryPolicy.Builder#retryHttpErrors} retries 5xx, 408 and 429
 * instead, with backoff and {@code Retry-After}.
 */
class RetryHttpErrorsTest extends EventSourceTestBase {

  private EventSource.Builder retrying(long reconnectMillis) {
    return builder()
        .retryPolicy(
            RetryPolicy.builder()
                .reconnectionTime(reconnectMillis, MILLISECONDS)
                .jitter(0)
                .maxReconnectionTime(60_000, MILLISECONDS)
                .retryHttpErrors(true)
                .build());
  }

  private static FakeExchange respond(FakeExchange exchange, int status, String retryAfter) {
    Map<String, List<String>> headers =
        retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter));
    return exchange.respond(status, headers, URL);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 599, 408, 429})
  void d7_retryableStatusesReconnectWhenOptedIn(int status) {
    EventSource source = start(retrying(1000));
    FakeExchange exchange = respond(transport.last(), status, null);
    UnexpectedResponseException error =
        listener.takeError(ReadyState.CONNECTING, UnexpectedResponseException.class);
    assertThat(error.status()).isEqualTo(status);
    assertThat(exchange.isCancelled()).isTrue();
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    reconnectsAfter(1000).respondOk();
    listener.takeOpen();
  }

  @ParameterizedTest
  @ValueSource(ints = {204, 201, 400, 401, 404, 410})
  void d7_otherStatusesStillFailWhenOptedIn(int status) {
    EventSource source = start(retrying(1000));
    respond(transport.last(), status, null);
    listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void d7_aWrongContentTypeStillFailsWhenOptedIn() {
    start(retrying(1000));
    transport.last().respond(200, "text/html");
    listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void retryAfterInSecondsIsWaitedFor() {
    start(retrying(1000));
    respond(transport.last(), 503, "10");
    listener.takeError(ReadyState.CONNECTING);
    reconnectsAfter(10_000);
  }

  @Test
  void retryAfterShorterThanTheDelayDoesNotShortenIt() {
    start(retrying(5000));
    respond(transport.last(), 429, "1");
    listener.takeError(ReadyState.CONNECTING);
    reconnectsAfter(5000);
  }

  @Test
  void unreadableOrPastRetryAfterIsIgnored() {
    start(retrying(1000));
    respond(transport.last(), 503, "soon");
    listener.takeError(ReadyState.CONNECTING);
    reconnectsAfter(1000);
    respond(transport.last(), 503, "Wed, 21 Oct 2015 07:28:00 GMT");
    listener.takeError(ReadyState.CONNECTING);
    reconnectsAfter(2000); // backoff: the second failure in a row
  }

  @Test
  void retryAfterAsAnHttpDateIsWaitedFor() {
    // Retry-After dates are absolute, so this one reads the wall clock (it never sleeps on it).
    SimpleDateFormat format = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
    format.setTimeZone(TimeZone.getTimeZone("GMT"));
    String inAnHour = format.format(new Date(System.currentTimeMillis() + 3_600_000));
    start(retrying(1000));
    respond(transport.last(), 503, inAnHour);
    listener.takeError(ReadyState.CONNECTING);
    assertThat(scheduler.millisUntilNextTask()).isBetween(3_590_000L, 3_600_000L);
  }

  @Test
  void httpErrorsBackOffLikeNetworkErrorsAndHonourMaxAttempts() {
    start(
        builder()
            .retryPolicy(
                RetryPolicy.builder()
                    .reconnectionTime(1000, MILLISECONDS)
                    .jitter(0)
                    .retryHttpErrors(true)
                    .maxAttempts(2)
                    .build()));
    respond(transport.last(), 503, null);
    listener.takeError(ReadyState.CONNECTING);
    respond(reconnectsAfter(1000), 502, null);
    listener.takeError(ReadyState.CONNECTING);
    respond(reconnectsAfter(2000), 500, null);
    UnexpectedResponseException last =
        listener.takeError(ReadyState.CLOSED, UnexpectedResponseException.class);
    assertThat(last.status()).isEqualTo(500);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void theErrorCarriesTheFinalUrlInItsMessage() {
    start(retrying(1000));
    transport.last().respond(503, Map.of(), URI.create("https://lb.example.com/down"));
    assertThat(listener.takeError(ReadyState.CONNECTING))
        .hasMessageContaining("503")
        .hasMessageContaining("https://lb.example.com/down");
  }
}
