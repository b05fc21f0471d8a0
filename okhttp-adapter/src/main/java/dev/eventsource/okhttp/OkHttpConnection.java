package dev.eventsource.okhttp;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.RequestRefusedException;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * One exchange of an {@link OkHttpTransport}: the call, its response head, then its body to the
 * end. Redirects are core's to follow; a redirect response is reported like any other.
 *
 * <p>Threads: all of it runs on one thread of the transport's pool, which executes the call,
 * reports the response, then reads its body one chunk per {@link #request()}, waiting on {@link
 * Demand} between chunks. So the handler is only ever called from that thread. Only {@link
 * #request()} and {@link #cancel()} come from other threads.
 *
 * <p>Heap: the method that executes the calls returns only the final body's source, so while a
 * stream idles nothing holds OkHttp's {@link Response} objects (the response, its network response,
 * their headers and the request as sent). OkHttp's own callback thread would hold them in its frame
 * for as long as the body is read.
 */
final class OkHttpConnection implements Connection {
  private final OkHttpClient client;
  private final Executor background;
  private final ResponseHandler handler;
  private final Demand demand = new Demand();

  /** The call in flight, for {@link #cancel()}: written by the reading thread, read by anyone. */
  private volatile @Nullable Call call;

  OkHttpConnection(OkHttpClient client, Executor background, ResponseHandler handler) {
    this.client = client;
    this.background = background;
    this.handler = handler;
  }

  /**
   * Starts the exchange on a thread of the transport's pool and returns at once; even a request
   * OkHttp refuses fails asynchronously.
   */
  void start(TransportRequest request) {
    background.execute(() -> exchange(request));
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

  /** Sends the request, reports the response, then reads its body until it ends. */
  private void exchange(TransportRequest first) {
    BufferedSource body;
    try {
      body = respond(first);
    } catch (IOException e) {
      fail(e);
      return;
    }
    if (body == null) {
      return; // cancelled
    }
    try {
      read(body);
    } finally {
      Call last = call;
      if (demand.isCancelled() && last != null) {
        // Cut the socket first, so that closing the body does not try to drain it for reuse.
        last.cancel();
      }
      closeQuietly(body);
    }
  }

  /**
   * Executes the call, reports its response, and returns its body, or null if the connection was
   * cancelled first. The response stays in this frame only.
   */
  private @Nullable BufferedSource respond(TransportRequest request) throws IOException {
    Call next = client.newCall(toOkHttp(request));
    call = next;
    // Read after the write above: if cancel() ran before, it may have missed this call, so do not
    // start it. If cancel() runs after, it sees this call and cancels it.
    if (demand.isCancelled()) {
      return null;
    }
    Response response = execute(next);
    try {
      if (demand.isCancelled()) {
        next.cancel(); // cut the socket first, so that closing does not drain the body for reuse
        response.close();
        return null;
      }
      handler.onResponse(Messages.toTransport(response, request.url()));
      return response.body().source();
    } catch (RuntimeException | Error e) {
      response.close();
      throw e;
    }
  }

  private static Request toOkHttp(TransportRequest request) throws RequestRefusedException {
    try {
      return Messages.toOkHttp(request);
    } catch (IllegalArgumentException e) {
      throw new RequestRefusedException(
          "OkHttp refused to send " + request + ": " + e.getMessage(), e);
    }
  }

  /**
   * Executes a call. Whatever else an interceptor throws (a runtime exception, an error, a checked
   * exception thrown from Kotlin) cancels the call and becomes its failure, with the throwable as
   * the cause, as OkHttp's asynchronous calls report it. An {@link Error} is reported here and then
   * rethrown, so that the thread's uncaught exception handler gets it too, as on OkHttp's threads.
   */
  private Response execute(Call call) throws IOException {
    try {
      return call.execute();
    } catch (IOException e) {
      throw e;
    } catch (Throwable e) {
      call.cancel();
      IOException failure = new IOException("OkHttp call failed: " + e, e);
      if (e instanceof Error) {
        fail(failure);
        throw (Error) e;
      }
      throw failure;
    }
  }

  /** Reads one chunk per demand until the end, a failure or a cancel. */
  private void read(BufferedSource source) {
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

  private static void closeQuietly(BufferedSource body) {
    try {
      body.close();
    } catch (IOException e) {
      // the stream is over either way; nothing is left to report it to
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
