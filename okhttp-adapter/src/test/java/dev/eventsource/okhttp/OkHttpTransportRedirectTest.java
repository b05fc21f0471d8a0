package dev.eventsource.okhttp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.transport.Redirects;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OkHttpTransportRedirectTest extends OkHttpTestSupport {

  private static MockResponse redirect(int status, String location) {
    return new MockResponse.Builder().code(status).addHeader("Location", location).build();
  }

  private static TransportRequest.Builder withSecrets(TransportRequest.Builder builder) {
    return builder
        .header("Authorization", "Bearer secret")
        .header("Cookie", "session=1")
        .header("X-Api-Key", "k")
        .sensitiveHeader("X-Api-Key")
        .header("X-Plain", "p");
  }

  @ParameterizedTest(name = "{0} turns POST into {1}")
  @CsvSource({"301, GET", "302, GET", "303, GET", "307, POST", "308, POST"})
  void followsRedirectsWithFetchMethodRules(int status, String method) throws Exception {
    MockWebServer server = startServer();
    server.enqueue(redirect(status, "/target"));
    server.enqueue(new MockResponse.Builder().body("ok").build());
    TransportRequest request =
        TransportRequest.builder(uri(server, "/start"))
            .method("POST", "payload".getBytes(UTF_8))
            .header("Content-Type", "application/json")
            .build();

    open(request);

    TransportResponse response = handler.takeResponse();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.url()).isEqualTo(uri(server, "/target"));
    server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest followed = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(followed.getTarget()).isEqualTo("/target");
    assertThat(followed.getMethod()).isEqualTo(method);
    if (method.equals("POST")) {
      assertThat(followed.getBody().utf8()).isEqualTo("payload");
      assertThat(followed.getHeaders().get("Content-Type")).isEqualTo("application/json");
    } else {
      assertThat(followed.getBodySize()).isZero();
      assertThat(followed.getHeaders().get("Content-Type")).isNull();
    }
  }

  @Test
  void followsAChainAcrossServersAndReportsTheFinalUrl() throws Exception {
    MockWebServer first = startServer();
    MockWebServer second = startServer();
    first.enqueue(redirect(302, uri(second, "/b").toString()));
    second.enqueue(redirect(307, "/c?x=1"));
    second.enqueue(new MockResponse.Builder().body("data: done\n\n").build());

    var connection = open(get(first, "/a"));

    TransportResponse response = handler.takeResponse();
    assertThat(response.url()).isEqualTo(uri(second, "/c?x=1"));
    assertThat(new String(handler.readToEnd(connection), UTF_8)).isEqualTo("data: done\n\n");
  }

  @Test
  void emptyLocationFails() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "").build());

    open(get(server, "/"));

    assertThat(handler.takeFailure()).isInstanceOf(ProtocolException.class);
    handler.assertNoEvent(200);
  }

  @Test
  void missingLocationFails() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().code(301).build());

    open(get(server, "/"));

    assertThat(handler.takeFailure())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Location");
    handler.assertNoEvent(200);
  }

  @Test
  void redirectLoopFailsAfterTwentyRedirects() throws Exception {
    MockWebServer server = startServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return redirect(302, "/loop");
          }
        });

    open(get(server, "/loop"));

    IOException failure = handler.takeFailure();
    assertThat(failure).isInstanceOf(ProtocolException.class).hasMessageContaining("redirects");
    assertThat(server.getRequestCount()).isEqualTo(Redirects.MAX_REDIRECTS + 1);
  }

  @Test
  void sensitiveHeadersAreDroppedOnCrossOriginRedirect() throws Exception {
    MockWebServer origin = startServer();
    MockWebServer other = startServer();
    origin.enqueue(redirect(302, uri(other, "/elsewhere").toString()));
    other.enqueue(new MockResponse.Builder().build());

    open(withSecrets(TransportRequest.builder(uri(origin, "/"))).build());

    handler.takeResponse();
    Headers atOrigin = origin.takeRequest(5, TimeUnit.SECONDS).getHeaders();
    assertThat(atOrigin.get("Authorization")).isEqualTo("Bearer secret");
    assertThat(atOrigin.get("Cookie")).isEqualTo("session=1");
    assertThat(atOrigin.get("X-Api-Key")).isEqualTo("k");
    Headers atOther = other.takeRequest(5, TimeUnit.SECONDS).getHeaders();
    assertThat(atOther.get("Authorization")).isNull();
    assertThat(atOther.get("Cookie")).isNull();
    assertThat(atOther.get("X-Api-Key")).isNull();
    assertThat(atOther.get("X-Plain")).isEqualTo("p");
  }

  @Test
  void sensitiveHeadersFollowCrossOriginRedirectWithCredentials() throws Exception {
    MockWebServer origin = startServer();
    MockWebServer other = startServer();
    origin.enqueue(redirect(307, uri(other, "/elsewhere").toString()));
    other.enqueue(new MockResponse.Builder().build());

    open(withSecrets(TransportRequest.builder(uri(origin, "/"))).withCredentials(true).build());

    handler.takeResponse();
    origin.takeRequest(5, TimeUnit.SECONDS);
    Headers atOther = other.takeRequest(5, TimeUnit.SECONDS).getHeaders();
    assertThat(atOther.get("Authorization")).isEqualTo("Bearer secret");
    assertThat(atOther.get("Cookie")).isEqualTo("session=1");
    assertThat(atOther.get("X-Api-Key")).isEqualTo("k");
  }

  @Test
  void sensitiveHeadersFollowSameOriginRedirect() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(redirect(301, "/moved"));
    server.enqueue(new MockResponse.Builder().build());

    open(withSecrets(TransportRequest.builder(uri(server, "/"))).build());

    handler.takeResponse();
    server.takeRequest(5, TimeUnit.SECONDS);
    Headers moved = server.takeRequest(5, TimeUnit.SECONDS).getHeaders();
    assertThat(moved.get("Authorization")).isEqualTo("Bearer secret");
    assertThat(moved.get("Cookie")).isEqualTo("session=1");
    assertThat(moved.get("X-Api-Key")).isEqualTo("k");
  }

  @Test
  void userClientRedirectSettingIsIgnored() throws Exception {
    // The transport follows redirects itself even when the application's client would not.
    MockWebServer server = startServer();
    server.enqueue(redirect(302, "/there"));
    server.enqueue(new MockResponse.Builder().build());
    OkHttpTransport noRedirects =
        OkHttpTransport.create(userClient.newBuilder().followRedirects(false).build());

    open(noRedirects, get(server, "/"), handler);

    assertThat(handler.takeResponse().url()).isEqualTo(uri(server, "/there"));
  }
}
