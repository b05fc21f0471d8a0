package dev.eventsource.okhttp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class OkHttpTransportRequestTest extends OkHttpTestSupport {

  @Test
  void sendsMethodHeadersAndBodyAsGiven() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().build());
    TransportRequest request =
        TransportRequest.builder(uri(server, "/stream?topic=a"))
            .method("POST", "{\"since\":42}".getBytes(UTF_8))
            .header("Accept", "text/event-stream")
            .header("Content-Type", "application/json")
            .addHeader("X-Tag", "one")
            .addHeader("X-Tag", "two")
            .build();

    open(request);

    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo("/stream?topic=a");
    assertThat(recorded.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(recorded.getHeaders().values("X-Tag")).containsExactly("one", "two");
    assertThat(recorded.getBody().utf8()).isEqualTo("{\"since\":42}");
    assertThat(handler.takeResponse().status()).isEqualTo(200);
  }

  @Test
  void sendsNonAsciiHeaderValuesAsUtf8() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().build());

    open(
        TransportRequest.builder(uri(server, "/"))
            .header("Last-Event-ID", "\u2026")
            .header("X-Name", "caf\u00e9")
            .build());

    // MockWebServer decodes header lines as UTF-8: a Latin-1 or '?' byte would not come back.
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("Last-Event-ID")).isEqualTo("\u2026");
    assertThat(recorded.getHeaders().get("X-Name")).isEqualTo("caf\u00e9");
    handler.takeResponse();
  }

  @Test
  void bodyWithoutContentTypeIsSentAsPlainText() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().build());

    open(TransportRequest.builder(uri(server, "/")).method("PUT", "hi".getBytes(UTF_8)).build());

    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("PUT");
    assertThat(recorded.getHeaders().get("Content-Type")).startsWith("text/plain");
    assertThat(recorded.getBody().utf8()).isEqualTo("hi");
    handler.takeResponse();
  }

  @Test
  void postWithoutBodySendsAnEmptyBody() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().build());

    open(TransportRequest.builder(uri(server, "/")).method("POST", null).build());

    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getHeaders().get("Content-Length")).isEqualTo("0");
    assertThat(recorded.getHeaders().get("Content-Type")).isNull();
    handler.takeResponse();
  }

  @Test
  void reportsStatusHeadersAndUrl() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Content-Type", "text/plain")
            .addHeader("Retry-After", "7")
            .addHeader("X-Multi", "a")
            .addHeader("x-multi", "b")
            .build());

    open(get(server, "/events"));

    TransportResponse response = handler.takeResponse();
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("content-type")).isEqualTo("text/plain");
    assertThat(response.header("RETRY-AFTER")).isEqualTo("7");
    assertThat(response.headers().get("X-Multi")).containsExactly("a", "b");
    assertThat(response.url()).isEqualTo(uri(server, "/events"));
  }

  @Test
  void aGetWithABodyIsRefusedBeforeItReachesOkHttp() throws Exception {
    // OkHttp cannot send a GET with a body; TransportRequest refuses it when built (Fetch does
    // too).
    assertThatThrownBy(
            () -> TransportRequest.builder(uri(startServer(), "/")).method("GET", new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET requests cannot have a body");
  }

  @Test
  void refusesNullArguments() throws Exception {
    TransportRequest request = get(startServer(), "/");
    assertThatThrownBy(() -> OkHttpTransport.create((OkHttpClient) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("client");
    assertThatThrownBy(() -> transport.open(null, handler))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("request");
    assertThatThrownBy(() -> transport.open(request, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("handler");
  }

  @Test
  void createWithoutClientWorks() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().body("data: x\n\n").build());

    Connection connection = open(OkHttpTransport.create(), get(server, "/"), handler);

    assertThat(handler.takeResponse().status()).isEqualTo(200);
    assertThat(new String(handler.readToEnd(connection), UTF_8)).isEqualTo("data: x\n\n");
  }
}
