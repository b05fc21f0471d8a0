package dev.eventsource.reactive;

import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.RawServer;
import java.io.IOException;
import java.net.URI;

/**
 * This module's routes over the shared {@link RawServer} on 127.0.0.1: {@code /events?n=N} sends
 * events {@code data: 0} … {@code data: N-1} and ends the response; without {@code n} it sends
 * until the client goes away. {@code /status/C} answers with status C. {@link #streaming()} counts
 * the responses still being written, so a test can see a cancelled subscription free its
 * connection.
 */
final class SseServer implements AutoCloseable {
  private final RawServer server;

  SseServer() throws IOException {
    server = RawServer.start(SseServer::answer);
  }

  URI url(String pathAndQuery) {
    return server.uri(pathAndQuery);
  }

  /** Responses being written now. */
  int streaming() {
    return server.openConnections();
  }

  private static void answer(Exchange exchange) throws IOException {
    String target = exchange.requestLine.split(" ")[1];
    if (target.startsWith("/status/")) {
      exchange.respond(target.substring(8) + " Status", "Content-Length: 0");
      return;
    }
    int query = target.indexOf("?n=");
    long n = query < 0 ? Long.MAX_VALUE : Long.parseLong(target.substring(query + 3));
    exchange.streamHead();
    for (long i = 0; i < n; i++) {
      exchange.write("data: " + i + "\n\n");
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.close();
  }
}
