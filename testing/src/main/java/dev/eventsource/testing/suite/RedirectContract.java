package dev.eventsource.testing.suite;

import static dev.eventsource.testing.SseTestServer.redirect;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.ConnectionFailedException;
import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import dev.eventsource.testing.SseTestServer;
import dev.eventsource.testing.StreamScript;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects (R18, Fetch "HTTP-redirect fetch"): followed by the event source, the same over every
 * adapter; {@code origin} is the final server's, {@code url()} stays the one given; a reconnection
 * goes to the last redirect target, as Chromium's does, and back to the URL given when that target
 * fails at the network level (as Chromium does); credentials stay with their origin.
 */
abstract class RedirectContract extends ContractBase {
  private SseTestServer other() throws Exception {
    return closeLater(new SseTestServer());
  }

  /**
   * A source that follows the server: the library's default policy, with the initial reconnection
   * time shortened so that a test does not wait the default 3 s for each reconnection.
   */
  private EventSource.Builder defaultsWithQuickReconnection(String path) {
    return builder(path)
        .retryPolicy(RetryPolicy.builder().reconnectionTime(50, TimeUnit.MILLISECONDS).build());
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void reconnectionGoesToTheLastRedirectTarget(int status) throws Exception {
    SseTestServer other = other();
    server.enqueue(redirect(status, other.url("/final?x=1")));
    other.stream().send("id: 1\ndata: a\n\n").end();
    other.stream().send("data: b\n\n");
    EventSource source = connect(defaultsWithQuickReconnection("/start"));

    recorder.takeOpen();
    MessageEvent a = recorder.takeMessage("a");
    assertThat(a.origin()).isEqualTo(other.origin()).isNotEqualTo(server.origin());
    assertThat(source.url()).isEqualTo(URI.create(server.url("/start")));
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeOpen();
    assertThat(recorder.takeMessage("b").origin()).isEqualTo(other.origin());

    assertThat(server.takeRequest().getTarget()).isEqualTo("/start");
    assertThat(server.requestCount()).as("requests to the URL given").isEqualTo(1);
    for (int i = 0; i < 2; i++) {
      RecordedRequest followed = other.takeRequest();
      assertThat(followed.getTarget()).isEqualTo("/final?x=1");
      assertThat(followed.getMethod()).isEqualTo("GET");
      assertThat(followed.getHeaders().values("Accept")).containsExactly("text/event-stream");
      assertThat(followed.getHeaders().values("Cache-Control")).containsExactly("no-cache");
      assertThat(followed.getHeaders().get("Last-Event-ID")).isEqualTo(i == 0 ? null : "1");
    }
  }

  /**
   * A stream survives its redirect target going away: when a reconnection to the remembered target
   * fails at the network level, the next attempt starts again from the URL given to the builder.
   */
  @Test
  void afterTheRedirectTargetRefusesConnectionsTheNextAttemptStartsFromTheUrlGiven()
      throws Exception {
    SseTestServer first = other();
    SseTestServer second = other();
    server.enqueue(redirect(302, first.url("/one")));
    server.enqueue(redirect(302, second.url("/two")));
    first.stream().send("id: 1\ndata: a\n\n").end();
    second.stream().send("data: b\n\n");
    connect(defaultsWithQuickReconnection("/start"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    assertThat(first.takeRequest().getTarget()).isEqualTo("/one");
    first.close(); // the target goes away: its port refuses connections
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeError(ReadyState.CONNECTING); // the reconnection to /one is refused
    recorder.takeOpen();
    assertThat(recorder.takeMessage("b").origin()).isEqualTo(second.origin());

    assertThat(server.takeRequest().getTarget()).isEqualTo("/start");
    RecordedRequest again = server.takeRequest();
    assertThat(again.getTarget()).isEqualTo("/start");
    assertThat(again.getHeaders().get("Last-Event-ID")).isEqualTo("1");
    assertThat(second.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("1");
  }

  /**
   * Credentials dropped at a cross-origin redirect stay dropped on every reconnection to the
   * remembered target, also when a request customizer puts them back (Fetch reuses the request
   * whose header list lost them).
   */
  @Test
  void credentialsDroppedAtACrossOriginRedirectStayDroppedOnReconnection() throws Exception {
    SseTestServer target = other();
    server.enqueue(redirect(307, target.url("/final")));
    target.stream().send("data: a\n\n").end();
    target.stream().send("data: b\n\n");
    connect(
        defaultsWithQuickReconnection("/start")
            .header("Authorization", "Bearer secret")
            .header("X-Plain", "kept")
            .requestCustomizer(
                (request, attempt) ->
                    request.toBuilder().header("Cookie", "fresh=" + attempt).build()));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeOpen();
    recorder.takeMessage("b");

    Headers first = server.takeRequest().getHeaders();
    assertThat(first.get("Authorization")).isEqualTo("Bearer secret");
    assertThat(first.get("Cookie")).isEqualTo("fresh=1");
    for (int i = 0; i < 2; i++) {
      Headers followed = target.takeRequest().getHeaders();
      assertThat(followed.get("Authorization")).isNull();
      assertThat(followed.get("Cookie")).isNull();
      assertThat(followed.get("X-Plain")).isEqualTo("kept");
    }
  }

  @Test
  void relativeLocationIsResolvedAgainstTheRedirectingUrl() throws Exception {
    server.enqueue(redirect(307, "../moved/here"));
    server.stream().send("data: a\n\n");
    connect(builder("/a/b/start"));

    recorder.takeOpen();
    assertThat(recorder.takeMessage("a").origin()).isEqualTo(server.origin());
    server.takeRequest();
    assertThat(server.takeRequest().getTarget()).isEqualTo("/a/moved/here");
  }

  @Test
  void redirectWithALargeBodyIsFollowed() throws Exception {
    server.enqueue(
        SseTestServer.complete(302, "text/html", "x".repeat(200_000))
            .newBuilder()
            .setHeader("Location", server.url("/final"))
            .build());
    server.stream().send("data: a\n\n");
    connect(builder("/start"));

    recorder.takeOpen();
    recorder.takeMessage("a");
  }

  /**
   * Fetch follows a redirect as soon as its status and headers are in; the redirect's own body is
   * never part of the result, so a body that is slow or never ends must not hold the stream back.
   */
  @Test
  void redirectIsFollowedWithoutWaitingForTheEndOfItsBody() throws Exception {
    StreamScript body = server.redirectWithOpenBody(302, server.url("/final"));
    body.send("<html>moved");
    server.stream().send("data: a\n\n");
    connect(builder("/start"));

    recorder.takeOpen();
    recorder.takeMessage("a");
  }

  @ParameterizedTest(name = "status {0} turns POST into {1}")
  @CsvSource({"301, GET", "302, GET", "303, GET", "307, POST", "308, POST"})
  void postFollowsFetchMethodRules(int status, String method) throws Exception {
    byte[] body = "{\"q\":1}".getBytes(UTF_8);
    server.enqueue(redirect(status, server.url("/final")));
    server.stream().send("data: a\n\n");
    connect(builder("/start").method("POST", body).header("Content-Type", "application/json"));

    recorder.takeOpen();
    recorder.takeMessage("a");
    assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
    RecordedRequest followed = server.takeRequest();
    assertThat(followed.getMethod()).isEqualTo(method);
    if (method.equals("POST")) {
      assertThat(followed.getBody().toByteArray()).isEqualTo(body);
      assertThat(followed.getHeaders().get("Content-Type")).isEqualTo("application/json");
    } else {
      assertThat(followed.getBodySize()).isZero();
      assertThat(followed.getHeaders().get("Content-Type")).isNull();
    }
  }

  @Test
  void sensitiveHeadersAreNotSentToAnotherOrigin() throws Exception {
    Headers followed = redirectWithCredentials(false, true);
    assertThat(followed.get("Authorization")).isNull();
    assertThat(followed.get("Cookie")).isNull();
    assertThat(followed.get("Proxy-Authorization")).isNull();
    assertThat(followed.get("X-Api-Key")).as("a header marked sensitive").isNull();
    assertThat(followed.get("X-Plain")).isEqualTo("kept");
  }

  @Test
  void sensitiveHeadersGoToAnotherOriginWithCredentials() throws Exception {
    Headers followed = redirectWithCredentials(true, true);
    assertThat(followed.get("Authorization")).isEqualTo("Bearer secret");
    assertThat(followed.get("Cookie")).isEqualTo("session=1");
    assertThat(followed.get("X-Api-Key")).isEqualTo("key");
    assertThat(followed.get("X-Plain")).isEqualTo("kept");
  }

  @Test
  void sensitiveHeadersFollowARedirectWithinTheOrigin() throws Exception {
    Headers followed = redirectWithCredentials(false, false);
    assertThat(followed.get("Authorization")).isEqualTo("Bearer secret");
    assertThat(followed.get("Cookie")).isEqualTo("session=1");
    assertThat(followed.get("X-Api-Key")).isEqualTo("key");
  }

  /** Redirects once with credentials set, and returns the headers of the followed request. */
  private Headers redirectWithCredentials(boolean withCredentials, boolean crossOrigin)
      throws Exception {
    SseTestServer target = crossOrigin ? other() : server;
    server.enqueue(redirect(302, target.url("/final")));
    target.stream().send("data: a\n\n");
    connect(
        builder("/start")
            .header("Authorization", "Bearer secret")
            .header("Cookie", "session=1")
            .header("Proxy-Authorization", "Basic cHJveHk=")
            .header("X-Api-Key", "key")
            .sensitiveHeader("X-Api-Key")
            .header("X-Plain", "kept")
            .withCredentials(withCredentials));

    recorder.takeOpen();
    recorder.takeMessage("a");
    Headers first = server.takeRequest().getHeaders();
    assertThat(first.get("Authorization")).isEqualTo("Bearer secret");
    assertThat(first.get("X-Api-Key")).isEqualTo("key");
    Headers followed = target.takeRequest().getHeaders();
    if (withCredentials || !crossOrigin) {
      // The JDK's client never sends Proxy-Authorization on a direct connection; OkHttp does.
      assertThat(followed.get("Proxy-Authorization")).isEqualTo(first.get("Proxy-Authorization"));
    }
    return followed;
  }

  /** An empty, unusable or non-http Location is an error, not a loop nor a hang. */
  @ParameterizedTest(name = "Location \"{0}\"")
  @ValueSource(strings = {"", " ", "ftp://127.0.0.1/stream", "http://[::1/broken", "mailto:x@y"})
  void redirectToAnUnusableLocationIsAnError(String location) throws Exception {
    assertRedirectFails(location);
  }

  @Test
  void redirectWithoutLocationIsAnError() throws Exception {
    assertRedirectFails(null);
  }

  private void assertRedirectFails(@Nullable String location) throws Exception {
    server.fallback(redirect(302, location));
    recorder.closeOnError();
    connect(builder("/start"));

    EventSourceException error = recorder.next().error();
    assertThat(error).isInstanceOf(ConnectionFailedException.class);
    assertThat(server.requestCount()).as("requests before the error").isEqualTo(1);
  }

  @Test
  void redirectLoopEndsInAnErrorAfterTwentyRedirects() throws Exception {
    server.fallback(redirect(307, "/loop"));
    recorder.closeOnError();
    connect(builder("/loop"));

    EventSourceException error = recorder.next().error();
    assertThat(error).isInstanceOf(ConnectionFailedException.class);
    assertThat(server.requestCount()).as("the request and 20 redirects").isEqualTo(21);
  }
}
