package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.transport.Redirects;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport follows redirects itself, with core's rules, on a client that does not. */
class RedirectTest {
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final JdkHttpTransport transport = JdkHttpTransport.create(client);
  private final RecordingHandler handler = new RecordingHandler();
  private MockWebServer server;
  private MockWebServer other;

  @BeforeEach
  void startServers() throws IOException {
    server = TestServers.start();
    other = TestServers.start();
  }

  @AfterEach
  void stopServers() {
    server.close();
    other.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void followsRedirectAndReportsTheFinalUrl(int status) throws Exception {
    server.enqueue(redirect(status, "/target").body("moved").build());
    server.enqueue(new MockResponse.Builder().body("data: x\n\n").build());

    var connection = transport.open(TestServers.get(server, "/start").build(), handler);

    TransportResponse response = handler.takeResponse();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.url()).isEqualTo(TestServers.uri(server, "/target"));
    assertThat(TestServers.take(server).getTarget()).isEqualTo("/start");
    assertThat(TestServers.take(server).getTarget()).isEqualTo("/target");
    connection.request();
    assertThat(handler.takeChunkUtf8()).isEqualTo("data: x\n\n");
  }

  @ParameterizedTest
  @CsvSource({
    "301, GET, ''",
    "302, GET, ''",
    "303, GET, ''",
    "307, POST, payload",
    "308, POST, payload"
  })
  void appliesFetchMethodAndBodyRules(int status, String method, String body) throws Exception {
    server.enqueue(redirect(status, "/target").build());
    server.enqueue(new MockResponse.Builder().build());
    TransportRequest request =
        TestServers.get(server, "/start")
            .method("POST", "payload".getBytes(StandardCharsets.UTF_8))
            .header("Content-Type", "text/plain")
            .build();

    transport.open(request, handler);

    handler.takeResponse();
    assertThat(TestServers.take(server).getMethod()).isEqualTo("POST");
    RecordedRequest followed = TestServers.take(server);
    assertThat(followed.getMethod()).isEqualTo(method);
    assertThat(followed.getBody() == null ? "" : followed.getBody().utf8()).isEqualTo(body);
    // A redirect that turns the request into a GET drops the body's Content-Type with it.
    assertThat(followed.getHeaders().get("Content-Type"))
        .isEqualTo(body.isEmpty() ? null : "text/plain");
  }

  @Test
  void emptyLocationFailsWithProtocolException() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "").build());

    transport.open(TestServers.get(server, "/").build(), handler);

    assertThat(handler.takeFailure())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Location");
    handler.assertNoMoreCalls(50);
  }

  @Test
  void missingLocationFailsWithProtocolException() throws Exception {
    server.enqueue(new MockResponse.Builder().code(301).build());

    transport.open(TestServers.get(server, "/").build(), handler);

    assertThat(handler.takeFailure())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Location");
    handler.assertNoMoreCalls(50);
  }

  @Test
  void redirectLoopFailsAfterTwentyRedirects() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return redirect(302, "/loop").build();
          }
        });

    transport.open(TestServers.get(server, "/loop").build(), handler);

    assertThat(handler.takeFailure())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("too many redirects");
    handler.assertNoMoreCalls(50);
    assertThat(server.getRequestCount()).isEqualTo(Redirects.MAX_REDIRECTS + 1);
  }

  @Test
  void sensitiveHeadersAreDroppedOnACrossOriginRedirect() throws Exception {
    server.enqueue(redirect(307, TestServers.uri(other, "/elsewhere").toString()).build());
    other.enqueue(new MockResponse.Builder().build());

    transport.open(withSecrets(TestServers.get(server, "/")).build(), handler);

    assertThat(handler.takeResponse().url()).isEqualTo(TestServers.uri(other, "/elsewhere"));
    assertThat(TestServers.take(server).getHeaders().get("Authorization")).isEqualTo("Bearer t");
    RecordedRequest followed = TestServers.take(other);
    assertThat(followed.getHeaders().get("Authorization")).isNull();
    assertThat(followed.getHeaders().get("Cookie")).isNull();
    assertThat(followed.getHeaders().get("X-Api-Key")).isNull();
    assertThat(followed.getHeaders().get("X-Plain")).isEqualTo("p");
  }

  @Test
  void sensitiveHeadersFollowWithCredentials() throws Exception {
    server.enqueue(redirect(302, TestServers.uri(other, "/elsewhere").toString()).build());
    other.enqueue(new MockResponse.Builder().build());

    transport.open(
        withSecrets(TestServers.get(server, "/")).withCredentials(true).build(), handler);

    handler.takeResponse();
    TestServers.take(server);
    assertSecretsArrived(TestServers.take(other));
  }

  @Test
  void sensitiveHeadersFollowOnTheSameOrigin() throws Exception {
    server.enqueue(redirect(301, "/same").build());
    server.enqueue(new MockResponse.Builder().build());

    transport.open(withSecrets(TestServers.get(server, "/")).build(), handler);

    handler.takeResponse();
    TestServers.take(server);
    assertSecretsArrived(TestServers.take(server));
  }

  @Test
  void followsRedirectWithALongBody() throws Exception {
    String longBody = "x".repeat((int) RedirectBody.LIMIT * 4);
    server.enqueue(redirect(302, "/target").body(longBody).build());
    server.enqueue(new MockResponse.Builder().body("done").build());

    var connection = transport.open(TestServers.get(server, "/").build(), handler);

    assertThat(handler.takeResponse().url()).isEqualTo(TestServers.uri(server, "/target"));
    connection.request();
    assertThat(handler.takeChunkUtf8()).isEqualTo("done");
  }

  @Test
  void clientThatFollowsRedirectsReportsItsFinalUrl() throws Exception {
    HttpClient following =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    server.enqueue(redirect(302, "/target").build());
    server.enqueue(new MockResponse.Builder().build());

    JdkHttpTransport.create(following).open(TestServers.get(server, "/").build(), handler);

    assertThat(handler.takeResponse().url()).isEqualTo(TestServers.uri(server, "/target"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  private static MockResponse.Builder redirect(int status, String location) {
    return new MockResponse.Builder().code(status).addHeader("Location", location);
  }

  private static TransportRequest.Builder withSecrets(TransportRequest.Builder builder) {
    return builder
        .header("Authorization", "Bearer t")
        .header("Cookie", "c=1")
        .header("X-Api-Key", "k")
        .sensitiveHeader("X-Api-Key")
        .header("X-Plain", "p");
  }

  private static void assertSecretsArrived(RecordedRequest followed) {
    assertThat(followed.getHeaders().get("Authorization")).isEqualTo("Bearer t");
    assertThat(followed.getHeaders().get("Cookie")).isEqualTo("c=1");
    assertThat(followed.getHeaders().get("X-Api-Key")).isEqualTo("k");
    assertThat(followed.getHeaders().get("X-Plain")).isEqualTo("p");
  }
}
