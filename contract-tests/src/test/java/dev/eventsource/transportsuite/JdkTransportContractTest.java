package dev.eventsource.transportsuite;

import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.testing.suite.TransportContractSuite;
import dev.eventsource.transport.Transport;
import java.net.http.HttpClient;
import org.junit.jupiter.api.DisplayName;

/** The contract suite over {@link JdkHttpTransport}. */
@DisplayName("JDK HttpClient adapter")
class JdkTransportContractTest extends TransportContractSuite {
  /**
   * The default transport, {@code JdkHttpTransport.create()}: the JDK's defaults ({@code
   * Redirect.NEVER}, and HTTP/2 preferred, so on cleartext the first request to a server offers an
   * h2c upgrade that MockWebServer declines) but for its direct executor.
   */
  private static final Transport TRANSPORT = JdkHttpTransport.create();

  /**
   * HTTP/2 over cleartext through the h2c upgrade (the JDK has no prior-knowledge mode), on a
   * client with a direct executor as the default one has, so that HTTP/2 runs on the selector
   * thread too.
   */
  private static final Transport H2C =
      JdkHttpTransport.create(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .executor(Runnable::run)
              .build());

  /**
   * Documented in {@code JdkHttpTransport}: the JDK writes HTTP/1.1 header bytes as US-ASCII, so
   * each byte of a value's UTF-8 form that is not ASCII goes out as {@code ?}; HTTP/2 carries
   * UTF-8.
   */
  @Override
  protected boolean http1HeadersCarryUtf8() {
    return false;
  }

  @Override
  protected Transport transport() {
    return TRANSPORT;
  }

  @Override
  protected Transport h2cTransport() {
    return H2C;
  }
}
