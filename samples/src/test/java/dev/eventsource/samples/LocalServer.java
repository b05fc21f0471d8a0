package dev.eventsource.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 for the subscriber to connect to. Each connection carries one
 * request, answered by the next queued {@link Reply} (a 204 once the queue is empty, which stops an
 * event source for good, so an unexpected request cannot make a test hang), then closed. Writing
 * the socket directly lets a reply send each chunk as one flushed HTTP chunk, or fall silent.
 */
final class LocalServer implements AutoCloseable {
  /** One request as it arrived. */
  record Request(String line, Map<String, String> headers, String body, long arrivedNanos) {
    /** A header's value, matched without regard to case; null when absent. */
    @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes one response. */
  interface Reply {
    void write(Exchange exchange) throws IOException, InterruptedException;
  }

  private final ServerSocket serverSocket;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "local-server");
            thread.setDaemon(true);
            return thread;
          });
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final List<Long> replyEndNanos = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  LocalServer() throws IOException {
    serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    threads.execute(this::acceptLoop);
  }

  /** The URL of {@code path} on this server. */
  String url(String path) {
    return origin() + path;
  }

  /** The serialized origin, as a {@code MessageEvent} should report it. */
  String origin() {
    return "http://127.0.0.1:" + serverSocket.getLocalPort();
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
  public void close() throws IOException {
    closed.countDown();
    serverSocket.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    threads.shutdownNow();
  }

  private void acceptLoop() {
    try {
      while (!serverSocket.isClosed()) {
        Socket socket = serverSocket.accept();
        sockets.add(socket);
        threads.execute(() -> serve(socket));
      }
    } catch (IOException closedOrBroken) {
      // close() ends the loop
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      Map<String, String> headers = new TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      String length = headers.get("content-length");
      byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
      requests.add(
          new Request(
              lines[0], headers, new String(body, StandardCharsets.UTF_8), System.nanoTime()));
      Reply reply = replies.poll();
      Exchange exchange = new Exchange(socket.getOutputStream());
      if (reply == null) {
        exchange.status(204);
      } else {
        reply.write(exchange);
      }
      replyEndNanos.add(System.nanoTime());
    } catch (IOException | InterruptedException clientLeftOrServerClosed) {
      // The subscriber closed its source, or the test ended.
    } finally {
      sockets.remove(socket);
    }
  }

  /** The request line and headers, or null if the connection ended first. */
  private static @Nullable String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - end.length);
  }

  /** The response side of one connection. */
  final class Exchange {
    private final OutputStream out;

    Exchange(OutputStream out) {
      this.out = out;
    }

    /** A response with this status and no body. */
    void status(int code) throws IOException {
      ascii("HTTP/1.1 " + code + " Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    /** The head of a 200 event stream with a chunked body. */
    Exchange startStream() throws IOException {
      ascii(
          "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
              + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
      return this;
    }

    /** One HTTP chunk, flushed at once; an empty one is skipped (it would end the body). */
    Exchange chunk(byte[] bytes) throws IOException {
      if (bytes.length > 0) {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        ascii("\r\n");
      }
      return this;
    }

    /** UTF-8 text as one chunk. */
    Exchange chunk(String text) throws IOException {
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
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }
}
