package dev.eventsource.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventDataListener;
import dev.eventsource.EventSource;
import dev.eventsource.MessageEvent;
import dev.eventsource.UnexpectedResponseException;
import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.transport.Transport;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The publisher over both transports and a real server, beyond what the TCK checks. */
class EventPublisherTest {
  private SseServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new SseServer();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.close();
  }

  static Stream<Arguments> transports() {
    return Stream.of(
        Arguments.of("okhttp", (Supplier<Transport>) OkHttpTransport::create),
        Arguments.of("jdk", (Supplier<Transport>) JdkHttpTransport::create));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void eventsComeOnlyAsRequestedAndTheOneShotEndCompletes(
      String name, Supplier<Transport> transport) throws Exception {
    Recorder recorder = new Recorder();
    EventPublisher.create(
            EventSource.builder(server.url("/events?n=3"), transport.get()).oneShot(true))
        .subscribe(recorder);
    Flow.Subscription subscription = recorder.subscription();
    subscription.request(2);
    assertThat(recorder.take()).isEqualTo("0");
    assertThat(recorder.take()).isEqualTo("1");
    // One event may be taken ahead of demand, but none is signalled without it.
    assertThat(recorder.signals.poll(200, TimeUnit.MILLISECONDS)).as("beyond demand").isNull();
    subscription.request(5);
    assertThat(recorder.take()).isEqualTo("2");
    assertThat(recorder.take()).isEqualTo("complete");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void cancelClosesTheConnectionAtOnce(String name, Supplier<Transport> transport)
      throws Exception {
    Recorder recorder = new Recorder();
    EventPublisher.create(EventSource.builder(server.url("/events"), transport.get()))
        .subscribe(recorder);
    recorder.subscription().request(1);
    assertThat(recorder.take()).isEqualTo("0");
    assertThat(server.streaming()).isEqualTo(1);
    recorder.subscription().cancel();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.streaming() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the server notices the closed connection on its next write
    }
    assertThat(server.streaming()).as("responses still being written").isZero();
    assertThat(recorder.signals).as("nothing after cancel").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void failureThatClosesTheSourceIsSignalledWithoutDemand(
      String name, Supplier<Transport> transport) throws Exception {
    Recorder recorder = new Recorder();
    EventPublisher.create(EventSource.builder(server.url("/status/503"), transport.get()))
        .subscribe(recorder);
    assertThat(recorder.take()).isEqualTo("error");
    assertThat(recorder.error).isInstanceOf(UnexpectedResponseException.class);
    assertThat(((UnexpectedResponseException) recorder.error).status()).isEqualTo(503);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void builderThatStreamsEventDataFailsTheSubscriptionAtOnce(
      String name, Supplier<Transport> transport) throws Exception {
    Recorder recorder = new Recorder();
    EventSource.Builder streaming =
        EventSource.builder(server.url("/events?n=1"), transport.get())
            .streamEventData(
                new EventDataListener() {
                  @Override
                  public void onDataPart(EventSource source, byte[] part) {}

                  @Override
                  public void onEventEnd(EventSource source, String type, String lastEventId) {}
                });
    EventPublisher.create(streaming).subscribe(recorder);
    assertThat(recorder.take()).isEqualTo("error");
    assertThat(recorder.error)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("streamEventData");
  }

  /** Records signals in order: event data, "complete" or "error". */
  static final class Recorder implements Flow.Subscriber<MessageEvent> {
    final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
    private final BlockingQueue<Flow.Subscription> subscriptions = new LinkedBlockingQueue<>();
    volatile Throwable error;

    Flow.Subscription subscription() throws InterruptedException {
      Flow.Subscription s = subscriptions.poll(10, TimeUnit.SECONDS);
      assertThat(s).as("onSubscribe").isNotNull();
      subscriptions.add(s);
      return s;
    }

    String take() throws InterruptedException {
      String signal = signals.poll(10, TimeUnit.SECONDS);
      assertThat(signal).as("a signal within 10 s").isNotNull();
      return signal;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscriptions.add(subscription);
    }

    @Override
    public void onNext(MessageEvent item) {
      signals.add(item.data());
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
      signals.add("error");
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }
  }
}
