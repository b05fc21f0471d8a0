package dev.eventsource.okhttp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketHandler;
import okio.BufferedSink;
import okio.Okio;
import okio.Socket;

/**
 * A chunked response body the test writes step by step, with a flush after each chunk, as an
 * event-stream server does. The test also learns when the client closed the connection.
 */
final class ScriptedStream implements SocketHandler {
  private interface Step {
    /** Runs the step; returns false to end the script. */
    boolean run(BufferedSink sink, Socket socket) throws IOException, InterruptedException;
  }

  private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch clientClosed = new CountDownLatch(1);

  /** A 200 text/event-stream response whose body this script writes. */
  MockResponse response() {
    return new MockResponse.Builder()
        .removeHeader("Content-Length")
        .addHeader("Transfer-Encoding", "chunked")
        .addHeader("Content-Type", "text/event-stream")
        .socketHandler(this)
        .build();
  }

  /** Writes one HTTP chunk and flushes it. */
  ScriptedStream send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes one HTTP chunk and flushes it. */
  ScriptedStream send(byte[] bytes) {
    steps.add(
        (sink, socket) -> {
          sink.writeHexadecimalUnsignedLong(bytes.length).writeUtf8("\r\n");
          sink.write(bytes).writeUtf8("\r\n").flush();
          return true;
        });
    return this;
  }

  /** Stays silent for a while. */
  ScriptedStream pause(long millis) {
    steps.add(
        (sink, socket) -> {
          Thread.sleep(millis);
          return true;
        });
    return this;
  }

  /** Ends the body normally (the last, empty chunk). */
  ScriptedStream end() {
    steps.add(
        (sink, socket) -> {
          sink.writeUtf8("0\r\n\r\n").flush();
          return false;
        });
    return this;
  }

  /** Closes the connection in the middle of the body. */
  ScriptedStream disconnect() {
    steps.add(
        (sink, socket) -> {
          socket.cancel();
          return false;
        });
    return this;
  }

  /** Reads until the client closes the connection, then releases {@link #awaitClientClosed}. */
  ScriptedStream watchForClientClose() {
    steps.add(
        (sink, socket) -> {
          try {
            Okio.buffer(socket.getSource()).exhausted();
          } catch (IOException closedByPeer) {
            // a reset is a close too
          }
          clientClosed.countDown();
          return false;
        });
    return this;
  }

  /** Ends the script wherever it is, so the server thread is free to shut down. */
  void stop() {
    steps.add((sink, socket) -> false);
  }

  boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
    return started.await(timeout, unit);
  }

  boolean awaitClientClosed(long timeout, TimeUnit unit) throws InterruptedException {
    return clientClosed.await(timeout, unit);
  }

  @Override
  public void handle(Socket socket) {
    started.countDown();
    BufferedSink sink = Okio.buffer(socket.getSink());
    try {
      while (true) {
        Step step = steps.poll(30, TimeUnit.SECONDS);
        if (step == null || !step.run(sink, socket)) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      clientClosed.countDown(); // writing failed: the client is gone
    }
  }
}
