package dev.eventsource.reactive;

import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.transport.Transport;

/** The Reactive Streams TCK over the JDK's HTTP client. */
public class JdkEventPublisherTckTest extends EventPublisherTckTest {
  @Override
  Transport transport() {
    return JdkHttpTransport.create();
  }
}
