package dev.eventsource.samples;

import dev.eventsource.EventSource;
import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import dev.eventsource.UnexpectedResponseException;
import dev.eventsource.okhttp.OkHttpTransport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The library over OkHttp, in a few lines: subscribe, react to named events, tell a reconnection
 * from the end, close. Run it with a stream URL, or without one to use the demo feed.
 */
public final class OkHttpExample {
  private OkHttpExample() {}

  /**
   * Subscribes until the stream ends for good or ten events have arrived.
   *
   * @param args an optional stream URL
   * @throws Exception if the demo feed cannot start or the wait is interrupted
   */
  public static void main(String[] args) throws Exception {
    try (DemoFeed demo = DemoFeed.start(0, 100)) {
      String url = args.length > 0 ? args[0] : demo.url().toString();
      CountDownLatch finished = new CountDownLatch(1);
      OkHttpClient client = new OkHttpClient(); // share one client across the whole app

      EventSource.Builder builder =
          EventSource.builder(url, OkHttpTransport.create(client))
              .retryPolicy(RetryPolicy.builder().reconnectionTime(2, TimeUnit.SECONDS).build())
              .readTimeout(60, TimeUnit.SECONDS)
              .onOpen(source -> System.out.println("connected"))
              .onMessage((source, event) -> System.out.println("message: " + event.data()))
              .on("tick", (source, event) -> System.out.println("tick #" + event.lastEventId()))
              .onError(
                  (source, error) -> {
                    if (source.readyState() == ReadyState.CONNECTING) {
                      System.out.println("dropped (" + error.getMessage() + "), will resume");
                      return;
                    }
                    if (error instanceof UnexpectedResponseException) {
                      int status = ((UnexpectedResponseException) error).status();
                      System.out.println("server said " + status + ": done");
                    }
                    finished.countDown();
                  });

      try (EventSource source = builder.build()) {
        finished.await(30, TimeUnit.SECONDS);
      } // close(): no callback after this line, the connection is released
    }
  }
}
