package dev.eventsource.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.MessageEvent;
import dev.eventsource.okhttp.OkHttpTransport;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/** The README's Reactor and Mutiny examples, compiled and run against a real server. */
class ReactorAndMutinyTest {
  private SseServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new SseServer();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.close();
  }

  @Test
  void reactorTakesThreeEventsThenCancels() {
    EventSource.Builder builder =
        EventSource.builder(server.url("/events"), OkHttpTransport.create());
    // README: Reactor
    Flow.Publisher<MessageEvent> events = EventPublisher.create(builder);
    Flux<String> data = JdkFlowAdapter.flowPublisherToFlux(events).map(MessageEvent::data);
    List<String> firstThree = data.take(3).collectList().block(Duration.ofSeconds(10));
    // end
    assertThat(firstThree).containsExactly("0", "1", "2");
  }

  @Test
  void mutinyReadsAOneShotStreamToTheEnd() {
    EventSource.Builder builder =
        EventSource.builder(server.url("/events?n=4"), OkHttpTransport.create());
    // README: Mutiny
    Multi<String> data =
        Multi.createFrom()
            .publisher(EventPublisher.create(builder.oneShot(true)))
            .map(MessageEvent::data);
    List<String> all = data.collect().asList().await().atMost(Duration.ofSeconds(10));
    // end
    assertThat(all).containsExactly("0", "1", "2", "3");
  }
}
