package dev.eventsource.reliability;

import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.testing.LocalTls;
import dev.eventsource.transport.Transport;
import java.net.http.HttpClient;
import okhttp3.OkHttpClient;

/**
 * The two transports every reliability test runs over, each on a client configured as an
 * application would by default. One transport per adapter is shared by all tests, as an application
 * shares one.
 */
enum Adapter {
  OKHTTP {
    @Override
    Transport transport() {
      return OkHttpShared.TRANSPORT;
    }

    @Override
    Transport trusting(LocalTls tls) {
      return OkHttpTransport.create(
          OkHttpShared.CLIENT
              .newBuilder()
              .sslSocketFactory(tls.clientSocketFactory(), tls.trustManager())
              .build());
    }
  },
  JDK {
    @Override
    Transport transport() {
      return JdkShared.TRANSPORT;
    }

    @Override
    Transport trusting(LocalTls tls) {
      return JdkHttpTransport.create(
          HttpClient.newBuilder().sslContext(tls.clientContext()).build());
    }
  };

  /** The shared transport over a client with default settings (and the platform's trust). */
  abstract Transport transport();

  /** A transport over a client that trusts the given self-signed certificate, and no other. */
  abstract Transport trusting(LocalTls tls);

  /** Created on first use (the holder idiom), so one adapter's tests start none of the other's. */
  private static final class OkHttpShared {
    static final OkHttpClient CLIENT = new OkHttpClient();
    static final Transport TRANSPORT = OkHttpTransport.create(CLIENT);
  }

  private static final class JdkShared {
    static final Transport TRANSPORT = JdkHttpTransport.create();
  }
}
