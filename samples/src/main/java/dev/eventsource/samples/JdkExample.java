package dev.eventsource.samples;

import dev.eventsource.EventSource;
import dev.eventsource.RetryPolicy;
import dev.eventsource.jdk.JdkHttpTransport;
import java.net.http.HttpClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library over {@code java.net.http}: every event whatever its type, a fresh token on each
 * connection attempt, a bounded number of retries, listeners on an executor of the app's choosing,
 * and {@code close()} from inside a listener. Run it with a stream URL, or without one to use the
 * demo feed.
 */
public final class JdkExample {
  private JdkExample() {}

  /**
   * Prints the first eight events, then closes the source from its own listener.
   *
   * @param args an optional stream URL
   * @throws Exception if the demo feed cannot start or the wait is interrupted
   */
  public static void main(String[] args) throws Exception {
    ExecutorService listenerThread = Executors.newSingleThreadExecutor();
    try (DemoFeed demo = DemoFeed.start(0, 100)) {
      String url = args.length > 0 ? args[0] : demo.url().toString();
      HttpClient client = HttpClient.newHttpClient(); // non-blocking: no thread per stream
      AtomicInteger received = new AtomicInteger();
      CountDownLatch closed = new CountDownLatch(1);

      EventSource.builder(url, JdkHttpTransport.create(client))
          .executor(listenerThread) // an Android app would pass its main-thread executor
          .requestCustomizer(
              (request, attempt) ->
                  request.toBuilder().header("Authorization", "Bearer token-" + attempt).build())
          .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())
          .onAnyEvent(
              (source, event) -> {
                System.out.println(event.type() + " " + event.lastEventId() + ": " + event.data());
                if (received.incrementAndGet() == 8) {
                  source.close(); // allowed in a listener: nothing is dispatched afterwards
                  closed.countDown();
                }
              })
          .onError((source, error) -> System.out.println(source.readyState() + " after " + error))
          .build();

      closed.await(30, TimeUnit.SECONDS);
    } finally {
      listenerThread.shutdown();
    }
  }
}
