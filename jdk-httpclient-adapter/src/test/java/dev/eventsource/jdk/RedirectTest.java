package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transport carries one exchange: a redirect is reported as it came, for the event source to
 * follow (the shared suite's {@code RedirectContract} covers following them end to end).
 */
class RedirectTest {
  private final RecordingHandler handler = new RecordingHandler();
  private MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = TestServers.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void redirectIsReportedNotFollowed() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(307).addHeader("Location", "/there").body("moved").build());

    JdkHttpTransport.create().open(TestServers.get(server, "/here").build(), handler);

    TransportResponse response = handler.takeResponse();
    assertThat(response.status()).isEqualTo(307);
    assertThat(response.header("Location")).isEqualTo("/there");
    assertThat(response.url()).isEqualTo(TestServers.uri(server, "/here"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void clientThatFollowsRedirectsReportsItsFinalUrl() throws Exception {
    HttpClient following =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/target").build());
    server.enqueue(new MockResponse.Builder().build());

    JdkHttpTransport.create(following).open(TestServers.get(server, "/").build(), handler);

    assertThat(handler.takeResponse().url()).isEqualTo(TestServers.uri(server, "/target"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
