package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class RedirectBodyTest {
  private final JdkExchange exchange =
      new JdkExchange(
          HttpClient.newHttpClient(),
          Runnable::run,
          new BodyStream(new RecordingHandler(), Runnable::run));
  private final RedirectBody body = new RedirectBody(exchange);
  private final Subscription subscription = new Subscription();

  @Test
  void letsTheRedirectGoOnAtOnceAndDrainsTheBodyMeanwhile() {
    body.onSubscribe(subscription);
    // Fetch follows a redirect without waiting for its body: a slow body must not stall it.
    assertThat(body.getBody().toCompletableFuture()).isCompleted();
    assertThat(subscription.requested).isEqualTo(Long.MAX_VALUE);

    body.onNext(List.of(ByteBuffer.allocate(100)));
    body.onComplete();

    assertThat(subscription.cancelled).isFalse(); // a short body is read to the end: reuse
  }

  @Test
  void stopsReadingPastTheLimit() {
    body.onSubscribe(subscription);

    body.onNext(List.of(ByteBuffer.allocate((int) RedirectBody.LIMIT + 1)));

    assertThat(subscription.cancelled).isTrue();
    assertThat(body.getBody().toCompletableFuture()).isCompleted();
  }

  @Test
  void aFailedRedirectBodyStillLetsTheRedirectGoOn() {
    body.onSubscribe(subscription);

    body.onError(new IOException("cut"));

    assertThat(body.getBody().toCompletableFuture()).isCompleted();
  }

  @Test
  void subscriptionAfterCancelIsCancelledAtOnce() {
    exchange.cancel();

    body.onSubscribe(subscription);

    assertThat(subscription.cancelled).isTrue();
    assertThat(subscription.requested).isZero();
  }

  private static final class Subscription implements Flow.Subscription {
    long requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
