package dev.eventsource.reactive;

import dev.eventsource.EventSource;
import dev.eventsource.MessageEvent;
import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.transport.Transport;
import java.io.IOException;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (a TestNG suite) against publishers over a real server: {@code
 * createFlowPublisher(n)} is a one-shot stream of n events, an endless one for {@link
 * Long#MAX_VALUE}; the failed publisher's server answers 500. Over OkHttp here, over the JDK's
 * client in {@link JdkEventPublisherTckTest}. Timeouts are wide as connections are real.
 */
public class EventPublisherTckTest extends FlowPublisherVerification<MessageEvent> {
  private SseServer server;

  public EventPublisherTckTest() {
    super(new TestEnvironment(3_000, 300), 3_000);
  }

  Transport transport() {
    return OkHttpTransport.create();
  }

  @BeforeClass
  public void startServer() throws IOException {
    server = new SseServer();
  }

  @AfterClass
  public void stopServer() throws InterruptedException {
    server.close();
  }

  @Override
  public Flow.Publisher<MessageEvent> createFlowPublisher(long elements) {
    String path = elements == Long.MAX_VALUE ? "/events" : "/events?n=" + elements;
    return EventPublisher.create(EventSource.builder(server.url(path), transport()).oneShot(true));
  }

  @Override
  public Flow.Publisher<MessageEvent> createFailedFlowPublisher() {
    return EventPublisher.create(EventSource.builder(server.url("/status/500"), transport()));
  }
}
