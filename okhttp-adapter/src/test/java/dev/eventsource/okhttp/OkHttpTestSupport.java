package dev.eventsource.okhttp;

import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.testing.StreamScript;
import dev.eventsource.transport.Connection;
import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;

/** Servers on 127.0.0.1 only, a transport, and clean-up of everything a test opened. */
abstract class OkHttpTestSupport {
  final OkHttpClient userClient = new OkHttpClient();
  final OkHttpTransport transport = OkHttpTransport.create(userClient);
  final RecordingHandler handler = new RecordingHandler();

  private final List<MockWebServer> servers = new ArrayList<>();
  private final List<StreamScript> streams = new ArrayList<>();
  private final List<Connection> connections = new ArrayList<>();

  /** Starts a new server; two servers have different ports, so different origins. */
  MockWebServer startServer() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    servers.add(server);
    return server;
  }

  static URI uri(MockWebServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  static TransportRequest get(MockWebServer server, String path) {
    return TransportRequest.builder(uri(server, path)).build();
  }

  StreamScript stream() {
    StreamScript stream = new StreamScript("text/event-stream", true);
    streams.add(stream);
    return stream;
  }

  Connection open(TransportRequest request) {
    return open(transport, request, handler);
  }

  Connection open(OkHttpTransport through, TransportRequest request, RecordingHandler to) {
    Connection connection = through.open(request, to);
    synchronized (connections) {
      connections.add(connection);
    }
    return connection;
  }

  @AfterEach
  void releaseEverything() {
    synchronized (connections) {
      for (Connection connection : connections) {
        connection.cancel();
      }
    }
    for (StreamScript stream : streams) {
      stream.stop();
    }
    for (MockWebServer server : servers) {
      server.close();
    }
    handler.assertNoViolations();
  }
}
