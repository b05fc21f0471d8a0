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
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Flow control: each of core's requests gets one non-empty buffer. The JDK is asked for {@value
 * #UPSTREAM_BATCH} lists at a time whenever the last ask is answered and fewer than {@value
 * #READ_AHEAD_BYTES} bytes wait here, so the JDK reads the socket while core parses; a slow
 * listener still holds the stream back, by that much. No thread waits on an idle stream.
 *
 * <p>Threads: given a hand-over executor, what the JDK delivers on a busy stream is handed to it,
 * not parsed on the JDK's thread: on a client with a pool executor, that thread would keep the JDK
 * from delivering further until the parse is done (measured: a third fewer events per second over
 * loopback). A chunk after a pause is parsed at once on the JDK's thread: a hand-over would only
 * add a thread wake-up to its latency. Without a hand-over executor everything is parsed on the
 * JDK's thread: on a client with a direct executor that is the selector thread, which reads the
 * next bytes from the socket's buffer as soon as the parse returns, and a hand-over only added
 * thread wake-ups (measured: 1.1 times the events per second without it).
 */
final class BodyStream implements HttpResponse.BodySubscriber<Void> {
  /** Bytes buffered here below which the JDK is asked for more. */
  static final long READ_AHEAD_BYTES = 64 * 1024;

  /** Lists asked of the JDK at once: one at a time would make it stop after every list. */
  static final int UPSTREAM_BATCH = 4;

  /**
   * Bytes that arrive less than this long after the last drain ended are handed to the executor;
   * later ones, a stream's occasional event, are parsed on the JDK's thread at once.
   */
  static final long BUSY_GAP_NANOS = 100_000;

  private final ResponseHandler handler;
  private final @Nullable Executor handOver;
  private final long busyGapNanos;

  /**
   * Completed at once, so that the JDK completes the response future as soon as the headers are in;
   * the body then streams through this subscriber.
   */
  private final CompletableFuture<Void> body = CompletableFuture.completedFuture(null);

  // All guarded by this.
  private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
  private long bufferedBytes;
  private Flow.@Nullable Subscription subscription;
  private @Nullable TransportResponse response;
  private boolean responded;
  private long demand;

  /** Lists asked of the JDK and not delivered yet. */
  private long upstreamPending;

  private boolean upstreamDone;
  private @Nullable IOException failure;
  private boolean failNow;
  private boolean finished;
  private boolean draining;

  /** When the last drain ended: a stream whose bytes come back sooner is busy. */
  private long lastDrainEndNanos;

  /**
   * Creates the subscriber.
   *
   * @param handler receives the response and its body
   * @param handOver parses what the JDK delivers on a busy stream, off the JDK's thread; null to
   *     parse everything on the JDK's thread
   */
  BodyStream(ResponseHandler handler, @Nullable Executor handOver) {
    this(handler, handOver, BUSY_GAP_NANOS);
  }

  /** For tests: a stream is busy when bytes come back less than {@code busyGapNanos} later. */
  BodyStream(ResponseHandler handler, @Nullable Executor handOver, long busyGapNanos) {
    this.handler = handler;
    this.handOver = handOver;
    this.busyGapNanos = busyGapNanos;
    // nanoTime has an arbitrary origin: 0 could look recent. Nothing has drained yet: not busy.
    this.lastDrainEndNanos = System.nanoTime() - busyGapNanos - 1;
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
    Executor busyHandOver;
    synchronized (this) {
      if (upstreamPending > 0) {
        upstreamPending--;
      }
      if (finished) {
        return;
      }
      for (ByteBuffer buffer : item) {
        if (buffer.hasRemaining()) {
          buffers.add(buffer);
          bufferedBytes += buffer.remaining();
        }
      }
      if (draining) {
        return; // the thread draining now sees these buffers before it stops
      }
      busyHandOver =
          handOver != null && System.nanoTime() - lastDrainEndNanos < busyGapNanos
              ? handOver
              : null;
    }
    if (busyHandOver == null) {
      drain(); // a lone chunk after a pause: parsed at once, the fewest threads in its way
      return;
    }
    try {
      busyHandOver.execute(this::drain);
    } catch (RejectedExecutionException e) {
      drain(); // the client's executor is shut down: better on this thread than never
    }
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

  /** Ends the exchange with a failure at once: no response arrived. */
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
      bufferedBytes = 0;
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
      lastDrainEndNanos = System.nanoTime();
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
      bufferedBytes -= chunk.remaining();
      return () -> handler.onBody(chunk);
    }
    if (buffers.isEmpty() && upstreamDone) {
      return terminal();
    }
    Flow.Subscription upstream = subscription;
    if (bufferedBytes < READ_AHEAD_BYTES
        && upstreamPending == 0
        && upstream != null
        && !upstreamDone) {
      upstreamPending = UPSTREAM_BATCH;
      return () -> upstream.request(UPSTREAM_BATCH);
    }
    return null;
  }

  /** onEnd, or onFailure after which an unfinished subscription is cancelled. */
  private Runnable terminal() {
    finished = true;
    buffers.clear();
    bufferedBytes = 0;
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
