package dev.eventsource.jdk;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Reads and drops the body of a redirect response, so that its connection can serve the next hop. A
 * body longer than {@link #LIMIT} is not worth reading: the subscription is cancelled (closing that
 * connection) and the redirect followed all the same, as it is when the body fails.
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
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    for (ByteBuffer buffer : item) {
      discarded += buffer.remaining();
    }
    Flow.Subscription current = subscription;
    if (discarded > LIMIT && current != null && !done.isDone()) {
      current.cancel();
      done.complete(null);
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
