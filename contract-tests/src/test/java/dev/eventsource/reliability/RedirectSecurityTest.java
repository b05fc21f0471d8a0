package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.ConnectionFailedException;
import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.ReadyState;
import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.LocalTls;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Credentials and redirects: {@code Authorization}, {@code Cookie} and a header marked sensitive go
 * to the origin the source was built for, and to no other origin a redirect leads to (two servers
 * on two ports are two origins), unless {@code withCredentials}. A redirect from https to http is
 * refused.
 */
class RedirectSecurityTest extends ReliabilityTest {
  static final String[] SENSITIVE = {"Authorization", "Cookie", Secrets.API_KEY_HEADER};
  private static LocalTls tls;

  @BeforeAll
  static void makeCertificate() {
    tls = LocalTls.create();
  }

  static List<Arguments> redirects() {
    List<Arguments> cases = new ArrayList<>();
    for (Adapter adapter : Adapter.values()) {
      for (int status : new int[] {301, 302, 303, 307, 308}) {
        cases.add(Arguments.of(adapter, status));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("redirects")
  void credentialsStayWithTheirOrigin(Adapter adapter, int status) throws Exception {
    AtomicInteger originPort = new AtomicInteger();
    RawServer other =
        serve(
            exchange -> {
              if (exchange.requestLine.contains("/hop ")) {
                redirect(exchange, status, "http://127.0.0.1:" + originPort + "/final-back");
              } else {
                stream(exchange);
              }
            });
    RawServer origin = serve(exchange -> route(exchange, status, other));
    originPort.set(origin.port());

    List<String> leaked = new ArrayList<>();
    for (boolean withCredentials : new boolean[] {false, true}) {
      for (String path : List.of("/cross", "/same", "/there-and-back")) {
        RecordingListener recorder = Secrets.recorder();
        EventSource source =
            open(
                builder(adapter, origin.uri(path), recorder)
                    .header("X-Trace", "trace-1")
                    .withCredentials(withCredentials));
        recorder.next(RecordingListener.Kind.OPEN, WAIT_MILLIS);
        assertThat(recorder.takeMessage(WAIT_MILLIS).data()).isEqualTo("redirected");
        source.close();
      }
      Exchange cross = other.nextExchange(WAIT_MILLIS);
      Exchange same = finalRequest(origin, "/final-same");
      Exchange hop = other.nextExchange(WAIT_MILLIS);
      Exchange back = finalRequest(origin, "/final-back");
      for (Exchange exchange : List.of(cross, same, hop, back)) {
        assertThat(exchange.header("X-Trace")).as("%s", exchange).isEqualTo("trace-1");
      }
      for (String name : SENSITIVE) {
        assertThat(same.header(name)).as("%s after a same-origin redirect", name).isNotNull();
        for (Exchange away : List.of(cross, hop, back)) {
          if (withCredentials) {
            assertThat(away.header(name)).as("%s with credentials: %s", name, away).isNotNull();
          } else if (away.header(name) != null) {
            leaked.add(name + " reached " + away);
          }
        }
      }
    }
    assertThat(leaked).as("sensitive headers sent to another origin").isEmpty();
    Figures.print(
        "redirect-credentials",
        adapter,
        "%d: 3 sensitive headers kept from the other origin (and back at the first origin after a"
            + " hop there) without credentials, sent with them; kept on a same-origin redirect",
        status);
  }

  private static Exchange finalRequest(RawServer server, String path) throws Exception {
    Exchange exchange;
    do {
      exchange = server.nextExchange(WAIT_MILLIS);
      assertThat(exchange).as("request for %s", path).isNotNull();
    } while (!exchange.requestLine.contains(path + " "));
    return exchange;
  }

  private static void route(Exchange exchange, int status, RawServer other) throws Exception {
    String path = exchange.requestLine.split(" ")[1];
    switch (path) {
      case "/cross" -> redirect(exchange, status, other.uri("/final-cross").toString());
      case "/same" -> redirect(exchange, status, "/final-same");
      case "/there-and-back" -> redirect(exchange, status, other.uri("/hop").toString());
      default -> stream(exchange);
    }
  }

  private static void redirect(Exchange exchange, int status, String location) throws Exception {
    exchange.respond(status + " Redirect", "Location: " + location, "Content-Length: 0");
  }

  private static void stream(Exchange exchange) throws Exception {
    exchange.streamHead();
    exchange.write("data: redirected\n\n");
    exchange.holdUntilClientCloses();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void redirectFromHttpsToHttpIsRefused(Adapter adapter) throws Exception {
    RawServer plain = serve(RedirectSecurityTest::stream);
    RawServer secure =
        track(
            RawServer.startTls(
                tls.serverContext(),
                exchange -> redirect(exchange, 302, plain.uri("/downgraded").toString())));
    RecordingListener recorder = Secrets.recorder();
    EventSource.Builder builder =
        Secrets.addTo(recorder.attach(EventSource.builder(secure.uri("/"), adapter.trusting(tls))));
    open(builder.retryPolicy(noBackoff(60_000)));

    RecordingListener.Callback failure = recorder.next(RecordingListener.Kind.ERROR, WAIT_MILLIS);
    // A network error reconnects; a transport may also judge a retry futile and close (D8).
    assertThat(failure.state()).isIn(ReadyState.CONNECTING, ReadyState.CLOSED);
    EventSourceException error = failure.error();
    assertThat(error).isInstanceOf(ConnectionFailedException.class);
    assertThat(error).hasCauseInstanceOf(ProtocolException.class);
    assertThat(error.getCause()).hasMessageContaining("from https to http");
    Thread.sleep(200);
    assertThat(plain.requests()).as("requests that reached the http server").isZero();
    assertThat(secure.requests()).as("requests to the https server").isEqualTo(1);
    Figures.print(
        "https-to-http",
        adapter,
        "refused (readyState %s): \"%s\"",
        failure.state(),
        error.getMessage());
  }
}
