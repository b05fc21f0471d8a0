package dev.eventsource.jdk;

import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * The body subscriber of the final response, and the only caller of the {@link ResponseHandler}.
 *
 * <p>Every signal (the response from the exchange, the JDK's {@code onNext}/{@code onComplete}/
 * {@code onError}, core's {@code request()}) only updates state under the lock; one thread at a
 * time then drains that state into handler calls, outside the lock. A call that arrives while
 * another thread drains, or from inside a handler call, leaves the work to the draining thread: the
 * handler never sees two calls at once, nor one nested in another.
 *
 * <p>Flow control: the JDK is asked for one more list of buffers ({@code request(1)}) only when
 * core has asked for a chunk and the previous list is used up; each of core's requests gets one
 * non-empty buffer. Nothing is read ahead, and no thread waits on an idle stream.
 */
final class BodyStream implements HttpResponse.BodySubscriber<Void> {
  private final ResponseHandler handler;

  /**
   * Completed at once, so that the JDK completes the response future as soon as the headers are in;
   * the body then streams through this subscriber.
   */
  private final CompletableFuture<Void> body = CompletableFuture.completedFuture(null);

  // All guarded by this.
  private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
  private Flow.@Nullable Subscription subscription;
  private @Nullable TransportResponse response;
  private boolean responded;
  private long demand;
  private boolean upstreamRequested;
  private boolean upstreamDone;
  private @Nullable IOException failure;
  private boolean failNow;
  private boolean finished;
  private boolean draining;

  BodyStream(ResponseHandler handler) {
    this.handler = handler;
  }

  @Override
  public CompletionStage<Void> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    boolean keep;
    synchronized (this) {
      // Reactive Streams §2.5: a second subscription, or one after a cancel, is cancelled.
      keep = this.subscription == null && !finished;
      if (keep) {
        this.subscription = subscription;
      }
    }
    if (!keep) {
      subscription.cancel();
      return;
    }
    drain();
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    synchronized (this) {
      upstreamRequested = false;
      if (finished) {
        return;
      }
      for (ByteBuffer buffer : item) {
        if (buffer.hasRemaining()) {
          buffers.add(buffer);
        }
      }
    }
    drain();
  }

  @Override
  public void onError(Throwable throwable) {
    synchronized (this) {
      upstreamDone = true;
      if (failure == null) {
        failure = Failures.asIOException(throwable);
      }
    }
    drain();
  }

  @Override
  public void onComplete() {
    synchronized (this) {
      upstreamDone = true;
    }
    drain();
  }

  /** The final response's status line and headers: reported before any body or end. */
  void respond(TransportResponse response) {
    synchronized (this) {
      if (finished || responded || this.response != null) {
        return;
      }
      this.response = response;
    }
    drain();
  }

  /** Ends the exchange with a failure at once: no response arrived, or a redirect failed. */
  void fail(IOException error) {
    synchronized (this) {
      if (finished) {
        return;
      }
      if (failure == null) {
        failure = error;
      }
      failNow = true;
    }
    drain();
  }

  /** Core asks for one more chunk ({@link dev.eventsource.transport.Connection#request()}). */
  void request() {
    synchronized (this) {
      if (finished) {
        return;
      }
      if (demand < Long.MAX_VALUE) {
        demand++;
      }
    }
    drain();
  }

  /**
   * Stops all later handler calls (one running on another thread may still finish) and drops
   * buffered bytes.
   *
   * @return the subscription the caller must cancel, or null if there is none yet (a later one is
   *     cancelled as it arrives)
   */
  Flow.@Nullable Subscription cancel() {
    synchronized (this) {
      finished = true;
      buffers.clear();
      Flow.Subscription current = subscription;
      subscription = null;
      return current;
    }
  }

  private void drain() {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    Runnable action;
    while ((action = nextAction()) != null) {
      try {
        action.run();
      } catch (RuntimeException | Error e) {
        synchronized (this) {
          draining = false;
        }
        throw e;
      }
    }
  }

  /** The next handler call or upstream request, or null (and the drain ends) if none is due. */
  private synchronized @Nullable Runnable nextAction() {
    Runnable action = computeNextAction();
    if (action == null) {
      draining = false;
    }
    return action;
  }

  private @Nullable Runnable computeNextAction() {
    if (finished) {
      return null;
    }
    if (failNow) {
      return terminal();
    }
    if (!responded) {
      // A body end or error seen before the response future completed waits for the response.
      TransportResponse ready = response;
      if (ready == null) {
        return null;
      }
      response = null;
      responded = true;
      return () -> handler.onResponse(ready);
    }
    if (demand > 0 && !buffers.isEmpty()) {
      demand--;
      ByteBuffer chunk = buffers.poll();
      return () -> handler.onBody(chunk);
    }
    if (buffers.isEmpty() && upstreamDone) {
      return terminal();
    }
    Flow.Subscription upstream = subscription;
    if (demand > 0 && !upstreamRequested && upstream != null && !upstreamDone) {
      upstreamRequested = true;
      return () -> upstream.request(1);
    }
    return null;
  }

  /** onEnd, or onFailure after which an unfinished subscription is cancelled. */
  private Runnable terminal() {
    finished = true;
    buffers.clear();
    IOException error = failure;
    Flow.Subscription upstream = upstreamDone ? null : subscription;
    subscription = null;
    if (error == null) {
      return handler::onEnd;
    }
    return () -> {
      if (upstream != null) {
        upstream.cancel();
      }
      handler.onFailure(error);
    };
  }
}
