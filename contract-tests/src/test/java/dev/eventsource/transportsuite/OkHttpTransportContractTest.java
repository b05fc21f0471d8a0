package dev.eventsource.transportsuite;

import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.testing.suite.TransportContractSuite;
import dev.eventsource.transport.Transport;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.DisplayName;

/** The contract suite over {@link OkHttpTransport}. */
@DisplayName("OkHttp adapter")
class OkHttpTransportContractTest extends TransportContractSuite {
  private static final OkHttpClient CLIENT = new OkHttpClient();
  private static final Transport TRANSPORT = OkHttpTransport.create(CLIENT);

  /** OkHttp speaks cleartext HTTP/2 only with prior knowledge (it never sends an h2c upgrade). */
  private static final Transport H2C =
      OkHttpTransport.create(
          CLIENT.newBuilder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build());

  @Override
  protected Transport transport() {
    return TRANSPORT;
  }

  @Override
  protected Transport h2cTransport() {
    return H2C;
  }
}
