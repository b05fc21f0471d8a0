package dev.eventsource.testing.suite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.RecordingListener;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12 on 127.0.0.1 serving event streams from a plain {@link Handler.Abstract}: each {@link
 * Writer#send} is one {@code Response.write} whose callback is awaited, so every event is on the
 * wire before the next is written (chunked on HTTP/1.1, DATA frames on HTTP/2). Two connectors: one
 * that speaks only HTTP/1.1, and one that also speaks cleartext HTTP/2, by prior knowledge or by
 * h2c upgrade. Replies are used in order; a request that finds none gets 204.
 */
final class JettySseServer implements AutoCloseable {
  /** Writes one response's body; returning ends the body normally. */
  interface Reply {
    void write(Writer out) throws Exception;
  }

  /** One request as the server saw it. */
  record Seen(String target, String version, String remote, @Nullable String lastEventId) {}

  /** The body of one response. */
  static final class Writer {
    private final Response response;

    private Writer(Response response) {
      this.response = response;
    }

    /** Writes the text and waits until Jetty has written it to the connection. */
    void send(String text) throws Exception {
      FutureCallback written = new FutureCallback();
      response.write(false, ByteBuffer.wrap(text.getBytes(UTF_8)), written);
      written.get(5, TimeUnit.SECONDS);
    }

    /** Sends the text every {@code periodMillis} until a write fails: the client went away. */
    void repeatUntilClientGone(String text, long periodMillis) throws InterruptedException {
      try {
        while (true) {
          send(text);
          Thread.sleep(periodMillis);
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception clientGone) {
        // the stream was reset or the connection closed
      }
    }
  }

  private final Server server = new Server();
  private final ServerConnector http1;
  private final ServerConnector h2c;
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final BlockingQueue<Seen> requests = new LinkedBlockingQueue<>();

  JettySseServer() throws Exception {
    HttpConfiguration config = new HttpConfiguration();
    http1 = connector(new HttpConnectionFactory(config));
    h2c = connector(new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            serve(request, response, callback);
            return true;
          }
        });
    server.start();
  }

  private ServerConnector connector(org.eclipse.jetty.server.ConnectionFactory... factories) {
    ServerConnector connector = new ServerConnector(server, factories);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    return connector;
  }

  private void serve(Request request, Response response, Callback callback) {
    requests.add(
        new Seen(
            request.getHttpURI().getPathQuery(),
            request.getConnectionMetaData().getHttpVersion().asString(),
            Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request),
            request.getHeaders().get("Last-Event-ID")));
    Reply reply = replies.poll();
    if (reply == null) {
      response.setStatus(204);
      callback.succeeded();
      return;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    try {
      reply.write(new Writer(response));
      response.write(true, ByteBuffer.allocate(0), callback);
    } catch (Throwable t) {
      callback.failed(t);
    }
  }

  /** A URL on the connector that speaks only HTTP/1.1. */
  String http1Url(String path) {
    return "http://127.0.0.1:" + http1.getLocalPort() + path;
  }

  /** A URL on the connector that also speaks cleartext HTTP/2. */
  String h2cUrl(String path) {
    return "http://127.0.0.1:" + h2c.getLocalPort() + path;
  }

  void reply(Reply reply) {
    replies.add(reply);
  }

  Seen takeRequest() throws InterruptedException {
    Seen seen = requests.poll(RecordingListener.WAIT_MILLIS, TimeUnit.MILLISECONDS);
    assertThat(seen).as("a request to Jetty within 5 s").isNotNull();
    return seen;
  }

  @Nullable Seen pollRequest(long millis) throws InterruptedException {
    return requests.poll(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
