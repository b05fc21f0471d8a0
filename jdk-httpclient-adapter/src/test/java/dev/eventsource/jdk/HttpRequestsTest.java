package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.transport.TransportRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestsTest {
  private static final URI URL = URI.create("http://127.0.0.1:1/events");

  @Test
  void nonAsciiValueIsHandedToTheJdkAsItsUtf8BytesOneCharEach() throws Exception {
    TransportRequest request = TransportRequest.builder(URL).header("Last-Event-ID", "é…").build();

    HttpRequest converted = HttpRequests.toHttpRequest(request);

    String handed = converted.headers().firstValue("Last-Event-ID").orElseThrow();
    assertThat(handed.getBytes(StandardCharsets.ISO_8859_1))
        .isEqualTo("é…".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void asciiValueIsHandedOverUnchanged() throws Exception {
    TransportRequest request = TransportRequest.builder(URL).header("Last-Event-ID", "42").build();

    assertThat(HttpRequests.toHttpRequest(request).headers().firstValue("Last-Event-ID"))
        .hasValue("42");
  }

  @Test
  void methodBodyAndNoTimeout() throws Exception {
    TransportRequest request =
        TransportRequest.builder(URL).method("PUT", new byte[] {1, 2, 3}).build();

    HttpRequest converted = HttpRequests.toHttpRequest(request);

    assertThat(converted.method()).isEqualTo("PUT");
    assertThat(converted.bodyPublisher().orElseThrow().contentLength()).isEqualTo(3);
    assertThat(converted.timeout()).isEmpty();
    assertThat(converted.uri()).isEqualTo(URL);
  }

  @Test
  void getHasNoBody() throws Exception {
    HttpRequest converted = HttpRequests.toHttpRequest(TransportRequest.builder(URL).build());

    assertThat(converted.method()).isEqualTo("GET");
    assertThat(converted.bodyPublisher().orElseThrow().contentLength()).isZero();
  }
}
