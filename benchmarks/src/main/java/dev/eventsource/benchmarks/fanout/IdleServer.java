package dev.eventsource.benchmarks.fanout;

import dev.eventsource.benchmarks.loopback.Http1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A one-thread NIO server for the fan-out runs, started in its own process so that its sockets and
 * threads do not count against the client's: it answers each request with the stream head and one
 * event, then holds the connection open and silent. Prints {@code PORT n} once listening; exits
 * when its standard input closes.
 */
public final class IdleServer {
  private IdleServer() {}

  /**
   * Serves until standard input closes.
   *
   * @param args unused
   * @throws IOException if the server cannot listen
   */
  public static void main(String[] args) throws IOException {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    first.write(Http1.STREAM_HEAD, 0, Http1.STREAM_HEAD.length);
    byte[] hello = "data: hello\n\n".getBytes(StandardCharsets.US_ASCII);
    Http1.chunk(first, hello, 0, hello.length);
    byte[] response = first.toByteArray();

    Selector selector = Selector.open();
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    System.out.println("PORT " + server.socket().getLocalPort());
    System.out.flush();
    Thread exitOnEof =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // the parent holds our stdin open while it needs us
                }
              } catch (IOException e) {
                // fall through
              }
              System.exit(0);
            });
    exitOnEof.setDaemon(true);
    exitOnEof.start();

    ByteBuffer scratch = ByteBuffer.allocate(4096);
    while (true) {
      selector.select();
      for (SelectionKey key : selector.selectedKeys()) {
        if (key.isAcceptable()) {
          for (SocketChannel c; (c = server.accept()) != null; ) {
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, new int[] {0});
          }
        } else if (key.isReadable()) {
          read((SocketChannel) key.channel(), key, scratch, response);
        }
      }
      selector.selectedKeys().clear();
    }
  }

  /** Reads a request head; answers once it ends; closes when the client does. */
  private static void read(SocketChannel c, SelectionKey key, ByteBuffer scratch, byte[] response)
      throws IOException {
    int[] matched = (int[]) key.attachment();
    scratch.clear();
    int n;
    try {
      n = c.read(scratch);
    } catch (IOException reset) {
      n = -1;
    }
    if (n == -1) {
      key.cancel();
      c.close();
      return;
    }
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int i = 0; i < n && matched[0] < 4; i++) {
      byte b = scratch.get(i);
      matched[0] = b == end[matched[0]] ? matched[0] + 1 : (b == '\r' ? 1 : 0);
      if (matched[0] == 4) {
        // The head and one small chunk fit in any socket buffer: one write sends them all.
        c.write(ByteBuffer.wrap(response));
      }
    }
  }
}
