package dev.eventsource.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.RawServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RawServer} for the subscriber to connect to. Each connection carries one request,
 * answered by the next queued {@link Reply} (a 204 once the queue is empty, which stops an event
 * source for good, so an unexpected request cannot make a test hang), then closed. Writing the
 * socket directly lets a reply send each chunk as one flushed HTTP chunk, or fall silent.
 */
final class LocalServer implements AutoCloseable {
  /** One request as it arrived, with its body. */
  record Request(String line, Exchange exchange, String body, long arrivedNanos) {
    /** A header's value, matched without regard to case; null when absent. */
    @Nullable String header(String name) {
      return exchange.header(name);
    }
  }

  /** Writes one response. */
  interface Reply {
    void write(Response response) throws IOException, InterruptedException;
  }

  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final List<Long> replyEndNanos = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final RawServer server;

  LocalServer() throws IOException {
    server = RawServer.start(this::serve).forgetExchanges();
  }

  /** The URL of {@code path} on this server. */
  String url(String path) {
    return origin() + path;
  }

  /** The serialized origin, as a {@code MessageEvent} should report it. */
  String origin() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Queues the answer to the next request. */
  LocalServer enqueue(Reply reply) {
    replies.add(reply);
    return this;
  }

  /** The next request; fails unless one arrives within 5 seconds. */
  Request takeRequest() throws InterruptedException {
    Request request = requests.poll(5, TimeUnit.SECONDS);
    assertThat(request).as("a request to %s within 5 s", origin()).isNotNull();
    return request;
  }

  /** The next request within the time, or null. */
  @Nullable Request pollRequest(long millis) throws InterruptedException {
    return requests.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** When each reply so far finished writing, in {@link System#nanoTime()} terms. */
  List<Long> replyEndNanos() {
    return replyEndNanos;
  }

  @Override
  public void close() throws InterruptedException {
    closed.countDown();
    server.close();
  }

  private void serve(Exchange exchange) throws IOException, InterruptedException {
    String body = new String(exchange.readBody(), StandardCharsets.UTF_8);
    requests.add(new Request(exchange.requestLine, exchange, body, exchange.nanos));
    Reply reply = replies.poll();
    Response response = new Response(exchange);
    if (reply == null) {
      response.status(204);
    } else {
      reply.write(response);
    }
    replyEndNanos.add(System.nanoTime());
  }

  /** The response side of one connection. */
  final class Response {
    private final Exchange exchange;

    Response(Exchange exchange) {
      this.exchange = exchange;
    }

    /** A response with this status and no body. */
    void status(int code) throws IOException {
      ascii("HTTP/1.1 " + code + " Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    /** The head of a 200 event stream with a chunked body. */
    Response startStream() throws IOException {
      ascii(
          "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
              + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
      return this;
    }

    /** One HTTP chunk, flushed at once; an empty one is skipped (it would end the body). */
    Response chunk(byte[] bytes) throws IOException {
      if (bytes.length > 0) {
        byte[] size =
            (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[size.length + bytes.length + 2];
        System.arraycopy(size, 0, chunk, 0, size.length);
        System.arraycopy(bytes, 0, chunk, size.length, bytes.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        exchange.write(chunk);
      }
      return this;
    }

    /** UTF-8 text as one chunk. */
    Response chunk(String text) throws IOException {
      return chunk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The last chunk: the body ends normally. */
    void end() throws IOException {
      ascii("0\r\n\r\n");
    }

    /** Sends nothing more until the server closes (or 10 seconds pass). */
    void holdOpen() throws InterruptedException {
      closed.await(10, TimeUnit.SECONDS);
    }

    private void ascii(String text) throws IOException {
      exchange.write(text.getBytes(StandardCharsets.US_ASCII));
    }
  }
}
