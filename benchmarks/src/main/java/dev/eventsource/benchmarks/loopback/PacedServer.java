package dev.eventsource.benchmarks.loopback;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback server for the latency run: to each connection it writes {@code count} events at a
 * fixed rate, each its own chunk carrying {@link System#nanoTime()} read just before the write, so
 * a listener in the same JVM can tell how long the event took from the server's write to it.
 */
public final class PacedServer implements Closeable {
  private final ServerSocket serverSocket;
  private final int count;
  private final long intervalNanos;

  private PacedServer(int count, int eventsPerSecond) throws IOException {
    this.count = count;
    this.intervalNanos = 1_000_000_000L / eventsPerSecond;
    this.serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::acceptLoop, "paced-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts the server on a free loopback port.
   *
   * @param count events per connection
   * @param eventsPerSecond the rate
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static PacedServer start(int count, int eventsPerSecond) throws IOException {
    return new PacedServer(count, eventsPerSecond);
  }

  /**
   * The stream's URL.
   *
   * @return {@code http://127.0.0.1:PORT/paced}
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/paced");
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        Thread t = new Thread(() -> serve(socket), "paced-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      if (!Http1.readRequestHead(in)) {
        return;
      }
      OutputStream out = socket.getOutputStream();
      out.write(Http1.STREAM_HEAD);
      ByteArrayOutputStream chunk = new ByteArrayOutputStream(64);
      long next = System.nanoTime();
      for (int i = 0; i < count; i++) {
        next += intervalNanos;
        for (long wait; (wait = next - System.nanoTime()) > 0; ) {
          LockSupport.parkNanos(wait);
        }
        chunk.reset();
        byte[] event = ("data: " + System.nanoTime() + "\n\n").getBytes(StandardCharsets.US_ASCII);
        Http1.chunk(chunk, event, 0, event.length);
        chunk.writeTo(out);
      }
      out.write(Http1.LAST_CHUNK);
      socket.shutdownOutput();
      socket.setSoTimeout(30_000);
      while (in.read() != -1) {
        // wait for the client to close
      }
    } catch (IOException e) {
      // the client went away; the run reports what it received
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
  }
}
