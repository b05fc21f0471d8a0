package dev.eventsource.jdk;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.Redirects;
import dev.eventsource.transport.RequestRefusedException;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One {@link TransportRequest} through java.net.http, hop by hop: each hop is its own {@code
 * sendAsync}; a redirect response's body is dropped and the next hop built by {@link
 * Redirects#next}; the final response goes to the {@link BodyStream}, which streams its body.
 *
 * <p>Cancelling works on every JDK from 11 on: the body subscription is cancelled, and a cancel
 * that comes before the headers is remembered, so the subscriber created when they arrive cancels
 * at once. {@code CompletableFuture.cancel(true)} on the hop's future is added because since JDK 16
 * it also aborts an exchange still waiting for headers; older JDKs ignore it.
 */
final class JdkExchange implements Connection {
  private final HttpClient client;
  private final Executor executor;
  private final BodyStream stream;

  // Guarded by this.
  private boolean cancelled;
  private @Nullable CompletableFuture<?> inFlight;
  private Flow.@Nullable Subscription redirectBody;

  JdkExchange(HttpClient client, Executor executor, BodyStream stream) {
    this.client = client;
    this.executor = executor;
    this.stream = stream;
  }

  /**
   * Sends the first hop on the executor. Returns at once: on a client with a direct executor,
   * {@code sendAsync} itself resolves the host name and connects on the calling thread, so it must
   * not be the caller's (which may be core's timer or a listener's thread).
   */
  void start(TransportRequest request) {
    execute(() -> send(request, 0));
  }

  @Override
  public void request() {
    stream.request();
  }

  @Override
  public void cancel() {
    CompletableFuture<?> future;
    Flow.Subscription drain;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      future = inFlight;
      drain = redirectBody;
      inFlight = null;
      redirectBody = null;
    }
    Flow.Subscription body = stream.cancel();
    // Cancelling a subscription or a future may close a socket: not on the caller's thread.
    execute(
        () -> {
          if (body != null) {
            body.cancel();
          }
          if (drain != null) {
            drain.cancel();
          }
          if (future != null) {
            future.cancel(true);
          }
        });
  }

  /**
   * Called by a redirect's body subscriber when it starts.
   *
   * @return false if the exchange is cancelled: the subscriber must cancel the subscription
   */
  synchronized boolean attachRedirectBody(Flow.Subscription subscription) {
    if (cancelled) {
      return false;
    }
    redirectBody = subscription;
    return true;
  }

  private void send(TransportRequest request, int redirectsSoFar) {
    synchronized (this) {
      if (cancelled) {
        return; // cancelled before the hop went out: nothing to send or to cancel
      }
    }
    HttpRequest hop;
    CompletableFuture<HttpResponse<Void>> future;
    try {
      hop = HttpRequests.toHttpRequest(request);
      future = client.sendAsync(hop, this::subscriberFor);
    } catch (IOException e) {
      execute(() -> stream.fail(e));
      return;
    } catch (RuntimeException e) {
      // sendAsync refuses what it cannot send (IllegalArgumentException), or a closed client.
      IOException error =
          new RequestRefusedException("java.net.http refused to send " + request, e);
      execute(() -> stream.fail(error));
      return;
    }
    boolean late;
    synchronized (this) {
      late = cancelled;
      if (!late) {
        inFlight = future;
      }
    }
    if (late) {
      execute(() -> future.cancel(true));
      return;
    }
    // Async, on the executor: not on the JDK's thread, whose next hop would resolve and connect
    // there (the selector thread, with a direct executor).
    future.whenCompleteAsync(
        (response, error) -> onHopDone(request, redirectsSoFar, response, error), this::execute);
  }

  private HttpResponse.BodySubscriber<Void> subscriberFor(HttpResponse.ResponseInfo info) {
    return Redirects.isRedirect(info.statusCode()) ? new RedirectBody(this) : stream;
  }

  private void onHopDone(
      TransportRequest request,
      int redirectsSoFar,
      @Nullable HttpResponse<Void> response,
      @Nullable Throwable error) {
    synchronized (this) {
      if (cancelled) {
        return;
      }
      inFlight = null;
      redirectBody = null;
    }
    if (response == null) {
      stream.fail(Failures.asIOException(error == null ? new IOException("no response") : error));
      return;
    }
    int status = response.statusCode();
    if (!Redirects.isRedirect(status)) {
      // response.uri() is the hop's URL, or the last one if the client followed redirects itself.
      stream.respond(TransportResponse.of(status, response.headers().map(), response.uri()));
      return;
    }
    String location = response.headers().firstValue("Location").orElse(null);
    TransportRequest next;
    try {
      next = Redirects.next(request, status, location, redirectsSoFar);
    } catch (ProtocolException e) {
      stream.fail(e);
      return;
    }
    send(next, redirectsSoFar + 1);
  }

  private void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run(); // the executor is shut down: better late on this thread than never
    }
  }
}
