package dev.eventsource.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.transport.TransportResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * A transport carries one exchange: a redirect is reported as it came, for the event source to
 * follow (the shared suite's {@code RedirectContract} covers following them end to end).
 */
class OkHttpTransportRedirectTest extends OkHttpTestSupport {

  @Test
  void redirectIsReportedNotFollowedEvenWhenTheUserClientFollowsRedirects() throws Exception {
    MockWebServer server = startServer();
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/there").build());
    OkHttpTransport transport =
        OkHttpTransport.create(
            userClient.newBuilder().followRedirects(true).followSslRedirects(true).build());

    open(transport, get(server, "/here"), handler);

    TransportResponse response = handler.takeResponse();
    assertThat(response.status()).isEqualTo(302);
    assertThat(response.header("Location")).isEqualTo("/there");
    assertThat(response.url()).isEqualTo(uri(server, "/here"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
