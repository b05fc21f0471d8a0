package dev.eventsource;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server's side of one request. Keeps the SPI's promises: body chunks and the end reach the
 * handler only in answer to {@link #request()}, one per request, never two handler calls at once (a
 * trampoline, not recursion, when the core requests from inside {@code onBody}), and nothing after
 * {@link #cancel()}. Thread-safe, for the multi-threaded dispatch test.
 */
final class FakeExchange implements Connection {
  private static final Object END = new Object();

  private final TransportRequest sent;
  private final ResponseHandler handler;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private int demand;
  private int requestCount;
  private int cancelCount;
  private int delivered;
  private boolean delivering;

  FakeExchange(TransportRequest sent, ResponseHandler handler) {
    this.sent = sent;
    this.handler = handler;
  }

  /** The request the core sent. */
  TransportRequest sent() {
    return sent;
  }

  /** A header of the request sent, or null. */
  @Nullable String header(String name) {
    return sent.header(name);
  }

  /** The core's handler, to play a misbehaving transport that calls it after a cancel. */
  ResponseHandler handler() {
    return handler;
  }

  /** Answers 200 {@code text/event-stream} from the requested URL. */
  FakeExchange respondOk() {
    return respond(200, "text/event-stream");
  }

  /** Answers with a status and a Content-Type (null for none) from the requested URL. */
  FakeExchange respond(int status, @Nullable String contentType) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", Collections.singletonList(contentType));
    }
    return respond(status, headers, sent.url());
  }

  /** Answers with a status, headers and the URL that answered (after redirects). */
  FakeExchange respond(int status, Map<String, List<String>> headers, URI finalUrl) {
    if (!isCancelled()) {
      handler.onResponse(TransportResponse.of(status, headers, finalUrl));
    }
    return this;
  }

  /** Sends a chunk of the body: delivered now if the core asked for one, else on its request. */
  FakeExchange body(String chunk) {
    return body(chunk.getBytes(UTF_8));
  }

  /** Sends a chunk of raw body bytes. */
  FakeExchange body(byte[] chunk) {
    if (chunk.length == 0) {
      throw new IllegalArgumentException("the SPI never delivers an empty chunk");
    }
    synchronized (this) {
      queue.add(chunk.clone());
    }
    drain();
    return this;
  }

  /** Ends the body normally, after the chunks already sent, when the core asks for more. */
  void end() {
    synchronized (this) {
      queue.add(END);
    }
    drain();
  }

  /** Fails the request at once, as a reset or a refused connection does. */
  void fail(IOException error) {
    synchronized (this) {
      if (cancelCount > 0) {
        return;
      }
      queue.clear();
    }
    handler.onFailure(error);
  }

  @Override
  public void request() {
    synchronized (this) {
      requestCount++;
      demand++;
    }
    drain();
  }

  @Override
  public synchronized void cancel() {
    cancelCount++;
    queue.clear();
  }

  synchronized boolean isCancelled() {
    return cancelCount > 0;
  }

  synchronized int cancelCount() {
    return cancelCount;
  }

  /** How many times the core called {@link #request()}. */
  synchronized int requestCount() {
    return requestCount;
  }

  /** Chunks (and the end) sent by the test that the core has not asked for yet. */
  synchronized int queued() {
    return queue.size();
  }

  /** Chunks handed to the core. */
  synchronized int delivered() {
    return delivered;
  }

  private void drain() {
    while (true) {
      Object next;
      synchronized (this) {
        if (delivering || cancelCount > 0 || demand == 0 || queue.isEmpty()) {
          return;
        }
        delivering = true;
        demand--;
        delivered++;
        next = queue.poll();
      }
      try {
        if (next == END) {
          handler.onEnd();
        } else {
          handler.onBody(ByteBuffer.wrap((byte[]) next).asReadOnlyBuffer());
        }
      } finally {
        synchronized (this) {
          delivering = false;
        }
      }
    }
  }
}
