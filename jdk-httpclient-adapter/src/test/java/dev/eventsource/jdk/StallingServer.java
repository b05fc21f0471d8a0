package dev.eventsource.jdk;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection HTTP/1.1 server on 127.0.0.1 that holds back the response headers for a while
 * and watches the socket, to tell whether (and when) the client closed it: while waiting to send
 * the headers, or later while streaming an endless chunked body.
 */
final class StallingServer implements Closeable {
  final CountDownLatch requestRead = new CountDownLatch(1);
  final CountDownLatch clientGone = new CountDownLatch(1);
  volatile boolean goneBeforeHeaders;

  private final ServerSocket serverSocket;
  private final long headersDelayMillis;

  StallingServer(long headersDelayMillis) throws IOException {
    this.headersDelayMillis = headersDelayMillis;
    this.serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread thread = new Thread(this::serve, "StallingServer");
    thread.setDaemon(true);
    thread.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + path);
  }

  boolean awaitClientGone(long seconds) throws InterruptedException {
    return clientGone.await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
  }

  private void serve() {
    try (Socket socket = serverSocket.accept()) {
      InputStream in = socket.getInputStream();
      readRequestHead(in);
      requestRead.countDown();
      socket.setSoTimeout(20);
      if (closedWithin(in, headersDelayMillis)) {
        goneBeforeHeaders = true;
        clientGone.countDown();
        return;
      }
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 1500; i++) { // 30 s at most
        out.write("2\r\n:\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (closedWithin(in, 0)) {
          break;
        }
      }
      clientGone.countDown();
    } catch (IOException e) {
      clientGone.countDown(); // a write failed: the client is gone
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("request cut short");
      }
      head.write(b);
    }
  }

  /** Reads (and drops) what comes for the given time; true once the client closed its side. */
  private static boolean closedWithin(InputStream in, long millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    do {
      try {
        if (in.read() == -1) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // nothing yet
      }
    } while (System.nanoTime() < deadline);
    return false;
  }
}
