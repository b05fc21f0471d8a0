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
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS verification is the client's, untouched: a server with a self-signed certificate is refused
 * by a transport over a default client, and works once the client trusts that certificate.
 */
class TlsTest extends ReliabilityTest {
  private static LocalTls tls;

  @BeforeAll
  static void makeCertificate() {
    tls = LocalTls.create();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void untrustedCertificateIsRefusedByDefault(Adapter adapter) throws Exception {
    RawServer server = track(RawServer.startTls(tls.serverContext(), TlsTest::stream));
    RecordingListener recorder = Secrets.recorder();
    open(builder(adapter, server.uri("/"), recorder).retryPolicy(noBackoff(60_000)));

    RecordingListener.Callback failure = recorder.next(RecordingListener.Kind.ERROR, WAIT_MILLIS);
    // A network error reconnects; a transport may also judge a retry futile and close (D8).
    assertThat(failure.state()).isIn(ReadyState.CONNECTING, ReadyState.CLOSED);
    EventSourceException error = failure.error();
    assertThat(error).isInstanceOf(ConnectionFailedException.class);
    assertThat(error).hasCauseInstanceOf(SSLException.class);
    assertThat(server.requests()).as("requests read by the server").isZero();
    Figures.print(
        "tls",
        adapter,
        "self-signed server refused (readyState %s): \"%s\"",
        failure.state(),
        error.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void trustedCertificateWorks(Adapter adapter) throws Exception {
    RawServer server = track(RawServer.startTls(tls.serverContext(), TlsTest::stream));
    RecordingListener recorder = Secrets.recorder();
    open(
        Secrets.addTo(
            recorder.attach(EventSource.builder(server.uri("/"), adapter.trusting(tls)))));

    recorder.next(RecordingListener.Kind.OPEN, WAIT_MILLIS);
    assertThat(recorder.takeMessage(WAIT_MILLIS).origin())
        .isEqualTo("https://127.0.0.1:" + server.port());
  }

  private static void stream(Exchange exchange) throws Exception {
    exchange.streamHead();
    exchange.write("data: secure\n\n");
    exchange.holdUntilClientCloses();
  }
}
