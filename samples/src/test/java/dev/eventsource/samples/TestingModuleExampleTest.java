package dev.eventsource.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.ReadyState;
import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.testing.RecordingListener;
import dev.eventsource.testing.SseTestServer;
import dev.eventsource.transport.Transport;
import org.junit.jupiter.api.Test;

/** The README's example of the scriptable SSE server of {@code eventsource-testing}, as written. */
class TestingModuleExampleTest {
  private final Transport transport = JdkHttpTransport.create();

  @Test
  void readmeExampleOfTheScriptableServerRuns() throws Exception {
    RecordingListener recorder = new RecordingListener();
    try (SseTestServer server = new SseTestServer()) {
      server.enqueue(SseTestServer.redirect(302, "/feed"));
      server.stream().retry(500).comment("hello").event("update", "{\"n\":1}", "1").drop();
      server.enqueue(SseTestServer.status(503));
      EventSource source = recorder.attach(EventSource.builder(server.url("/"), transport)).build();
      recorder.takeOpen();
      assertThat(recorder.takeMessage().data()).isEqualTo("{\"n\":1}");

      recorder.takeError(ReadyState.CONNECTING); // the drop
      recorder.takeError(ReadyState.CLOSED); // the 503 fails the source
      assertThat(server.takeRequest().getTarget()).isEqualTo("/");
      assertThat(server.takeRequest().getTarget()).isEqualTo("/feed");
      assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("1");
      source.close();
    }
    recorder.assertSerial();
    recorder.assertNoMoreCallbacks();
  }
}
