package dev.eventsource.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One request to a {@link RawServer} and its connection, which the handler answers by hand: every
 * byte it writes goes out as it is, flushed at once. Used on the handler's thread only.
 */
public final class Exchange {
  private static final int MAX_HEAD = 64 * 1024;

  /** The connection's number at its server, from 1, in the order accepted. */
  public final int connection;

  /** The request line, e.g. {@code GET /feed HTTP/1.1}. */
  public final String requestLine;

  /** {@link System#nanoTime()} when the request head was complete. */
  public final long nanos;

  /** Header values as the bytes arrived, one char per byte (ISO-8859-1). */
  private final Map<String, String> headers;

  private final RawServer server;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private long written;

  private Exchange(
      RawServer server, Socket socket, InputStream in, int connection, String head, long nanos)
      throws IOException {
    this.server = server;
    this.socket = socket;
    this.in = in;
    this.out = socket.getOutputStream();
    this.connection = connection;
    this.nanos = nanos;
    String[] lines = head.split("\r\n");
    this.requestLine = lines[0];
    this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
  }

  /** How long a connection may stay open without sending its request head. */
  public static final int REQUEST_HEAD_TIMEOUT_MILLIS = 15_000;

  /**
   * Reads a request head; null if the client closed the connection before sending one. A client
   * that sends nothing for {@link #REQUEST_HEAD_TIMEOUT_MILLIS} gets a {@link
   * java.net.SocketTimeoutException}, so that a stray connection cannot hold a server thread.
   */
  static @Nullable Exchange read(RawServer server, Socket socket, int connection)
      throws IOException {
    socket.setSoTimeout(REQUEST_HEAD_TIMEOUT_MILLIS);
    InputStream in = new BufferedInputStream(socket.getInputStream());
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        return null;
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException("request head over " + MAX_HEAD + " bytes");
      }
    }
    socket.setSoTimeout(0);
    return new Exchange(
        server,
        socket,
        in,
        connection,
        head.toString(StandardCharsets.ISO_8859_1),
        System.nanoTime());
  }

  /**
   * A request header's value, as the bytes arrived (one char per byte).
   *
   * @param name the header name, matched without regard to case
   * @return the value, or null if the request has no such header
   */
  public @Nullable String header(String name) {
    return headers.get(name);
  }

  /**
   * Writes the status line and headers, with {@code Connection: close}.
   *
   * @param status the status and reason, e.g. {@code 200 OK}
   * @param headerLines whole header lines, e.g. {@code Content-Type: text/event-stream}
   * @throws IOException if the client is gone
   */
  public void respond(String status, String... headerLines) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
    for (String line : headerLines) {
      head.append(line).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Writes the head of an event stream whose body ends when the connection closes.
   *
   * @throws IOException if the client is gone
   */
  public void streamHead() throws IOException {
    respond("200 OK", "Content-Type: text/event-stream", "Cache-Control: no-cache");
  }

  /**
   * Writes the text, UTF-8 encoded, and flushes it.
   *
   * @param utf8 the text
   * @throws IOException if the client is gone
   */
  public void write(String utf8) throws IOException {
    write(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes the bytes and flushes them.
   *
   * @param bytes the bytes
   * @throws IOException if the client is gone
   */
  public void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  /**
   * Writes part of the array and flushes it.
   *
   * @param bytes the array
   * @param offset where the part starts
   * @param length how long it is
   * @throws IOException if the client is gone
   */
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    out.flush();
    written += length;
  }

  /**
   * Head and body bytes written so far.
   *
   * @return the count
   */
  public long written() {
    return written;
  }

  /**
   * Reads and drops whatever the client sends until it closes its side (or resets); true if it did
   * within the time.
   *
   * @param millis how long to wait
   * @return true if the client closed or reset the connection in time
   * @throws IOException if the socket cannot be read
   */
  public boolean awaitClientClose(long millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    socket.setSoTimeout(20);
    byte[] sink = new byte[1024];
    while (System.nanoTime() < deadline && !server.isClosed()) {
      try {
        if (in.read(sink) == -1) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        if (server.isClosed()) {
          return false;
        }
        return true; // reset by the client
      }
    }
    return false;
  }

  /**
   * Holds the connection until the client closes it (at most a minute).
   *
   * @throws IOException if the socket cannot be read
   */
  public void holdUntilClientCloses() throws IOException {
    awaitClientClose(60_000);
  }

  /** Closes with a FIN. */
  public void close() {
    RawServer.closeQuietly(socket);
  }

  /** Closes with a RST. */
  public void reset() {
    RawServer.reset(socket);
  }

  /**
   * Reads the request body that the {@code Content-Length} header announces (none without one).
   *
   * @return the body
   * @throws IOException if the client closes the connection first, or the length is malformed
   */
  public byte[] readBody() throws IOException {
    String length = header("Content-Length");
    if (length == null) {
      return new byte[0];
    }
    int bytes;
    try {
      bytes = Integer.parseInt(length.trim());
    } catch (NumberFormatException e) {
      throw new IOException("malformed Content-Length: " + length, e);
    }
    byte[] body = in.readNBytes(bytes);
    if (body.length < bytes) {
      throw new IOException("request body cut short: " + body.length + " of " + bytes + " bytes");
    }
    return body;
  }

  @Override
  public String toString() {
    return "Exchange#" + connection + "{" + requestLine + "}";
  }
}
