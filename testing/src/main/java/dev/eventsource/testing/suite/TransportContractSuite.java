package dev.eventsource.testing.suite;

import dev.eventsource.testing.RecordingListener;
import dev.eventsource.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The contract every {@link Transport} must meet, run end to end through {@code EventSource}
 * against real servers (MockWebServer, and Jetty as a server nobody here wrote): request headers
 * and bodies, status codes and content types, redirects, reconnection and the read timeout, close,
 * large events and many streams, huge events streamed in parts, the conformance vectors chunk by
 * chunk, chunked transfer, keep-alive and HTTP/2. Both adapters of this project run it, and so can
 * a transport of your own:
 *
 * <pre>{@code
 * class MyTransportContractTest extends TransportContractSuite {
 *   private static final Transport TRANSPORT = MyTransport.create();
 *
 *   @Override
 *   protected Transport transport() {
 *     return TRANSPORT;
 *   }
 * }
 * }</pre>
 *
 * <p>A subclass only supplies the transport; JUnit runs every nested theme once per subclass. The
 * transport is shared by the tests of a run, as an application shares one. Servers bind 127.0.0.1.
 * Waits are real but bounded (see {@link RecordingListener}); reconnects use small reconnection
 * times without backoff. The conformance vectors run where {@code shared/conformance/parsing.json}
 * can be found (see {@link dev.eventsource.testing.ConformanceVectors}), and zero times elsewhere.
 */
public abstract class TransportContractSuite {
  /** For a subclass: the suite needs nothing but the transports. */
  protected TransportContractSuite() {}

  /**
   * The adapter under test over a client as an application would configure it by default.
   *
   * @return a transport, shared by the tests
   */
  protected abstract Transport transport();

  /**
   * The adapter over a client that speaks HTTP/2 over cleartext (prior knowledge or h2c upgrade),
   * or null if the adapter's client cannot: the HTTP/2 tests are then skipped.
   *
   * @return a transport, or null
   */
  protected @Nullable Transport h2cTransport() {
    return null;
  }

  /**
   * Whether the adapter's client writes non-ASCII header values (a {@code Last-Event-ID} such as
   * {@code "\u2026"}) as UTF-8 on HTTP/1.1, as browsers do. A client that cannot must still send
   * the header, with each non-ASCII byte as {@code ?}, never drop it.
   *
   * @return true for UTF-8 on HTTP/1.1
   */
  protected boolean http1HeadersCarryUtf8() {
    return true;
  }

  @Nested
  @DisplayName("request headers and bodies")
  class Requests extends RequestContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("status codes and content types")
  class Responses extends ResponseContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("redirects")
  class Redirects extends RedirectContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("reconnection, retry and read timeout")
  class Reconnection extends ReconnectContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("reconnection at the server's pace, default policy")
  class ServerPace extends ServerPaceContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("close and restart")
  class Closing extends CloseContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("large events and many streams")
  class Volume extends VolumeContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("huge events streamed in parts")
  class StreamedData extends StreamedDataContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("one-shot streams and the pull stream")
  class Pull extends PullStreamContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("parsing.json end to end, a flush per chunk")
  class ParsingVectors extends ParsingVectorContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }

  @Nested
  @DisplayName("Jetty: chunked transfer, keep-alive, HTTP/2")
  class Jetty extends JettyContract {
    @Override
    TransportContractSuite suite() {
      return TransportContractSuite.this;
    }
  }
}
