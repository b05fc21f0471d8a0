package dev.eventsource.benchmarks.loopback;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server that answers every request with the same prepared response, written in large
 * writes so that the server costs as little as the kernel allows, then ends the connection.
 */
public final class CorpusServer implements Closeable {
  private final byte[] response;
  private final ServerSocket serverSocket;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "corpus-server");
            t.setDaemon(true);
            return t;
          });

  private CorpusServer(byte[] response) throws IOException {
    this.response = response;
    this.serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    connections.execute(this::acceptLoop);
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param body the event stream each request receives
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static CorpusServer start(byte[] body) throws IOException {
    return new CorpusServer(Http1.response(body));
  }

  /**
   * The stream's URL.
   *
   * @return {@code http://127.0.0.1:PORT/stream}
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/stream");
  }

  /**
   * The bytes each connection receives, head and chunk framing included.
   *
   * @return the response length
   */
  public int responseLength() {
    return response.length;
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        connections.execute(() -> serve(socket));
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
      socket.getOutputStream().write(response);
      socket.shutdownOutput();
      // Wait for the client to close, so that unread request bytes never turn the close into a
      // reset that could cut the response short.
      socket.setSoTimeout(30_000);
      while (in.read() != -1) {
        // discard
      }
    } catch (IOException e) {
      // the client went away: its benchmark reports it
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
    connections.shutdownNow();
  }
}
