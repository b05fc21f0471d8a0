package dev.eventsource.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 server on 127.0.0.1 written on a bare {@link ServerSocket}, so that a test controls
 * every byte and exactly where a connection is cut. One thread per connection reads the request
 * head and hands the connection to the test's {@link Handler}; when the handler returns, the server
 * closes the socket (if the handler did not).
 *
 * <p>It counts at the server what the client does with its sockets: connections accepted, requests
 * read, connections closed before a request. A connection is "open" while its handler runs;
 * handlers that hold a connection wait for the client to close it ({@link
 * Exchange#awaitClientClose}), so a client that leaks a socket leaves a connection open here.
 *
 * <p>Thread-safe. Close it after the test: that cuts every connection and fails if a server thread
 * is still running five seconds later.
 */
public final class RawServer implements AutoCloseable {
  /** Serves one request; may keep the connection as long as it likes. */
  public interface Handler {
    /**
     * Answers the request by hand, on the connection's own thread; the server closes the socket
     * when this returns.
     *
     * @param exchange the request and its connection
     * @throws Exception anything but an I/O error is kept in {@link RawServer#failures()}
     */
    void handle(Exchange exchange) throws Exception;
  }

  private final ServerSocket serverSocket;
  private final Handler handler;
  private final ExecutorService threads;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Socket> awaitingRequest = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger noRequest = new AtomicInteger();
  private final AtomicInteger handshakeFailures = new AtomicInteger();
  private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
  private final List<Exchange> allExchanges = Collections.synchronizedList(new ArrayList<>());
  private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean closed;
  private volatile boolean keepExchanges = true;

  private RawServer(ServerSocket serverSocket, Handler handler) {
    this.serverSocket = serverSocket;
    this.handler = handler;
    String name = "raw-server-" + serverSocket.getLocalPort();
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name + "-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts on a free port of 127.0.0.1.
   *
   * @param handler answers each request
   * @return the running server
   * @throws IOException if it cannot bind
   */
  public static RawServer start(Handler handler) throws IOException {
    return start(0, handler);
  }

  /**
   * Starts on the given port of 127.0.0.1, which may have been in use a moment ago.
   *
   * @param port the port, or 0 for any free one
   * @param handler answers each request
   * @return the running server
   * @throws IOException if it cannot bind
   */
  public static RawServer start(int port, Handler handler) throws IOException {
    ServerSocket socket = new ServerSocket();
    return adopt(bind(socket, port), handler);
  }

  /**
   * Starts an https server on a free port of 127.0.0.1.
   *
   * @param context holds the server's key and certificate (see {@link LocalTls#serverContext()})
   * @param handler answers each request
   * @return the running server
   * @throws IOException if it cannot bind
   */
  public static RawServer startTls(SSLContext context, Handler handler) throws IOException {
    ServerSocket socket = context.getServerSocketFactory().createServerSocket();
    return adopt(bind(socket, 0), handler);
  }

  /**
   * Starts accepting on a socket bound elsewhere.
   *
   * @param socket a bound server socket, which the server closes when it closes
   * @param handler answers each request
   * @return the running server
   */
  public static RawServer adopt(ServerSocket socket, Handler handler) {
    return new RawServer(socket, handler);
  }

  private static ServerSocket bind(ServerSocket socket, int port) throws IOException {
    socket.setReuseAddress(true);
    // A deep accept queue: thousands of clients connect in bursts (LeakTest), and connections that
    // overflow a short one are retried by the kernel, reaching the server seconds late.
    socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 4096);
    return socket;
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /**
   * An absolute URI on this server, {@code http} or {@code https} as it was started.
   *
   * @param path the path, starting with {@code /}
   * @return the URI
   */
  public URI uri(String path) {
    String scheme = serverSocket instanceof SSLServerSocket ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + port() + path);
  }

  /**
   * Stops keeping requests for {@link #exchanges()} and {@link #nextExchange}: a run of thousands
   * needs only the counts.
   *
   * @return this server
   */
  public RawServer forgetExchanges() {
    keepExchanges = false;
    return this;
  }

  /**
   * Connections accepted so far.
   *
   * @return the count
   */
  public int accepted() {
    return accepted.get();
  }

  /**
   * Requests read so far.
   *
   * @return the count
   */
  public int requests() {
    return requests.get();
  }

  /**
   * Connections the client closed before sending a whole request.
   *
   * @return the count
   */
  public int closedWithoutRequest() {
    return noRequest.get();
  }

  /**
   * Connections whose TLS handshake failed.
   *
   * @return the count
   */
  public int handshakeFailures() {
    return handshakeFailures.get();
  }

  /**
   * Connections whose handler still runs.
   *
   * @return the count
   */
  public int openConnections() {
    return open.size();
  }

  /**
   * Open connections that have not sent a whole request head yet.
   *
   * @return the count
   */
  public int awaitingRequest() {
    return awaitingRequest.size();
  }

  /**
   * Every request read so far, in the order read.
   *
   * @return a copy
   */
  public List<Exchange> exchanges() {
    synchronized (allExchanges) {
      return new ArrayList<>(allExchanges);
    }
  }

  /**
   * The next request read, in the order read.
   *
   * @param millis how long to wait
   * @return it, or null if none comes in time
   * @throws InterruptedException if interrupted while waiting
   */
  public @Nullable Exchange nextExchange(long millis) throws InterruptedException {
    return exchanges.poll(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until no handler runs.
   *
   * @param millis how long to wait
   * @return true if that happened in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitNoOpenConnections(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!open.isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /**
   * What handlers threw, other than I/O errors (the client going away is normal).
   *
   * @return a copy
   */
  public List<Throwable> failures() {
    synchronized (failures) {
      return new ArrayList<>(failures);
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closing
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops accepting and cuts every connection, as a crashing server would.
   *
   * @throws InterruptedException if interrupted while waiting for the server's threads
   * @throws AssertionError if a server thread still runs five seconds later
   */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    threads.shutdownNow();
    acceptor.join(5_000);
    if (!threads.awaitTermination(5, TimeUnit.SECONDS) || acceptor.isAlive()) {
      throw new AssertionError("server threads still running after close: " + this);
    }
  }

  @Override
  public String toString() {
    return "RawServer{" + uri("/") + ", accepted=" + accepted + ", open=" + open.size() + "}";
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          failures.add(e);
        }
        return;
      }
      int number = accepted.incrementAndGet();
      open.add(socket);
      try {
        threads.execute(() -> serve(socket, number));
      } catch (RuntimeException rejected) {
        open.remove(socket);
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket, int number) {
    try {
      socket.setTcpNoDelay(true);
      awaitingRequest.add(socket);
      Exchange exchange;
      try {
        exchange = Exchange.read(this, socket, number);
      } finally {
        awaitingRequest.remove(socket);
      }
      if (exchange == null) {
        noRequest.incrementAndGet();
      } else {
        requests.incrementAndGet();
        if (keepExchanges) {
          allExchanges.add(exchange);
          exchanges.add(exchange);
        }
        handler.handle(exchange);
      }
    } catch (SSLException e) {
      handshakeFailures.incrementAndGet();
    } catch (IOException e) {
      // The client went away, or a handler cut the connection on purpose.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      if (!closed) {
        failures.add(e);
      }
    } finally {
      closeQuietly(socket);
      open.remove(socket);
    }
  }

  /**
   * Closes the socket with a FIN, ignoring any error.
   *
   * @param socket the socket
   */
  public static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException | RuntimeException ignored) {
      // already gone
    }
  }

  /**
   * Resets instead of closing: the peer gets a RST, and may lose bytes it had not read yet.
   *
   * @param socket the socket
   */
  public static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException ignored) {
      // already closed
    }
    closeQuietly(socket);
  }
}
