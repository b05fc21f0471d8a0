package dev.eventsource.contracttests;

import org.junit.jupiter.api.Nested;

/** The service's contract over the java.net.http transport. */
class JdkServiceTest {
  @Nested
  class Protocol extends ServiceProtocolContract {
    @Override
    TransportKind transport() {
      return TransportKind.JDK;
    }
  }

  @Nested
  class Requests extends StreamRequestContract {
    @Override
    TransportKind transport() {
      return TransportKind.JDK;
    }
  }

  @Nested
  class Callbacks extends StreamCallbacksContract {
    @Override
    TransportKind transport() {
      return TransportKind.JDK;
    }
  }
}
