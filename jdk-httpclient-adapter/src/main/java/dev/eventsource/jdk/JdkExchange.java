package dev.eventsource.jdk;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.RequestRefusedException;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One {@link TransportRequest} through java.net.http: one {@code sendAsync}, whose response, of any
 * status, goes to the {@link BodyStream}, which streams its body.
 *
 * <p>Cancelling works on every JDK from 11 on: the body subscription is cancelled, and a cancel
 * that comes before the headers is remembered, so the subscriber created when they arrive cancels
 * at once. {@code CompletableFuture.cancel(true)} on the exchange's future is added because since
 * JDK 16 it also aborts an exchange still waiting for headers; older JDKs ignore it.
 */
final class JdkExchange implements Connection {
  private final HttpClient client;
  private final Executor executor;
  private final BodyStream stream;

  // Guarded by this.
  private boolean cancelled;
  private @Nullable CompletableFuture<?> inFlight;

  JdkExchange(HttpClient client, Executor executor, BodyStream stream) {
    this.client = client;
    this.executor = executor;
    this.stream = stream;
  }

  /**
   * Sends the request on the executor. Returns at once: on a client with a direct executor, {@code
   * sendAsync} itself resolves the host name and connects on the calling thread, so it must not be
   * the caller's (which may be core's timer or a listener's thread).
   */
  void start(TransportRequest request) {
    execute(() -> send(request));
  }

  @Override
  public void request() {
    stream.request();
  }

  @Override
  public void cancel() {
    CompletableFuture<?> future;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      future = inFlight;
      inFlight = null;
    }
    Flow.Subscription body = stream.cancel();
    // Cancelling a subscription or a future may close a socket: not on the caller's thread.
    execute(
        () -> {
          if (body != null) {
            body.cancel();
          }
          if (future != null) {
            future.cancel(true);
          }
        });
  }

  private void send(TransportRequest request) {
    synchronized (this) {
      if (cancelled) {
        return; // cancelled before the request went out: nothing to send or to cancel
      }
    }
    CompletableFuture<HttpResponse<Void>> future;
    try {
      future = client.sendAsync(HttpRequests.toHttpRequest(request), info -> stream);
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
    // On the executor, as every task of the transport's own: not on the JDK's thread, where a
    // redirect's next exchange, sent from core's response handler, would resolve and connect.
    future.whenCompleteAsync(this::onResponse, this::execute);
  }

  private void onResponse(@Nullable HttpResponse<Void> response, @Nullable Throwable error) {
    synchronized (this) {
      if (cancelled) {
        return;
      }
      inFlight = null;
    }
    if (response == null) {
      stream.fail(Failures.asIOException(error == null ? new IOException("no response") : error));
      return;
    }
    // response.uri() is the request's URL, or the last one if the client followed redirects itself.
    stream.respond(
        TransportResponse.of(response.statusCode(), response.headers().map(), response.uri()));
  }

  private void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run(); // the executor is shut down: better late on this thread than never
    }
  }
}
