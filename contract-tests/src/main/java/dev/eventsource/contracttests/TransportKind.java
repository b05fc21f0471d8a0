package dev.eventsource.contracttests;

import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.transport.Transport;
import java.util.Locale;
import okhttp3.OkHttpClient;

/** The adapters the service can run the library on, chosen with {@code --transport}. */
enum TransportKind {
  OKHTTP {
    @Override
    Transport create() {
      return OkHttpTransport.create(new OkHttpClient());
    }
  },
  JDK {
    @Override
    Transport create() {
      return JdkHttpTransport.create();
    }
  };

  /** A new transport over a client with default settings, as an application would make one. */
  abstract Transport create();

  /** The name used on the command line and in the service's name: {@code okhttp} or {@code jdk}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind for a command-line name.
   *
   * @throws IllegalArgumentException if the name is neither {@code okhttp} nor {@code jdk}
   */
  static TransportKind fromId(String id) {
    for (TransportKind kind : values()) {
      if (kind.id().equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown transport '" + id + "'; expected okhttp or jdk");
  }
}
