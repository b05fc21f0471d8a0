package dev.eventsource.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketHandler;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import okio.Socket;

/**
 * One streamed MockWebServer response, written step by step on the server's thread for this
 * connection: each {@link #send} is one HTTP/1.1 chunk (or, without chunking, one write), flushed
 * at once. Steps can be added while the response is being written; when the steps run out the
 * script waits for more (at most a minute), so the stream stays open until {@link #end}, {@link
 * #drop} or {@link #stop}.
 *
 * <p>The step methods are thread-safe, return this script for chaining, and only queue the step: it
 * runs once the client has connected and every step before it has run. {@link
 * SseTestServer#stream()} makes a script and queues its response; {@link #response()} is for a
 * MockWebServer of the test's own.
 */
public final class StreamScript implements SocketHandler {
  private interface Step {
    /** Runs one step; false ends the response (the script returns the socket to the server). */
    boolean run(BufferedSink sink, Socket socket) throws IOException, InterruptedException;
  }

  private static final Step STOP = (sink, socket) -> false;

  private final String contentType;
  private final boolean chunked;
  private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
  private final CountDownLatch clientGone = new CountDownLatch(1);

  /**
   * A script for a chunked body, or for a body delimited by closing the connection (HTTP/1.1
   * without Content-Length or Transfer-Encoding), where {@link #end} closes the connection.
   *
   * @param contentType the response's Content-Type
   * @param chunked true for {@code Transfer-Encoding: chunked}, false for a body that the end of
   *     the connection delimits
   */
  public StreamScript(String contentType, boolean chunked) {
    this.contentType = contentType;
    this.chunked = chunked;
  }

  /**
   * The response to queue on a MockWebServer: status 200, the content type, the framing, and this
   * script as the body.
   *
   * @return the response
   */
  public MockResponse response() {
    MockResponse.Builder builder =
        new MockResponse.Builder()
            .setHeader("Content-Type", contentType)
            .removeHeader("Content-Length")
            .socketHandler(this);
    if (chunked) {
      builder.setHeader("Transfer-Encoding", "chunked");
    } else {
      builder.setHeader("Connection", "close");
    }
    return builder.build();
  }

  /**
   * Writes the text, UTF-8 encoded, as one HTTP chunk and flushes it to the socket.
   *
   * @param text the bytes to write, as they are (no SSE framing is added)
   * @return this script
   */
  public StreamScript send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes the bytes as one HTTP chunk and flushes it to the socket.
   *
   * @param bytes the bytes to write
   * @return this script
   */
  public StreamScript send(byte[] bytes) {
    steps.add(
        (sink, socket) -> {
          writeChunk(sink, bytes);
          return true;
        });
    return this;
  }

  /**
   * An event of type {@code message}: one {@code data:} line per line of the data, then a blank
   * line, in one chunk.
   *
   * @param data the data; each LF starts another {@code data:} line
   * @return this script
   */
  public StreamScript event(String data) {
    return send(dataLines(data) + "\n");
  }

  /**
   * An event with a type and an ID, in one chunk.
   *
   * @param type the {@code event:} field
   * @param data the data; each LF starts another {@code data:} line
   * @param id the {@code id:} field
   * @return this script
   */
  public StreamScript event(String type, String data, String id) {
    return send("event: " + type + "\nid: " + id + "\n" + dataLines(data) + "\n");
  }

  /**
   * A comment line ({@code :text}), which keeps a connection alive and dispatches nothing.
   *
   * @param text the comment
   * @return this script
   */
  public StreamScript comment(String text) {
    return send(":" + text + "\n");
  }

  /**
   * A {@code retry:} field: the source's reconnection time from now on.
   *
   * @param millis the reconnection time in milliseconds
   * @return this script
   */
  public StreamScript retry(long millis) {
    return send("retry: " + millis + "\n");
  }

  private static String dataLines(String data) {
    StringBuilder lines = new StringBuilder();
    for (String line : data.split("\n", -1)) {
      lines.append("data: ").append(line).append('\n');
    }
    return lines.toString();
  }

