package dev.eventsource.samples;

import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.transport.Transport;
import okhttp3.OkHttpClient;

/** Makes the transport the user chose on the command line. */
final class Transports {
  private Transports() {}

  static Transport create(String name) {
    switch (name) {
      case "okhttp":
        return OkHttpTransport.create(new OkHttpClient());
      case "jdk":
        return JdkHttpTransport.create();
      default:
        throw new IllegalArgumentException("unknown transport: " + name);
    }
  }
}
