package dev.eventsource.benchmarks.loopback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Just enough HTTP/1.1 for the benchmark servers: read a request head, write a chunked stream. */
public final class Http1 {
  /** The response head every benchmark server sends: an event stream in chunked encoding. */
  public static final byte[] STREAM_HEAD =
      ("HTTP/1.1 200 OK\r\n"
              + "Content-Type: text/event-stream\r\n"
              + "Cache-Control: no-cache\r\n"
              + "Transfer-Encoding: chunked\r\n"
              + "Connection: close\r\n"
              + "\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  /** The last chunk and the empty trailer that end a chunked body. */
  public static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private Http1() {}

  /**
   * Reads up to and including the blank line that ends a request head; the request has no body.
   *
   * @param in the connection's input
   * @return false if the connection ended first
   * @throws IOException if reading fails
   */
  public static boolean readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while ((b = in.read()) != -1) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes one chunk of the chunked transfer coding into {@code out}.
   *
   * @param out where the chunk goes
   * @param bytes the array holding the data
   * @param offset where the data starts
   * @param length how many bytes; positive
   */
  public static void chunk(ByteArrayOutputStream out, byte[] bytes, int offset, int length) {
    byte[] size = (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    out.write(size, 0, size.length);
    out.write(bytes, offset, length);
    out.write('\r');
    out.write('\n');
  }

  /**
   * The whole response for a corpus: head, the body in 8 KiB chunks, the last chunk.
   *
   * @param body the event stream
   * @return the bytes to write
   */
  public static byte[] response(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 512 + 256);
    out.write(STREAM_HEAD, 0, STREAM_HEAD.length);
    for (int position = 0; position < body.length; position += 8192) {
      chunk(out, body, position, Math.min(8192, body.length - position));
    }
    out.write(LAST_CHUNK, 0, LAST_CHUNK.length);
    return out.toByteArray();
  }
}
