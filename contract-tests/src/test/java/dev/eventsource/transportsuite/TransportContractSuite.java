package dev.eventsource.transportsuite;

import dev.eventsource.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The contract every {@link Transport} adapter must meet, run end to end through {@code
 * EventSource} against real servers (MockWebServer, and Jetty as a server nobody here wrote). A
 * subclass only supplies the adapter; the themes below run unchanged for each, and JUnit runs every
 * nested theme once per subclass.
 *
 * <p>Servers bind 127.0.0.1. Waits are real but bounded (see {@link RecordingListener}); reconnects
 * use small reconnection times without backoff.
 */
public abstract class TransportContractSuite {
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
   * {@code "\u2026"}) as UTF-8 on HTTP/1.1, as browsers do (REQUIREMENTS R12). A client that cannot
   * must still send the header, with each non-ASCII byte as {@code ?}, never drop it.
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
