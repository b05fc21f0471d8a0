package dev.eventsource.testing.suite;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventsource.ConnectionFailedException;
import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.ReadyState;
import dev.eventsource.StreamEndedException;
import dev.eventsource.testing.suite.JettySseServer.Seen;
import dev.eventsource.transport.Transport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second, real server nobody here wrote: Jetty 12 writing each event with its own flushed write.
 * Exercises chunked transfer and connection reuse across reconnections on HTTP/1.1, and the same
 * over cleartext HTTP/2 where the adapter's client speaks it.
 */
abstract class JettyContract extends ContractBase {
  private JettySseServer jetty;

  @BeforeEach
  void startJetty() throws Exception {
    jetty = closeLater(new JettySseServer());
  }

  private Transport h2c() {
    Transport transport = h2cTransport();
    assumeTrue(transport != null, "the adapter's client speaks no cleartext HTTP/2");
    return transport;
  }

  @Test
  void http11StreamsEachEventAsWrittenAndReusesTheConnectionOnReconnect() throws Exception {
    Seen[] seen = streamEndAndReconnect(jetty.http1Url("/events"), transport());
    assertThat(seen[0].version()).isEqualTo("HTTP/1.1");
    assertThat(seen[1].version()).isEqualTo("HTTP/1.1");
    assertThat(seen[1].remote()).as("keep-alive: the same connection").isEqualTo(seen[0].remote());
  }

  @Test
  void http2StreamsEachEventAsWrittenAndReconnectsOnTheSameConnection() throws Exception {
    Seen[] seen = streamEndAndReconnect(jetty.h2cUrl("/events"), h2c());
    assertThat(seen[0].version()).isEqualTo("HTTP/2.0");
    assertThat(seen[1].version()).isEqualTo("HTTP/2.0");
    assertThat(seen[1].remote()).as("one HTTP/2 connection").isEqualTo(seen[0].remote());
  }

  @Test
  void http11CloseDuringStreamReleasesTheConnection() throws Exception {
    closeDuringStream(jetty.http1Url("/events"), transport(), "HTTP/1.1");
  }

  @Test
  void http2CloseDuringStreamResetsTheStream() throws Exception {
    closeDuringStream(jetty.h2cUrl("/events"), h2c(), "HTTP/2.0");
  }

  @Test
  void http11ResponseAbortedByTheServerReconnects() throws Exception {
    abortedResponseReconnects(jetty.http1Url("/events"), transport());
  }

  @Test
  void http2StreamResetByTheServerReconnects() throws Exception {
    abortedResponseReconnects(jetty.h2cUrl("/events"), h2c());
  }

  /** HTTP/2 flow control: far more than the initial windows, in one write, read on demand. */
  @Test
  void http2CarriesAFourteenMegabyteEvent() throws Exception {
    String data = "0123456789abcdef".repeat(14 * 1024 * 1024 / 16);
    jetty.reply(
        out -> {
          out.send("data: " + data + "\n\ndata: after\n\n");
          out.repeatUntilClientGone(":heartbeat\n", 50);
        });
    connect(builder(jetty.h2cUrl("/events"), h2c()));

    recorder.takeOpen();
    String received = recorder.takeMessage().data();
    assertThat(received.length()).isEqualTo(data.length());
    assertThat(received.equals(data)).as("the data arrived unchanged").isTrue();
    recorder.takeMessage("after");
    assertThat(jetty.takeRequest().version()).isEqualTo("HTTP/2.0");
  }

  /**
   * On HTTP/2 both clients can carry the UTF-8 bytes of a non-ASCII ID. The ID comes from the
   * stream, so it is sent on the reconnection: with an h2c upgrade the first request still travels
   * as HTTP/1.1. Jetty's HPACK decoder gives one char per byte, hence the re-decoding.
   */
  @Test
  void http2CarriesANonAsciiLastEventIdAsUtf8() throws Exception {
    String id = "caf\u00e9 \u2026 \u65e5\u672c";
    jetty.reply(out -> out.send("id: " + id + "\ndata: a\n\n"));
    jetty.reply(out -> out.repeatUntilClientGone(":heartbeat\n", 50));
    connect(builder(jetty.h2cUrl("/events"), h2c()));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeError(ReadyState.CONNECTING);
    recorder.takeOpen();
    jetty.takeRequest();
    Seen reconnect = jetty.takeRequest();
    assertThat(reconnect.version()).isEqualTo("HTTP/2.0");
    String header = reconnect.lastEventId();
    assertThat(header).isNotNull();
    assertThat(new String(header.getBytes(ISO_8859_1), UTF_8)).isEqualTo(id);
  }

  /** The handler fails its callback mid-body: Jetty cuts the connection (1.1) or resets (2). */
  private void abortedResponseReconnects(String url, Transport transport) throws Exception {
    jetty.reply(
        out -> {
          out.send("id: 1\ndata: a\n\ndata: incomplete");
          Thread.sleep(50);
          throw new IllegalStateException("the handler fails mid-stream");
        });
    jetty.reply(
        out -> {
          out.send("data: b\n\n");
          out.repeatUntilClientGone(":heartbeat\n", 50);
        });
    connect(builder(url, transport));

    recorder.takeOpen();
    recorder.takeMessage("a");
    EventSourceException error = recorder.takeError(ReadyState.CONNECTING);
    assertThat(error).isInstanceOf(ConnectionFailedException.class);
    recorder.takeOpen();
    recorder.takeMessage("b");
    jetty.takeRequest();
    assertThat(jetty.takeRequest().lastEventId()).isEqualTo("1");
  }

  /**
   * The first response writes an event, waits until the client has dispatched it (so it cannot have
   * been buffered until the end), writes a second and ends; the reconnection gets a third.
   */
  private Seen[] streamEndAndReconnect(String url, Transport transport) throws Exception {
    CountDownLatch firstDispatched = new CountDownLatch(1);
    jetty.reply(
        out -> {
          out.send("id: 1\ndata: a\n\n");
          assertThat(firstDispatched.await(5, TimeUnit.SECONDS)).isTrue();
          out.send("data: b\n\n");
        });
    jetty.reply(
        out -> {
          out.send("data: c\n\n");
          out.repeatUntilClientGone(":heartbeat\n", 50);
        });
    connect(builder(url, transport));

    recorder.takeOpen();
    recorder.takeMessage("a");
    firstDispatched.countDown();
    recorder.takeMessage("b");
    assertThat(recorder.takeError(ReadyState.CONNECTING)).isInstanceOf(StreamEndedException.class);
    recorder.takeOpen();
    assertThat(recorder.takeMessage("c").lastEventId()).isEqualTo("1");
    Seen first = jetty.takeRequest();
    Seen second = jetty.takeRequest();
    assertThat(first.lastEventId()).isNull();
    assertThat(second.lastEventId()).isEqualTo("1");
    return new Seen[] {first, second};
  }

  private void closeDuringStream(String url, Transport transport, String version) throws Exception {
    CountDownLatch clientGone = new CountDownLatch(1);
    jetty.reply(
        out -> {
          out.send("data: a\n\n");
          out.repeatUntilClientGone(":heartbeat\n", 20);
          clientGone.countDown();
        });
    EventSource source = connect(builder(url, transport));

    recorder.takeOpen();
    recorder.takeMessage("a");
    source.close();
    assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("Jetty saw the stream go").isTrue();
    assertThat(jetty.takeRequest().version()).isEqualTo(version);
    assertThat(jetty.pollRequest(QUIET_MILLIS)).as("a request after close()").isNull();
    recorder.assertSilentFor(0);
  }
}
