package dev.eventsource.okhttp;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.Redirects;
import dev.eventsource.transport.RequestRefusedException;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * One request of an {@link OkHttpTransport}, from the first call through its redirects to the end
 * of the final response's body.
 *
 * <p>Threads: each call is enqueued on the transport's own dispatcher, and OkHttp runs its callback
 * on one of the dispatcher's threads. The callback of the final response reports it, then stays on
 * that thread to read the body, one chunk per {@link #request()}, waiting on {@link Demand} between
 * chunks. A redirect's callback enqueues the next call and returns, so the handler is only ever
 * called from one thread at a time, and each call happens-before the next through OkHttp's enqueue.
 */
final class OkHttpConnection implements Connection, Callback {
  private final OkHttpClient client;
  private final Executor background;
  private final ResponseHandler handler;
  private final Demand demand = new Demand();

  /** The call in flight, for {@link #cancel()}: written by the callback chain, read by anyone. */
  private volatile @Nullable Call call;

  // Only touched by the callback chain, one thread at a time (each enqueue happens-before the
  // callback it leads to), so no lock is needed.
  private TransportRequest current;
  private int redirects;

  OkHttpConnection(
      OkHttpClient client, Executor background, ResponseHandler handler, TransportRequest request) {
    this.client = client;
    this.background = background;
    this.handler = handler;
    this.current = request;
  }

  /**
   * Enqueues the first call. Returns at once; even a request OkHttp refuses fails asynchronously.
   */
  void start() {
    send(current);
  }

  @Override
  public void request() {
    demand.add();
  }

  @Override
  public void cancel() {
    if (!demand.cancel()) {
      return;
    }
    Call inFlight = call;
    if (inFlight != null) {
      // Call.cancel() closes the socket (and, for HTTP/2, queues a RST_STREAM); on a TLS socket a
      // close may write a close_notify. Hand it to a background thread so the caller, perhaps an
      // Android main thread, never touches the network.
      background.execute(inFlight::cancel);
    }
  }

  @Override
  public void onFailure(Call failed, IOException error) {
    fail(error);
  }

  @Override
  public void onResponse(Call answered, Response response) {
    int status = response.code();
    if (Redirects.isRedirect(status)) {
      String location = response.header("Location");
      response.close(); // the redirect's own body is never read
      followRedirect(status, location);
      return;
    }
    try {
      deliver(response);
    } finally {
      if (demand.isCancelled()) {
        // Cut the socket first, so that closing the body does not try to drain it for reuse.
        answered.cancel();
      }
      response.close();
    }
  }

  private void send(TransportRequest request) {
    current = request;
    Request okRequest;
    try {
      okRequest = Messages.toOkHttp(request);
    } catch (IllegalArgumentException e) {
      IOException error =
          new RequestRefusedException(
              "OkHttp refused to send " + request + ": " + e.getMessage(), e);
      background.execute(() -> fail(error));
      return;
    }
    Call next = client.newCall(okRequest);
    call = next;
    // Read after the write above: if cancel() ran before, it may have missed this call, so do not
    // start it. If cancel() runs after, it sees this call and cancels it.
    if (!demand.isCancelled()) {
      next.enqueue(this);
    }
  }

  private void followRedirect(int status, @Nullable String location) {
    TransportRequest next;
    try {
      next = Redirects.next(current, status, location, redirects);
    } catch (ProtocolException e) {
      fail(e);
      return;
    }
    redirects++;
    send(next);
  }

  /** Reports the response, then reads one chunk per demand until the end, a failure or a cancel. */
  private void deliver(Response response) {
    if (demand.isCancelled()) {
      return;
    }
    handler.onResponse(Messages.toTransport(response, current.uri()));
    BufferedSource source = response.body().source();
    try {
      while (demand.take()) {
        // Wait in okio's own buffer, then borrow an array only to hand the bytes over: an idle
        // stream holds no array of its own.
        if (source.exhausted()) {
          end();
          return;
        }
        if (demand.isCancelled()) {
          return;
        }
        byte[] bytes = ChunkArrays.borrow();
        try {
          int read = source.read(bytes, 0, (int) Math.min(bytes.length, source.getBuffer().size()));
          handler.onBody(ByteBuffer.wrap(bytes, 0, read));
        } finally {
          ChunkArrays.giveBack(bytes);
        }
      }
    } catch (IOException e) {
      fail(e);
    }
  }

  private void end() {
    if (!demand.isCancelled()) {
      handler.onEnd();
    }
  }

  private void fail(IOException error) {
    // After a cancel, the failure is most likely the cancel itself ("Canceled", "Socket closed").
    if (!demand.isCancelled()) {
      handler.onFailure(error);
    }
  }
}