  /**
   * Stays silent for a while.
   *
   * @param millis how long
   * @return this script
   */
  public StreamScript pause(long millis) {
    steps.add(
        (sink, socket) -> {
          Thread.sleep(millis);
          return true;
        });
    return this;
  }

  /**
   * Ends the body properly: the last, empty chunk, after which the connection stays open for reuse;
   * or, without chunking, closing the connection.
   *
   * @return this script
   */
  public StreamScript end() {
    steps.add(
        (sink, socket) -> {
          if (chunked) {
            sink.writeUtf8("0\r\n\r\n").flush();
          } else {
            socket.cancel();
          }
          return false;
        });
    return this;
  }

  /**
   * Cuts the connection in the middle of the body, as a crashing server or a network does.
   *
   * @return this script
   */
  public StreamScript drop() {
    steps.add(
        (sink, socket) -> {
          socket.cancel();
          return false;
        });
    return this;
  }

  /**
   * Reads until the client closes the connection, then {@link #awaitClientGone} returns true.
   *
   * @return this script
   */
  public StreamScript awaitClientClose() {
    steps.add(
        (sink, socket) -> {
          BufferedSource source = Okio.buffer(socket.getSource());
          while (!source.exhausted()) {
            source.skip(source.getBuffer().size());
          }
          clientGone.countDown();
          return false;
        });
    return this;
  }

  /**
   * Sends the text as a chunk every {@code periodMillis} until a write fails because the client
   * closed the connection; {@link #awaitClientGone} then returns true.
   *
   * @param text the chunk
   * @param periodMillis the time between chunks
   * @return this script
   */
  public StreamScript repeatUntilClientGone(String text, long periodMillis) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    steps.add(
        (sink, socket) -> {
          while (true) {
            writeChunk(sink, bytes); // throws once the client is gone
            Thread.sleep(periodMillis);
          }
        });
    return this;
  }

  /**
   * Sends the bytes as a chunk again and again, {@code times} times in all, made as they go rather
   * than held; {@code written} counts the bytes the client's socket took. Stops early, with {@link
   * #awaitClientGone} then true, once the client closed the connection.
   *
   * @param bytes the chunk
   * @param times how many times to send it
   * @param written counts the bytes written
   * @return this script
   */
  public StreamScript repeat(byte[] bytes, long times, AtomicLong written) {
    steps.add(
        (sink, socket) -> {
          for (long i = 0; i < times; i++) {
            writeChunk(sink, bytes); // blocks while the client does not read; throws once it left
            written.addAndGet(bytes.length);
          }
          return true;
        });
    return this;
  }

  /**
   * Waits until the client has closed the connection (seen by {@link #awaitClientClose}, or by a
   * write that failed).
   *
   * @param timeout how long to wait
   * @param unit the unit of the timeout
   * @return true if the client left in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitClientGone(long timeout, TimeUnit unit) throws InterruptedException {
    return clientGone.await(timeout, unit);
  }

  /** Ends the script wherever it waits, so that the server can shut down. */
  public void stop() {
    steps.add(STOP);
  }

  /**
   * Runs the script on MockWebServer's thread for the connection; not for tests to call.
   *
   * @param socket the connection, after the response head
   */
  @Override
  public void handle(Socket socket) {
    BufferedSink sink = Okio.buffer(socket.getSink());
    try {
      sink.flush(); // the status line and headers go out before any body
      while (true) {
        Step step = steps.poll(60, TimeUnit.SECONDS);
        if (step == null || !step.run(sink, socket)) {
          return;
        }
      }
    } catch (IOException e) {
      clientGone.countDown(); // a read or write failed: the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeChunk(BufferedSink sink, byte[] bytes) throws IOException {
    if (chunked) {
      sink.writeHexadecimalUnsignedLong(bytes.length).writeUtf8("\r\n");
      sink.write(bytes).writeUtf8("\r\n").flush();
    } else {
      sink.write(bytes).flush();
    }
  }
}
