package dev.eventsource.jdk;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Drops the body of a redirect response. The redirect is followed as soon as the body starts (Fetch
 * does not wait for a redirect's body, and a slow or endless one must not hold the stream back);
 * meanwhile the body is read and dropped in the background so that its connection can be reused. A
 * body longer than {@link #LIMIT} is not worth reading: the subscription is cancelled, closing that
 * connection.
 */
final class RedirectBody implements HttpResponse.BodySubscriber<Void> {
  static final long LIMIT = 64 * 1024;

  private final JdkExchange exchange;
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  // The JDK signals a subscriber serially (Reactive Streams §1.3): no lock needed.
  private Flow.@Nullable Subscription subscription;
  private long discarded;

  RedirectBody(JdkExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public CompletionStage<Void> getBody() {
    return done;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    if (this.subscription != null || !exchange.attachRedirectBody(subscription)) {
      subscription.cancel();
      done.complete(null);
      return;
    }
    this.subscription = subscription;
    done.complete(null); // follow the redirect now; the rest is only draining
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    for (ByteBuffer buffer : item) {
      discarded += buffer.remaining();
    }
    Flow.Subscription current = subscription;
    if (discarded > LIMIT && current != null) {
      subscription = null;
      current.cancel();
    }
  }

  @Override
  public void onError(Throwable throwable) {
    done.complete(null);
  }

  @Override
  public void onComplete() {
    done.complete(null);
  }
}
